import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonicalJson.js';
import type { Plan, ResourceChange, ValueMarks } from './planModel.js';

/**
 * What a plan will do, as one hash: an approval bound to it is bound to exactly this change.
 *
 * `sha256:` and the hex SHA-256 of one line per change, each line canonical JSON (keys sorted at
 * every level) ending in `\n`: first `["resource", {address, previousAddress, deposed,
 * providerName, action, after, afterUnknown, importing}]` for every resource change, sorted by
 * address then deposed key; then `["output", {name, action, after, afterUnknown}]` for every
 * output change, sorted by name. Absent fields are null. `afterUnknown` is normalized: a mark tree
 * with no `true` in it is `false`, and objects drop their unmarked members, so formats that write
 * `{}`, `false` or nothing for "all known" give the same digest.
 *
 * Left out, because they do not change what apply does: `before` and the sensitivity marks,
 * `prior_state`, `planned_values` (derived from the changes), `configuration`, timestamps,
 * `terraform_version`, `format_version`, `action_reason` and where the plan came from.
 * `providerName` is in: the same values applied through another provider are another change.
 */
export function planDigest(plan: Plan): string {
  const hash = createHash('sha256');
  for (const change of [...plan.resourceChanges].sort(byAddressThenDeposed)) {
    const { address, previousAddress, deposed, providerName } = change;
    const { action, after, afterUnknown, importing } = change.change;
    const entry = { address, previousAddress, deposed, providerName, action, after, importing };
    hash.update(`${canonicalJson(['resource', { ...entry, afterUnknown: normalizedMarks(afterUnknown) }])}\n`);
  }
  for (const { name, change } of [...plan.outputChanges].sort((a, b) => compare(a.name, b.name))) {
    const entry = {
      name,
      action: change.action,
      after: change.after,
      afterUnknown: normalizedMarks(change.afterUnknown),
    };
    hash.update(`${canonicalJson(['output', entry])}\n`);
  }
  return `sha256:${hash.digest('hex')}`;
}

function byAddressThenDeposed(a: ResourceChange, b: ResourceChange): number {
  return compare(a.address, b.address) || compare(a.deposed ?? '', b.deposed ?? '');
}

/** By UTF-16 code units: the same order on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Marks without their unmarked parts: `false` when nothing is marked, objects without `false` members. */
function normalizedMarks(marks: ValueMarks): ValueMarks {
  if (typeof marks === 'boolean') return marks;
  if (Array.isArray(marks)) {
    const items = marks.map(normalizedMarks);
    return items.some((item) => item !== false) ? items : false;
  }
  const members: { [key: string]: ValueMarks } = {};
  let marked = false;
  for (const key of Object.keys(marks)) {
    const member = normalizedMarks(marks[key]!);
    if (member === false) continue;
    members[key] = member;
    marked = true;
  }
  return marked ? members : false;
}
