import type { Attribute, Expression, Range } from './model.js';
import { expressionText, literalValue } from './printer.js';

/**
 * An attribute with its canonical `text` and literal `value`, made the same way for native and
 * JSON syntax so that a `.tf` and a `.tf.json` definition of it compare equal.
 */
export function makeAttribute(name: string, nameRange: Range, expr: Expression, range: Range): Attribute {
  const attribute: Attribute = { name, range, nameRange, expr, text: expressionText(expr) };
  const value = literalValue(expr);
  if (value !== undefined) attribute.value = value;
  return attribute;
}
