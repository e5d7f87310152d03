import type { Expression } from '../terraform/model.js';

type Resolve = (part: Expression) => Expression;

/**
 * `expr` with each of its parts resolved by `resolve`, in source order (the order the resolver
 * collects sources in); `expr` itself when no part changed, so what stays the same keeps its
 * identity. Only the structure is rebuilt here: references, indexes, templates and calls are the
 * resolver's. A splat's `each` is not a part: it is read per element.
 */
export function withResolvedParts(expr: Expression, resolve: Resolve): Expression {
  switch (expr.kind) {
    case 'parens': {
      const inner = resolve(expr.inner);
      return inner === expr.inner ? expr : { ...expr, inner };
    }
    case 'tuple': {
      const items = resolvedList(expr.items, resolve);
      return items === expr.items ? expr : { ...expr, items };
    }
    case 'object':
      return resolvedObject(expr, resolve);
    case 'unary': {
      const operand = resolve(expr.operand);
      return operand === expr.operand ? expr : { ...expr, operand };
    }
    case 'binary': {
      const left = resolve(expr.left);
      const right = resolve(expr.right);
      return left === expr.left && right === expr.right ? expr : { ...expr, left, right };
    }
    case 'conditional': {
      const cond = resolve(expr.cond);
      const then = resolve(expr.then);
      const otherwise = resolve(expr.else);
      return cond === expr.cond && then === expr.then && otherwise === expr.else
        ? expr
        : { ...expr, cond, then, else: otherwise };
    }
    case 'for':
      return resolvedFor(expr, resolve);
    case 'splat': {
      const source = resolve(expr.source);
      return source === expr.source ? expr : { ...expr, source };
    }
    default:
      return expr;
  }
}

/** `items` each resolved; the same array when none changed. */
export function resolvedList(items: Expression[], resolve: Resolve): Expression[] {
  let changed = false;
  const out = items.map((item) => {
    const resolved = resolve(item);
    if (resolved !== item) changed = true;
    return resolved;
  });
  return changed ? out : items;
}

/** A bare word as an object key is a name, not a reference: only expression keys are resolved. */
function resolvedObject(expr: Extract<Expression, { kind: 'object' }>, resolve: Resolve): Expression {
  let changed = false;
  const items = expr.items.map((item) => {
    const key = item.key.kind === 'variable' ? item.key : resolve(item.key);
    const value = resolve(item.value);
    if (key !== item.key || value !== item.value) changed = true;
    return { key, value };
  });
  return changed ? { ...expr, items } : expr;
}

function resolvedFor(expr: Extract<Expression, { kind: 'for' }>, resolve: Resolve): Expression {
  const collection = resolve(expr.collection);
  const key = expr.key && resolve(expr.key);
  const value = resolve(expr.value);
  const cond = expr.cond && resolve(expr.cond);
  return collection === expr.collection && key === expr.key && value === expr.value && cond === expr.cond
    ? expr
    : { ...expr, collection, key, value, cond };
}
