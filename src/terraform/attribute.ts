import type { Attribute, Expression, Range } from './model.js';
import { expressionText, literalValue } from './printer.js';

/**
 * An attribute with its canonical `text` and literal `value`, made the same way for native and
 * JSON syntax so that a `.tf` and a `.tf.json` definition of it compare equal.
 */
export function makeAttribute(name: string, nameRange: Range, expr: Expression, range: Range): Attribute {
  const attribute: Attribute = { name, range, nameRange, expr, text: flat(expressionText(expr)) };
  const value = literalValue(expr);
  if (value !== undefined) attribute.value = value;
  return attribute;
}

/**
 * The text as one flat string. Built by concatenation, it is a tree of string pieces (V8's cons
 * strings) taking several times its length; reading a character makes V8 flatten it in place
 * (a conversion to a number would too, but optimised code drops an unused conversion).
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
