import { isMetadataRead } from './metadataReads.js';
import type { PolicyStatement, PrincipalList, ValueList } from './policyStatements.js';

/**
 * What an update of a policy document does to what it grants:
 * - `same`: the head allows and denies exactly what the base did (a Sid, an order, a format changed);
 * - `narrows`: everything the head allows, the base allowed, and everything the base denied, the head denies;
 * - `widens`: anything else, including what this comparison cannot prove (it errs towards `widens`).
 *
 * Statements are not matched by Sid or position: every Allow statement of the head must be
 * covered by some Allow statement of the base (same or fewer actions, resources and principals,
 * the same or more conditions), and every Deny statement of the base by some Deny statement of
 * the head (the same or more actions, resources and principals, the same or fewer conditions).
 * Reordering, renaming a Sid or splitting a statement therefore cannot hide an addition; merging
 * two statements into one is not proven narrower and stays `widens` (fails closed).
 */
export type GrantComparison =
  | { verdict: 'same' }
  | { verdict: 'narrows'; how: string }
  | { verdict: 'reads'; actions: string[] }
  | { verdict: 'widens'; how: string };

export interface PolicyDocument {
  version: string;
  statements: PolicyStatement[];
}

export function compareGrants(base: PolicyDocument, head: PolicyDocument): GrantComparison {
  if (base.version !== head.version)
    return { verdict: 'widens', how: `changes the policy language version from ${base.version} to ${head.version}` };
  if (!narrowerOrSame(base.statements, head.statements)) {
    const reads = addedMetadataReads(base.statements, head.statements);
    return reads
      ? { verdict: 'reads', actions: reads }
      : { verdict: 'widens', how: wideningText(base.statements, head.statements) };
  }
  if (narrowerOrSame(head.statements, base.statements)) return { verdict: 'same' };
  return { verdict: 'narrows', how: narrowingText(base.statements, head.statements) };
}

/**
 * Whether `head` grants nothing `base` did not. A statement that may or may not be there (see
 * PolicyStatement.whenUnknown) must be covered as if it were there, and covers another only
 * when both depend on the same `for_each` (then they are there together or not at all).
 */
function narrowerOrSame(base: readonly PolicyStatement[], head: readonly PolicyStatement[]): boolean {
  const allows = (list: readonly PolicyStatement[]) => list.filter((statement) => statement.effect === 'Allow');
  const denies = (list: readonly PolicyStatement[]) => list.filter((statement) => statement.effect === 'Deny');
  const coversWhenThere = (wider: PolicyStatement, statement: PolicyStatement) =>
    (wider.whenUnknown === undefined || wider.whenUnknown === statement.whenUnknown) && covers(wider, statement);
  return (
    allows(head).every((statement) => allows(base).some((wider) => coversWhenThere(wider, statement))) &&
    denies(base).every((statement) => denies(head).some((wider) => coversWhenThere(wider, statement)))
  );
}

/**
 * - `reads`: what the head allows beyond the base is metadata reads only (`ec2:DescribeInstanceTypes`
 *   added: see metadataReads.ts), in statements that name no principal (an identity policy: a
 *   principal given `s3:ListBucket` in a bucket policy is access for someone else), and every
 *   Deny of the base still applies. The actions added, or null when anything else is added.
 */
function addedMetadataReads(base: readonly PolicyStatement[], head: readonly PolicyStatement[]): string[] | null {
  const allows = (list: readonly PolicyStatement[]) => list.filter((statement) => statement.effect === 'Allow');
  const denies = (list: readonly PolicyStatement[]) => list.filter((statement) => statement.effect === 'Deny');
  const coveredBy = (statement: PolicyStatement) =>
    allows(base).some(
      (wider) =>
        (wider.whenUnknown === undefined || wider.whenUnknown === statement.whenUnknown) && covers(wider, statement),
    );
  const stillDenied = (deny: PolicyStatement) =>
    denies(head).some(
      (wider) => (wider.whenUnknown === undefined || wider.whenUnknown === deny.whenUnknown) && covers(wider, deny),
    );
  if (!denies(base).every(stillDenied)) return null;
  const added = new Set<string>();
  for (const statement of allows(head)) {
    if (coveredBy(statement)) continue;
    const actions = statement.actions;
    if (statement.principals !== null || !actions || actions.not || actions.unknown) return null;
    for (const action of actions.values) {
      if (coveredBy({ ...statement, actions: { not: false, values: [action] } })) continue;
      if (!isMetadataRead(action)) return null;
      added.add(action);
    }
  }
  return added.size > 0 ? [...added].sort() : null;
}

