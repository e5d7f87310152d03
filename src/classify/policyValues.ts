import { isAnyOfName, iteratorOfKey } from '../flow/anyEntry.js';
import type { Attribute, Expression, LiteralValue } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';
import { renderedWithDirectives } from './templateDirectives.js';

/**
 * Marks the text of a reference inside a known string. HCL text can hold U+0000 only through an
 * escape, and a literal that does is not read at all, so a marked reference never equals text.
 */
const MARK = '\u0000';

/**
 * References whose value is fixed by the account, partition and region the provider works in, not
 * by the configuration: the same text at both sides is the same value (`data.aws_region`'s region
 * is the provider's, or the one its own arguments name: a change of those is a change of it). (`try(x, "")` of one too: it
 * falls back only when the data source has no instance, which its own change shows.)
 */
const ACCOUNT_CONSTANT =
  /^(try\()?data\.(aws_partition\.[A-Za-z0-9_-]+(\[0\])?\.(partition|dns_suffix)|aws_caller_identity\.[A-Za-z0-9_-]+(\[0\])?\.account_id|aws_region\.[A-Za-z0-9_-]+(\[0\])?\.(region|name))(, "[^"\\$%]*"\))?$/;

/** What iterators (`statement`, `principals`, a `for` variable) stand for while a block or expression is expanded. */
export type Bindings = ReadonlyMap<string, LiteralValue | undefined>;
const NO_BINDINGS: Bindings = new Map();

/**
 * The value of an expression when the configuration alone decides it: literals, tuples and
 * objects of them (bare object keys are strings, as in HCL), strings whose interpolations are
 * account constants (kept as marked text: equal only to the same reference), `jsonencode` (kept
 * as its structure), `concat`/`distinct`/`compact`/`tolist`/`toset` of known lists, and the
 * iterators in `bindings` with the attributes, elements, conditions, comparisons, `for`
 * expressions and functions (`coalesce`, `coalescelist`, `flatten`, `length`, `try` of one argument; `replace`,
 * `trimprefix`, `trimsuffix` of plain text) that read them.
 * Anything else is undefined.
 */
export function knownValue(expr: Expression, bindings: Bindings = NO_BINDINGS): LiteralValue | undefined {
  if (isAccountConstant(expr)) return `${MARK}${expressionText(expr)}${MARK}`;
  const known = (inner: Expression) => knownValue(inner, bindings);
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' && expr.value.includes(MARK) ? undefined : expr.value;
    case 'parens':
      return known(expr.inner);
    case 'template':
      return knownTemplate(expr.parts, bindings);
    case 'tuple': {
      // An element that is a settled reference is one value (a string, where a policy reads it).
      const items = expr.items.map((item) => known(item) ?? settledText(item, bindings));
      return items.every((item) => item !== undefined) ? (items as LiteralValue[]) : undefined;
    }
    case 'object':
      return knownObject(expr.items, bindings);
    case 'call':
      if (isAnyOfName(expr.name)) return sameInEvery(expr.args, bindings);
      return expr.expandFinal ? undefined : knownCall(expr.name, expr.args, bindings);
    case 'variable':
      return bindings.get(expr.name);
    case 'getAttr':
      return member(known(expr.target), expr.name);
    case 'index': {
      // `ingress.value` as the resolver reads it: the element the iterator is at.
      const iterator = iteratorOfKey(expr.key);
      if (iterator !== null && bindings.has(iterator)) return member(bindings.get(iterator), 'value');
      const key = known(expr.key);
      return typeof key === 'string' || typeof key === 'number' ? member(known(expr.target), key) : undefined;
    }
    case 'conditional': {
      const cond = known(expr.cond);
      return typeof cond === 'boolean' ? known(cond ? expr.then : expr.else) : undefined;
    }
    case 'unary': {
      const operand = known(expr.operand);
      return expr.op === '!' && typeof operand === 'boolean' ? !operand : undefined;
    }
    case 'binary':
      return knownBinary(expr.op, known(expr.left), known(expr.right));
    case 'for':
      return knownFor(expr, bindings);
    default:
      return undefined;
  }
}

function isAccountConstant(expr: Expression): boolean {
  return (
    (expr.kind === 'getAttr' || (expr.kind === 'call' && expr.name === 'try')) &&
    ACCOUNT_CONSTANT.test(expressionText(expr))
  );
}

