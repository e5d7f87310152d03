import type { ValueMatcher } from '../model/policy.js';
import type { Body } from '../terraform/model.js';
import { configurationPathMatches } from './attributePath.js';
import { type ValueMatch, valueMatches } from './valueMatches.js';

/**
 * What an update does to the values a rule flags:
 * - `introduced`: a matching value in a unit (statement, rule, binding) the base did not have;
 * - `widened`: a unit that had a match changed and still has one (actions added to a statement
 *   whose Resource is "*"), or the match is unchanged but an attribute of the matcher's
 *   `widenedBy` changed;
 * - `removed`: a unit with a match is gone and nothing changed took its place.
 */
export type ValueChange = 'introduced' | 'widened' | 'removed';

export interface ValueChangeMatch {
  change: ValueChange;
  match: ValueMatch;
  /** widened because an attribute of the matcher's `widenedBy` changed (the match itself did not) */
  byAttribute?: true;
}

/**
 * How an update changes a rule's value matches, or null when it leaves them alone (another
 * statement of the same policy changed, or nothing matches at all). Introduced matches are
 * reported first, then widened ones, then removals.
 */
export function valueChangeBetween(
  base: Body,
  head: Body,
  matchers: readonly ValueMatcher[],
  changedPaths: readonly string[],
): ValueChangeMatch | null {
  const found: ValueChangeMatch[] = matchers.flatMap((matcher) => matcherChanges(base, head, matcher, changedPaths));
  for (const change of ['introduced', 'widened', 'removed'] as const) {
    const first = found.find((entry) => entry.change === change);
    if (first) return first;
  }
  return null;
}

function matcherChanges(
  base: Body,
  head: Body,
  matcher: ValueMatcher,
  changedPaths: readonly string[],
): ValueChangeMatch[] {
  const before = valueMatches(base, matcher);
  const after = valueMatches(head, matcher);
  if (before.length === 0 && after.length === 0) return [];
  const baseUnits = new Set(before.map(unitKey));
  const headUnits = new Set(after.map(unitKey));
  const widenedBy = matcher.widenedBy ?? [];
  const widenedElsewhere = changedPaths.some((path) =>
    widenedBy.some((pattern) => configurationPathMatches(path, pattern)),
  );
  const out: ValueChangeMatch[] = [];
  const changedPlaces = new Set<string>();
  for (const match of after) {
    if (baseUnits.has(unitKey(match))) {
      if (widenedElsewhere) out.push({ change: 'widened', match, byAttribute: true });
      continue;
    }
    changedPlaces.add(match.place);
    const hadMatchHere = before.some((old) => old.place === match.place && !headUnits.has(unitKey(old)));
    out.push({ change: hadMatchHere ? 'widened' : 'introduced', match });
  }
  for (const old of before) {
    if (!headUnits.has(unitKey(old)) && !changedPlaces.has(old.place)) out.push({ change: 'removed', match: old });
  }
  return out;
}

function unitKey(match: ValueMatch): string {
  return match.placeKind + '\u0000' + match.unit;
}