/**
 * Whether statement `wide` applies to everything `narrow` applies to: its lists cover the other's,
 * and each of its conditions is also one of the other's (conditions only restrict).
 */
function covers(wide: PolicyStatement, narrow: PolicyStatement): boolean {
  return (
    listCovers(wide.actions, narrow.actions, true) &&
    listCovers(wide.resources, narrow.resources, false) &&
    principalsCover(wide.principals, narrow.principals) &&
    [...wide.conditions].every(([key, values]) => sameValues(narrow.conditions.get(key), values))
  );
}

function listCovers(wide: ValueList | null, narrow: ValueList | null, ignoreCase: boolean): boolean {
  if (wide === null || narrow === null) return wide === narrow;
  if (wide.not !== narrow.not || wide.unknown) return false;
  // A list known only at apply time may hold anything: only "*" is sure to cover it.
  if (narrow.unknown) return !wide.not && wide.values.includes('*');
  // Action: the wide list matches every narrow value. NotAction: the narrow one excludes at least what the wide one does.
  return wide.not
    ? wide.values.every((value) => narrow.values.some((pattern) => patternCovers(pattern, value, ignoreCase)))
    : narrow.values.every((value) => wide.values.some((pattern) => patternCovers(pattern, value, ignoreCase)));
}

function principalsCover(wide: PrincipalList | null, narrow: PrincipalList | null): boolean {
  if (wide === null || narrow === null) return wide === narrow;
  if (wide.not !== narrow.not) return false;
  const [outer, inner] = wide.not ? [narrow, wide] : [wide, narrow];
  const everyone = outer.byType.get('*') ?? [];
  return [...inner.byType].every(([type, identifiers]) =>
    identifiers.every((identifier) =>
      [...(outer.byType.get(type) ?? []), ...everyone].some((pattern) => patternCovers(pattern, identifier, false)),
    ),
  );
}