/** An object's attribute or a list's element; undefined when absent (an error in Terraform). */
function member(target: LiteralValue | undefined, key: string | number): LiteralValue | undefined {
  if (Array.isArray(target)) return typeof key === 'number' && Number.isInteger(key) ? target[key] : undefined;
  if (target === null || typeof target !== 'object') return undefined;
  const name = String(key);
  return Object.hasOwn(target, name) ? target[name] : undefined;
}

/** Comparisons Terraform decides the same way: with null, or between two values of one primitive type. */
function knownBinary(
  op: string,
  left: LiteralValue | undefined,
  right: LiteralValue | undefined,
): LiteralValue | undefined {
  if (left === undefined || right === undefined) return undefined;
  if (
    (op === '==' || op === '!=') &&
    (left === null || right === null || (isScalar(left) && typeof left === typeof right))
  )
    return (left === right) === (op === '==');
  if (typeof left === 'boolean' && typeof right === 'boolean') {
    if (op === '&&') return left && right;
    if (op === '||') return left || right;
  }
  if (typeof left === 'number' && typeof right === 'number') {
    if (op === '<') return left < right;
    if (op === '<=') return left <= right;
    if (op === '>') return left > right;
    if (op === '>=') return left >= right;
  }
  return undefined;
}

function isScalar(value: LiteralValue): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** `[for v in xs : ...]` and `{for k, v in m : k => ...}` over a known collection (no grouping). */
function knownFor(expr: Extract<Expression, { kind: 'for' }>, bindings: Bindings): LiteralValue | undefined {
  const collection = knownValue(expr.collection, bindings);
  if (collection === null || typeof collection !== 'object' || expr.group) return undefined;
  // A list's keys are indexes but a set's are its values, and toset() is read as a list: not known.
  const entries: [LiteralValue | undefined, LiteralValue][] = Array.isArray(collection)
    ? collection.map((item) => [undefined, item])
    : Object.keys(collection)
        .sort()
        .map((key) => [key, collection[key]!]);
  const list: LiteralValue[] = [];
  const map: { [key: string]: LiteralValue } = {};
  for (const [key, value] of entries) {
    const inner = new Map(bindings);
    inner.set(expr.valueVar, value);
    if (expr.keyVar) inner.set(expr.keyVar, key);
    if (expr.cond) {
      const keep = knownValue(expr.cond, inner);
      if (typeof keep !== 'boolean') return undefined;
      if (!keep) continue;
    }
    const item = knownValue(expr.value, inner);
    if (item === undefined) return undefined;
    if (!expr.key) {
      list.push(item);
      continue;
    }
    const name = knownValue(expr.key, inner);
    if (typeof name !== 'string' || Object.hasOwn(map, name)) return undefined;
    map[name] = item;
  }
  return expr.key ? map : list;
}

function knownTemplate(
  parts: Extract<Expression, { kind: 'template' }>['parts'],
  bindings: Bindings,
): string | undefined {
  const rendered = renderedWithDirectives(
    parts,
    bindings,
    (part, inner) => {
      if (part.kind === 'text') return part.value.includes(MARK) ? null : part.value;
      const value = knownValue(part.expr, inner);
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return value === undefined ? (settledText(part.expr, inner) ?? null) : null;
    },
    knownValue,
  );
  return rendered ?? undefined;
}

/** A settled reference (see isSettledReference) as marked text, equal only to itself; else undefined. */
function settledText(expr: Expression, bindings: Bindings): string | undefined {
  return isSettledReference(expr, bindings) ? `${MARK}${expressionText(expr)}${MARK}` : undefined;
}

/** References that are no iterator of their own: one per configuration, whatever element is expanded. */
const PER_INSTANCE_ROOTS: ReadonlySet<string> = new Set(['each', 'count', 'self']);

/**
 * `var.cluster_name`, `data.aws_region.current[0].region`, `aws_s3_bucket.logs.arn` (or `try` of
 * one and a literal, or a data source's value as a lookup) interpolated in a string: a reference the resolver could not read further, to one value of the
 * configuration (no iterator, no `each`, only literal keys). The same text at both sides is the
 * same value, as the change set compares it; kept as marked text, equal only to itself.
 */
