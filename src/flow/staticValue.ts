import type { Expression } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';

/** Functions that only convert a collection: its size is the size of their argument. */
const CONVERSIONS = new Set([
  'toset',
  'tolist',
  'tomap',
  'distinct',
  'compact',
  'sort',
  'reverse',
  'flatten',
  'keys',
  'values',
]);

/**
 * Whether `count` / `for_each` is known, without running Terraform, to make no instance at all:
 * 0, an empty collection, or a conditional that picks one. Anything else may make instances,
 * and is treated as making them.
 */
export function makesNoInstances(meta: 'count' | 'for_each', expr: Expression): boolean {
  if (meta === 'count') return staticNumber(expr) === 0;
  return staticSize(expr) === 0;
}

function staticNumber(expr: Expression): number | undefined {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'number'
        ? expr.value
        : typeof expr.value === 'string' && /^\d+$/.test(expr.value)
          ? Number(expr.value)
          : undefined;
    case 'parens':
      return staticNumber(expr.inner);
    case 'conditional': {
      const cond = staticBool(expr.cond);
      return cond === undefined ? undefined : staticNumber(cond ? expr.then : expr.else);
    }
    case 'call': {
      if (expr.name !== 'length' || expr.args.length !== 1) return undefined;
      const collection = expr.args[0]!;
      return exactLength(collection) ?? (staticSize(collection) === 0 ? 0 : undefined);
    }
    default:
      return undefined;
  }
}

/** Conversions that keep every element: the size of their argument. */
const SIZE_KEEPING = new Set(['tolist', 'tomap', 'sort', 'reverse', 'keys', 'values']);

/**
 * How many elements a collection written out has: a tuple's items, a map's distinct keys, a set's
 * distinct scalars. Undefined where an element or key is not known (a set of computed values may
 * hold duplicates).
 */
function exactLength(expr: Expression): number | undefined {
  switch (expr.kind) {
    case 'parens':
      return exactLength(expr.inner);
    case 'tuple':
      return expr.items.length;
    case 'object': {
      const keys = forEachKeys(expr);
      return keys === undefined ? undefined : new Set(keys).size;
    }
    case 'conditional': {
      const cond = staticBool(expr.cond);
      return cond === undefined ? undefined : exactLength(cond ? expr.then : expr.else);
    }
    case 'call': {
      const [arg] = expr.args;
      if (expr.args.length !== 1 || !arg) return undefined;
      if (SIZE_KEEPING.has(expr.name)) return exactLength(arg);
      if (expr.name !== 'toset' && expr.name !== 'distinct') return undefined;
      const elements = forEachKeys(arg);
      return elements === undefined ? undefined : new Set(elements).size;
    }
    default:
      return undefined;
  }
}

function staticSize(expr: Expression): number | undefined {
  switch (expr.kind) {
    case 'tuple':
      return expr.items.length === 0 ? 0 : undefined;
    case 'object':
      return expr.items.length === 0 ? 0 : undefined;
    case 'parens':
      return staticSize(expr.inner);
    case 'conditional': {
      const cond = staticBool(expr.cond);
      return cond === undefined ? undefined : staticSize(cond ? expr.then : expr.else);
    }
    case 'call':
      return CONVERSIONS.has(expr.name) && expr.args.length === 1 ? staticSize(expr.args[0]!) : undefined;
    case 'literal':
      return expr.value === null ? 0 : undefined;
    case 'for':
      // A `for` makes at most one element per element of its collection (a condition only drops some).
      return staticSize(expr.collection) === 0 ? 0 : undefined;
    default:
      return undefined;
  }
}