function sameValues(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * Whether IAM pattern `pattern` matches every string `value` can stand for. `value` is taken
 * literally: when `pattern` has no `?`, each `*` or `?` of `value` falls inside a `*` of
 * `pattern`, so whatever it expands to still matches. A `?` in the pattern is compared as text.
 */
function patternCovers(pattern: string, value: string, ignoreCase: boolean): boolean {
  const [p, v] = ignoreCase ? [pattern.toLowerCase(), value.toLowerCase()] : [pattern, value];
  if (p === v) return true;
  if (!p.includes('*') || p.includes('?')) return false;
  const source = p
    .split('*')
    .map((part) => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(v);
}

const MAX_LISTED = 4;

/** What a narrowing removes or adds, for the finding: "removes s3:PutObject from statement "Write"; …". */
function narrowingText(base: readonly PolicyStatement[], head: readonly PolicyStatement[]): string {
  const parts: string[] = [];
  for (const statement of base.filter((candidate) => candidate.effect === 'Allow')) {
    const counterpart = head.find((candidate) => candidate.effect === 'Allow' && candidate.label === statement.label);
    if (!counterpart) {
      if (!head.some((candidate) => candidate.effect === 'Allow' && covers(candidate, statement)))
        parts.push(`removes statement ${statement.label}`);
      continue;
    }
    const removed = [
      ...missing(statement.actions?.values, counterpart.actions?.values),
      ...missing(statement.resources?.values, counterpart.resources?.values),
      ...missing(principalIds(statement.principals), principalIds(counterpart.principals)),
    ];
    const unknown = [counterpart.actions, counterpart.resources].some((list) => list?.unknown);
    if (removed.length > 0)
      parts.push(
        `removes ${listed(removed)} from statement ${statement.label}${unknown ? ' (for a list known only at apply time)' : ''}`,
      );
    const added = [...counterpart.conditions.keys()].filter((key) => !statement.conditions.has(key));
    if (added.length > 0)
      parts.push(
        `adds condition ${listed(added.map((key) => key.replace('\u0000', ' ')))} to statement ${statement.label}`,
      );
  }
  const newDenies = head.filter(
    (statement) =>
      statement.effect === 'Deny' &&
      !base.some((old) => old.effect === 'Deny' && covers(old, statement) && covers(statement, old)),
  );
  if (newDenies.length > 0) parts.push(`adds or widens Deny statement ${listed(newDenies.map((s) => s.label))}`);
  return parts.length > 0 ? parts.join('; ') : 'its statements are regrouped within what the base allowed';
}

/**
 * What a widening adds, for the finding: the actions no Allow statement of the base allowed
 * ("adds iam:PassRole, ec2:GetSecurityGroupsForVpc"), the statements that grant otherwise wider
 * (an action on more resources, for more principals, under fewer conditions), and the Deny
 * statements that no longer apply.
 */
function wideningText(base: readonly PolicyStatement[], head: readonly PolicyStatement[]): string {
  const baseAllows = base.filter((statement) => statement.effect === 'Allow');
  const coveredBy = (statement: PolicyStatement) =>
    baseAllows.some(
      (wider) =>
        (wider.whenUnknown === undefined || wider.whenUnknown === statement.whenUnknown) && covers(wider, statement),
    );
  const actions = new Set<string>();
  const statements: string[] = [];
  for (const statement of head.filter((candidate) => candidate.effect === 'Allow')) {
    if (coveredBy(statement)) continue;
    const list = statement.actions;
    if (!list || list.not || list.unknown || statement.principals?.not) {
      statements.push(statement.label);
      continue;
    }
    const uncovered = list.values.filter(
      (action) => !coveredBy({ ...statement, actions: { not: false, values: [action] } }),
    );
    // An action the base allowed somewhere, here on more resources or under fewer conditions.
    const allowedBefore = (action: string) =>
      baseAllows.some((wider) => listCovers(wider.actions, { not: false, values: [action] }, true));
    const added = uncovered.filter((action) => !allowedBefore(action));
    if (added.length < uncovered.length || uncovered.length === 0) statements.push(statement.label);
    for (const action of added) actions.add(action);
  }
  const lifted = base.filter(
    (deny) =>
      deny.effect === 'Deny' &&
      !head.some(
        (wider) =>
          wider.effect === 'Deny' &&
          (wider.whenUnknown === undefined || wider.whenUnknown === deny.whenUnknown) &&
          covers(wider, deny),
      ),
  );
  const parts: string[] = [];
  if (actions.size > 0) parts.push(`adds ${listed([...actions].sort())}`);
  if (statements.length > 0) parts.push(`grants wider in statement ${listed(statements)}`);
  if (lifted.length > 0) parts.push(`no longer denies as Deny statement ${listed(lifted.map((s) => s.label))} did`);
  return parts.length > 0 ? parts.join('; ') : 'grants what the base did not';
}

function missing(before: readonly string[] | undefined, after: readonly string[] | undefined): string[] {
  return (before ?? []).filter((value) => !(after ?? []).includes(value));
}

function principalIds(list: PrincipalList | null): string[] {
  return list ? [...list.byType].flatMap(([type, ids]) => ids.map((id) => `${type}:${id}`)) : [];
}

function listed(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED).join(', ');
  return values.length > MAX_LISTED ? `${shown} and ${values.length - MAX_LISTED} more` : shown;
}