function isSettledReference(expr: Expression, bindings: Bindings): boolean {
  // What a data source fetches, bound to what it asks (flow/lookupValues.ts): one value per lookup.
  if (expr.kind === 'call' && expr.name === 'four_eyes_lookup' && expr.args.length === 2)
    return expr.args[1]!.kind === 'literal' && isSettledReference(expr.args[0]!, bindings);
  // `try(aws_eks_cluster.this[0].name, "")` (or `null`): it falls back only where the object has no
  // instance, which the object's own change shows.
  if (expr.kind === 'call' && expr.name === 'try' && expr.args.length === 2) {
    const fallback = expr.args[1]!;
    return (
      fallback.kind === 'literal' &&
      (typeof fallback.value === 'string' || fallback.value === null) &&
      isSettledReference(expr.args[0]!, bindings)
    );
  }
  let current = expr;
  for (;;) {
    if (current.kind === 'getAttr') {
      if (current.name.startsWith('four_eyes_')) return false;
      current = current.target;
    } else if (current.kind === 'index') {
      if (current.key.kind !== 'literal') return false;
      current = current.target;
    } else break;
  }
  return (
    current !== expr &&
    current.kind === 'variable' &&
    !bindings.has(current.name) &&
    !PER_INSTANCE_ROOTS.has(current.name) &&
    !current.name.startsWith('four_eyes_')
  );
}

/** "Any of these values" is known when every one of them is the same known value. */
function sameInEvery(values: readonly Expression[], bindings: Bindings): LiteralValue | undefined {
  const known = values.map((value) => knownValue(value, bindings));
  const [first] = known;
  if (first === undefined || known.some((value) => value === undefined)) return undefined;
  const text = JSON.stringify(first);
  return known.every((value) => JSON.stringify(value) === text) ? first : undefined;
}

function knownCall(name: string, argExprs: readonly Expression[], bindings: Bindings): LiteralValue | undefined {
  // try(x) is x or an error. With fallbacks it is not read: where this reader finds a value that
  // Terraform rejects (a conditional of two types), Terraform would take the fallback.
  if (name === 'try') return argExprs.length === 1 ? knownValue(argExprs[0]!, bindings) : undefined;
  const args = argExprs.map((arg) => knownValue(arg, bindings));
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
    case 'coalesce':
      // Terraform fails when every argument is null or "", and converts mixed types: neither is read.
      if (!args.every((arg) => arg === null || typeof arg === 'string')) return undefined;
      return args.find((arg) => arg !== null && arg !== '');
    case 'coalescelist':
      return lists ? lists.find((list) => list.length > 0) : undefined;
    case 'flatten':
      return lists?.length === 1 ? flattened(lists[0]!) : undefined;
    case 'replace':
    case 'trimprefix':
    case 'trimsuffix':
      return knownText(name, args as LiteralValue[]);
    case 'length': {
      const [only] = args;
      if (args.length !== 1 || only === null || typeof only !== 'object') return undefined;
      return Array.isArray(only) ? only.length : Object.keys(only).length;
    }
    default:
      return undefined;
  }
}

function flattened(list: readonly LiteralValue[]): LiteralValue[] {
  return list.flatMap((item) => (Array.isArray(item) ? flattened(item) : [item]));
}

/**
 * `replace` of a substring (not a `/regex/`), `trimprefix`, `trimsuffix` of plain strings. Text
 * holding a marked reference is not edited: an edit inside the mark could turn one reference's
 * text into another's.
 */
function knownText(name: string, args: readonly LiteralValue[]): string | undefined {
  if (!args.every((arg) => typeof arg === 'string') || args.some((arg) => arg.includes(MARK))) return undefined;
  const [text, part, replacement] = args as string[];
  if (name === 'replace') {
    if (args.length !== 3 || part === '' || /^\/.*\/$/.test(part!)) return undefined;
    return text!.split(part!).join(replacement);
  }
  if (args.length !== 2) return undefined;
  if (name === 'trimprefix') return text!.startsWith(part!) ? text!.slice(part!.length) : text;
  return part !== '' && text!.endsWith(part!) ? text!.slice(0, -part!.length) : text;
}

function knownObject(
  items: readonly { key: Expression; value: Expression }[],
  bindings: Bindings,
): LiteralValue | undefined {
  const out: { [key: string]: LiteralValue } = {};
  for (const item of items) {
    const key = item.key.kind === 'variable' ? item.key.name : knownValue(item.key, bindings);
    const value = knownValue(item.value, bindings);
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