function staticBool(expr: Expression): boolean | undefined {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'boolean'
        ? expr.value
        : expr.value === 'true'
          ? true
          : expr.value === 'false'
            ? false
            : undefined;
    case 'parens':
      return staticBool(expr.inner);
    case 'unary': {
      const operand = staticBool(expr.operand);
      return expr.op === '!' && operand !== undefined ? !operand : undefined;
    }
    case 'binary': {
      // `var.groups != null` where the value is a map written out: never null.
      const nullTest = comparedWithNull(expr.left, expr.right) ?? comparedWithNull(expr.right, expr.left);
      if (nullTest !== undefined && (expr.op === '==' || expr.op === '!='))
        return expr.op === '==' ? nullTest : !nullTest;
      const left = scalar(expr.left);
      const right = scalar(expr.right);
      if (left === undefined || right === undefined) return undefined;
      if (expr.op === '==') return left === right;
      if (expr.op === '!=') return left !== right;
      if (typeof left === 'number' && typeof right === 'number') {
        if (expr.op === '<') return left < right;
        if (expr.op === '<=') return left <= right;
        if (expr.op === '>') return left > right;
        if (expr.op === '>=') return left >= right;
      }
      if (typeof left === 'boolean' && typeof right === 'boolean') {
        if (expr.op === '&&') return left && right;
        if (expr.op === '||') return left || right;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Whether `value` is null, when `other` is the null literal and `value` a collection written out; else undefined. */
function comparedWithNull(value: Expression, other: Expression): boolean | undefined {
  const inner = (e: Expression): Expression => (e.kind === 'parens' ? inner(e.inner) : e);
  const literal = inner(other);
  if (literal.kind !== 'literal' || literal.value !== null) return undefined;
  const kind = inner(value).kind;
  return kind === 'object' || kind === 'tuple' ? false : undefined;
}

function scalar(expr: Expression): string | number | boolean | null | undefined {
  if (expr.kind === 'parens') return scalar(expr.inner);
  if (expr.kind === 'literal') return expr.value;
  return staticBool(expr) ?? staticNumber(expr);
}

/** Functions whose result has every key of every argument, and no other. */
const KEY_JOINING = new Set(['concat', 'setunion', 'merge']);

/** Conversions that keep a collection's keys (a set's keys are its elements). */
const KEY_KEEPING = new Set(['toset', 'tomap', 'tolist', 'distinct', 'sort']);

/**
 * The instance keys `count` / `for_each` makes, when known without running Terraform: `0`…`n-1`
 * for a count, a map's keys or a set's elements for a for_each; undefined when not known.
 */
export function instanceKeys(meta: 'count' | 'for_each', expr: Expression): string[] | undefined {
  if (meta === 'count') {
    const count = staticNumber(expr);
    return count === undefined ? undefined : Array.from({ length: count }, (_, i) => String(i));
  }
  return forEachKeys(expr);
}

function forEachKeys(expr: Expression): string[] | undefined {
  switch (expr.kind) {
    case 'parens':
      return forEachKeys(expr.inner);
    case 'object': {
      const keys = expr.items.map((item) => (item.key.kind === 'variable' ? item.key.name : scalar(item.key)));
      return keys.every((key) => typeof key === 'string' || typeof key === 'number') ? keys.map(String) : undefined;
    }
    case 'tuple': {
      const items = expr.items.map(scalar);
      return items.every((item) => typeof item === 'string' || typeof item === 'number')
        ? items.map(String)
        : undefined;
    }
    case 'conditional': {
      const cond = staticBool(expr.cond);
      return cond === undefined ? undefined : forEachKeys(cond ? expr.then : expr.else);
    }
    case 'call': {
      if (KEY_KEEPING.has(expr.name) && expr.args.length === 1) return forEachKeys(expr.args[0]!);
      // A set built of lists written out has their elements as keys; a merge, the maps' keys.
      if (!KEY_JOINING.has(expr.name)) return undefined;
      const all: string[] = [];
      for (const arg of expr.args) {
        const keys = forEachKeys(arg);
        if (keys === undefined) return undefined;
        all.push(...keys);
      }
      return [...new Set(all)];
    }
    case 'literal':
      return expr.value === null ? [] : undefined;
    case 'for':
      return forKeys(expr);
    default:
      return undefined;
  }
}

/**
 * `{ for k, v in m : k => v if … }` over a map whose keys are known: those keys whose entry may
 * pass the condition. The condition is evaluated where the entry is written out
 * (`if v.enabled` with `enabled = false`): an entry switched on is then a key the result gains,
 * which creates an instance. Where it cannot be known, the key may pass: a key new in `m` may
 * create an instance, one gone from it may delete one, and the same keys with other values make none.
 */
function forKeys(expr: Extract<Expression, { kind: 'for' }>): string[] | undefined {
  if (expr.group || !expr.key || expr.keyVar === null) return undefined;
  const key = expr.key.kind === 'parens' ? expr.key.inner : expr.key;
  if (key.kind !== 'variable' || key.name !== expr.keyVar) return undefined;
  if (expr.collection.kind !== 'object' && !(expr.collection.kind === 'call' && KEY_KEEPING.has(expr.collection.name)))
    return undefined;
  const keys = forEachKeys(expr.collection);
  if (!keys || !expr.cond || expr.collection.kind !== 'object') return keys;
  const values = new Map(expr.collection.items.map((item) => [objectKeyText(item.key), item.value]));
  const { keyVar, valueVar, cond } = expr;
  return keys.filter((k) => {
    const value = values.get(k);
    if (value === undefined) return true;
    const bindings = new Map<string, Expression>([
      [keyVar, { kind: 'literal', value: k, range: cond.range }],
      [valueVar, value],
    ]);
    return staticBool(bound(cond, bindings)) !== false;
  });
}

/**
 * An expression with the loop variables of a `for` replaced by an entry's key and value, and
 * attributes of objects written out selected (`v.enabled` → `false`), so the condition can be
 * read; what cannot be replaced stays as written.
 */
function bound(expr: Expression, bindings: ReadonlyMap<string, Expression>): Expression {
  switch (expr.kind) {
    case 'variable':
      return bindings.get(expr.name) ?? expr;
    case 'parens':
      return { ...expr, inner: bound(expr.inner, bindings) };
    case 'getAttr': {
      const target = bound(expr.target, bindings);
      if (target.kind === 'object') {
        const item = [...target.items].reverse().find((entry) => objectKeyText(entry.key) === expr.name);
        if (item) return item.value;
      }
      return { ...expr, target };
    }
    case 'unary':
      return { ...expr, operand: bound(expr.operand, bindings) };
    case 'binary':
      return { ...expr, left: bound(expr.left, bindings), right: bound(expr.right, bindings) };
    default:
      return expr;
  }
}
