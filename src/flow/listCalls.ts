import type { Expression } from '../terraform/model.js';
import { writtenCollection } from './writtenCollection.js';

type Call = Extract<Expression, { kind: 'call' }>;
type Literal = Extract<Expression, { kind: 'literal' }>;

/**
 * List functions of lists written out, as the list Terraform computes: `concat` of lists (their
 * elements, whatever they are), `compact`, `distinct` and `sort` of known scalars. A module's
 * `sort(compact(distinct(concat(var.auto_rules, var.rules, [""]))))` is then the few names it
 * selects with, and what it selects from a map is those entries, not any of them. Null where an
 * argument is not a list written out (or, but for `concat`, holds an element not known).
 */
export function foldedList(call: Call, args: Expression[]): Expression | null {
  const lists = args.map(writtenList);
  if (lists.length === 0 || lists.some((list) => list === null)) return null;
  if (call.name === 'concat')
    return tuple(
      lists.flatMap((list) => list!),
      call,
    );
  if (lists.length !== 1) return null;
  const scalars = knownScalars(lists[0]!);
  if (scalars === null) return null;
  switch (call.name) {
    case 'compact':
      // Terraform's compact takes strings, and drops the empty ones and nulls.
      if (scalars.some((item) => item.value !== null && typeof item.value !== 'string')) return null;
      return tuple(
        scalars.filter((item) => item.value !== null && item.value !== ''),
        call,
      );
    case 'distinct': {
      // Elements of several types Terraform converts to one first (1 and "1" are then one): left alone.
      if (new Set(scalars.map((item) => typeof item.value)).size > 1) return null;
      const seen = new Set<string>();
      return tuple(
        scalars.filter((item) => {
          const key = `${typeof item.value}:${String(item.value)}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        }),
        call,
      );
    }
    case 'sort':
      if (scalars.some((item) => typeof item.value !== 'string')) return null;
      return tuple(
        [...scalars].sort((a, b) => ((a.value as string) < (b.value as string) ? -1 : a.value === b.value ? 0 : 1)),
        call,
      );
    default:
      return null;
  }
}

function writtenList(arg: Expression): readonly Expression[] | null {
  const list = writtenCollection(arg, LIST_CASTS);
  return list?.kind === 'tuple' ? list.items : null;
}

/** A list converted to a list is that list (a set's order and duplicates would not be). */
const LIST_CASTS: ReadonlySet<string> = new Set(['tolist']);

function knownScalars(items: readonly Expression[]): Literal[] | null {
  const scalars: Literal[] = [];
  for (const item of items) {
    if (item.kind !== 'literal') return null;
    scalars.push(item);
  }
  return scalars;
}

function tuple(items: readonly Expression[], call: Call): Expression {
  return { kind: 'tuple', items: [...items], range: call.range };
}
