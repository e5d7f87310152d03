import type { Expression } from '../terraform/model.js';

type Collection = Extract<Expression, { kind: 'tuple' | 'object' }>;

/**
 * The tuple or object written out inside parentheses and the type conversions named in `casts`
 * (`toset([...])`, `tomap({...})`); null when the expression is not one. Which conversions may be
 * looked through is the caller's: a set's order and duplicates are not the list's.
 */
export function writtenCollection(expr: Expression | undefined, casts: ReadonlySet<string>): Collection | null {
  if (expr === undefined) return null;
  if (expr.kind === 'parens') return writtenCollection(expr.inner, casts);
  if (expr.kind === 'call' && casts.has(expr.name) && expr.args.length === 1)
    return writtenCollection(expr.args[0], casts);
  return expr.kind === 'tuple' || expr.kind === 'object' ? expr : null;
}
