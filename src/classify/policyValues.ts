import type { Attribute, Expression, LiteralValue } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';

/**
 * Marks the text of a reference inside a known string. HCL text can hold U+0000 only through an
 * escape, and a literal that does is not read at all, so a marked reference never equals text.
 */
const MARK = '\u0000';

/**
 * References whose value is fixed by the account and partition the provider works in, not by the
 * configuration: the same text at both sides is the same value. (`try(x, "")` of one too: it
 * falls back only when the data source has no instance, which its own change shows.)
 */
const ACCOUNT_CONSTANT =
  /^(try\()?data\.(aws_partition\.[A-Za-z0-9_-]+(\[0\])?\.(partition|dns_suffix)|aws_caller_identity\.[A-Za-z0-9_-]+(\[0\])?\.account_id)(, "[^"\\$%]*"\))?$/;

/**
 * The value of an expression when the configuration alone decides it: literals, tuples and
 * objects of them (bare object keys are strings, as in HCL), strings whose interpolations are
 * account constants (kept as marked text: equal only to the same reference), `jsonencode` (kept
 * as its structure), and `concat`/`distinct`/`compact`/`tolist`/`toset` of known lists. Anything
 * else is undefined.
 */
export function knownValue(expr: Expression): LiteralValue | undefined {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' && expr.value.includes(MARK) ? undefined : expr.value;
    case 'parens':
      return knownValue(expr.inner);
    case 'template':
      return knownTemplate(expr.parts);
    case 'tuple': {
      const items = expr.items.map(knownValue);
      return items.every((item) => item !== undefined) ? (items as LiteralValue[]) : undefined;
    }
    case 'object':
      return knownObject(expr.items);
    case 'call':
      return expr.expandFinal ? undefined : knownCall(expr.name, expr.args.map(knownValue));
    default:
      return undefined;
  }
}

function knownTemplate(parts: Extract<Expression, { kind: 'template' }>['parts']): string | undefined {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      if (part.value.includes(MARK)) return undefined;
      out += part.value;
    } else if (part.kind === 'interpolation' && ACCOUNT_CONSTANT.test(expressionText(part.expr))) {
      out += `${MARK}${expressionText(part.expr)}${MARK}`;
    } else return undefined;
  }
  return out;
}

function knownCall(name: string, args: (LiteralValue | undefined)[]): LiteralValue | undefined {
  if (args.some((arg) => arg === undefined)) return undefined;
  const lists = args.every(Array.isArray) ? (args as LiteralValue[][]) : null;
  switch (name) {
    case 'jsonencode':
      return args.length === 1 ? args[0] : undefined;
    case 'tolist':
    case 'toset':
      return lists?.length === 1 ? lists[0] : undefined;
    case 'concat':
      return lists ? lists.flat(1) : undefined;
    case 'distinct':
      return lists?.length === 1 ? [...new Set(lists[0])] : undefined;
    case 'compact':
      return lists?.length === 1 ? lists[0]!.filter((item) => item !== '' && item !== null) : undefined;
    default:
      return undefined;
  }
}

function knownObject(items: readonly { key: Expression; value: Expression }[]): LiteralValue | undefined {
  const out: { [key: string]: LiteralValue } = {};
  for (const item of items) {
    const key = item.key.kind === 'variable' ? item.key.name : knownValue(item.key);
    const value = knownValue(item.value);
    if (typeof key !== 'string' || value === undefined || Object.hasOwn(out, key)) return undefined;
    out[key] = value;
  }
  return out;
}

/** The attribute's known value; JSON text is read as its structure. */
export function knownAttributeValue(attribute: Attribute): LiteralValue | undefined {
  const value = attribute.value !== undefined ? attribute.value : knownValue(attribute.expr);
  if (typeof value !== 'string') return value;
  // JSON can spell the mark as an escape: such text is not read.
  if (value.includes(MARK) || /\\u0000/i.test(value)) return undefined;
  try {
    return JSON.parse(value) as LiteralValue;
  } catch {
    return undefined;
  }
}
