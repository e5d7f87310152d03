import type { Expression } from '../terraform/model.js';
import { select } from './anyEntry.js';

/**
 * An operator whose resolved operands are literals, as Terraform evaluates it: `true && true` is
 * `true`, `"a" == "b"` is `false`, `!false` is `true`, and a conditional with a literal condition
 * is the branch it takes. So a flag added with a default that keeps the old behaviour
 * (`count = var.enabled && var.new_flag ? n : 0`, `new_flag` true) gives the value it gave
 * before, as in Terraform's plan. `&&` and `||` with one known operand are what a boolean can
 * only give: `false && x` is `false`, `true && x` is `x` (Terraform's operators short-circuit
 * on a known operand, and `x` can only be a boolean). Null where nothing folds.
 */
export function foldedOperator(expr: Expression): Expression | null {
  switch (expr.kind) {
    case 'conditional': {
      const cond = literalOf(expr.cond);
      return typeof cond === 'boolean' ? (cond ? expr.then : expr.else) : null;
    }
    case 'unary': {
      const operand = literalOf(expr.operand);
      if (expr.op === '-' && typeof operand === 'number') return withValue(expr, -operand);
      return expr.op === '!' && typeof operand === 'boolean' ? withValue(expr, !operand) : null;
    }
    case 'binary':
      return foldedBinary(expr);
    case 'for':
      // Nothing to iterate, nothing made: `[for v in [] : …]` is `[]` whatever `…` reads.
      return hasNoElements(expr.collection)
        ? expr.key === null
          ? { kind: 'tuple', items: [], range: expr.range }
          : { kind: 'object', items: [], range: expr.range }
        : null;
    case 'splat':
      return foldedSplat(expr);
    default:
      return null;
  }
}

/**
 * A splat over a list written out, each element's attributes and indexes known: the list of what
 * it selects (`[{ cidr = "0.0.0.0/0" }][*].cidr` is `["0.0.0.0/0"]`), as over `null` it is `[]`.
 * Null where the source is not such a list or an element lacks what is selected (an error).
 */
function foldedSplat(expr: Extract<Expression, { kind: 'splat' }>): Expression | null {
  const source = expr.source.kind === 'parens' ? expr.source.inner : expr.source;
  if (source.kind === 'literal' && source.value === null) return { kind: 'tuple', items: [], range: expr.range };
  if (source.kind !== 'tuple') return null;
  const items: Expression[] = [];
  for (const item of source.items) {
    const selected = selectedIn(expr.each, item);
    if (selected === null) return null;
    items.push(selected);
  }
  return { kind: 'tuple', items, range: expr.range };
}

/** What a splat's per-element traversal (`.cidr`, `[0]`) selects in one element; null where not known. */
function selectedIn(each: Expression, element: Expression): Expression | null {
  switch (each.kind) {
    case 'splatItem':
      return element;
    case 'getAttr': {
      const target = selectedIn(each.target, element);
      return target && select(target, { kind: 'literal', value: each.name, range: each.range });
    }
    case 'index': {
      const target = selectedIn(each.target, element);
      return target && select(target, each.key);
    }
    default:
      return null;
  }
}

/**
 * A collection written out empty. Not "any of" no entries: inside an object that a root default
 * leaves without instances, `each.value` is that, and the deployment fills it (see instances.ts).
 */
function hasNoElements(expr: Expression): boolean {
  if (expr.kind === 'parens') return hasNoElements(expr.inner);
  return (expr.kind === 'tuple' || expr.kind === 'object') && expr.items.length === 0;
}

type Literal = string | number | boolean | null;

function foldedBinary(expr: Extract<Expression, { kind: 'binary' }>): Expression | null {
  const left = literalOf(expr.left);
  const right = literalOf(expr.right);
  if (expr.op === '&&' || expr.op === '||') {
    // The value that decides alone: false for &&, true for ||; the other one leaves the other operand.
    const decisive = expr.op === '||';
    if (left === decisive || right === decisive) return withValue(expr, decisive);
    if (left === !decisive) return expr.right;
    if (right === !decisive) return expr.left;
    return null;
  }
  if (left === undefined || right === undefined) return null;
  if (typeof left === 'number' && typeof right === 'number') return foldedArithmetic(expr, left, right);
  switch (expr.op) {
    case '==':
    case '!=': {
      // Values of different types are never equal in Terraform; null equals only null.
      if (left !== null && right !== null && typeof left !== typeof right) return withValue(expr, expr.op === '!=');
      return withValue(expr, (left === right) === (expr.op === '=='));
    }
    default:
      return null;
  }
}

/**
 * Arithmetic and comparison of two numbers written out: `count = 0 + 0` (a module's automatic
 * and requested rule counts added) is no instance. Whole results only, where a double holds them
 * exactly as Terraform's arbitrary-precision numbers would; no division by zero (an error).
 */
function foldedArithmetic(
  expr: Extract<Expression, { kind: 'binary' }>,
  left: number,
  right: number,
): Expression | null {
  const compared: Partial<Record<string, boolean>> = {
    '==': left === right,
    '!=': left !== right,
    '<': left < right,
    '<=': left <= right,
    '>': left > right,
    '>=': left >= right,
  };
  const decided = compared[expr.op];
  if (decided !== undefined) return withValue(expr, decided);
  const value =
    expr.op === '+'
      ? left + right
      : expr.op === '-'
        ? left - right
        : expr.op === '*'
          ? left * right
          : expr.op === '/' && right !== 0
            ? left / right
            : expr.op === '%' && right !== 0
              ? left % right
              : null;
  return value !== null && Number.isSafeInteger(value) ? withValue(expr, value) : null;
}

/** The value of a literal (through parentheses); undefined for anything else. */
function literalOf(expr: Expression): Literal | undefined {
  if (expr.kind === 'parens') return literalOf(expr.inner);
  return expr.kind === 'literal' ? expr.value : undefined;
}

function withValue(expr: Expression, value: boolean | number): Expression {
  return { kind: 'literal', value, range: expr.range };
}
