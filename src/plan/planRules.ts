import type { Change } from '../change/changeSet.js';
import type { Rule } from '../model/policy.js';
import { globMatch } from '../util/glob.js';

/** What the rules' shape filters read of a change. */
type ChangeShape = Pick<Change, 'kind' | 'action' | 'address'>;

/**
 * The rules that can judge a change of a given kind, action and resource type, worked out once
 * per combination: a plan has thousands of changes but few such combinations, and most of the
 * catalog's rules are about other types. Only the filters that depend on nothing else are
 * applied here (`kinds`, `actions`, `resourceTypes`), exactly as objectRuleMatches applies them,
 * so the rules left are a superset of those that match, in the catalog's order.
 */
export function rulesByChangeShape(rules: readonly Rule[]): (change: ChangeShape) => readonly Rule[] {
  const known = new Map<string, readonly Rule[]>();
  return (change) => {
    const type = resourceType(change);
    const key = `${change.kind}\u0000${change.action}\u0000${type ?? ''}`;
    let found = known.get(key);
    if (found === undefined) {
      found = rules.filter((rule) => shapeMatches(rule, change, type));
      known.set(key, found);
    }
    return found;
  };
}

function shapeMatches(rule: Rule, change: ChangeShape, type: string | null): boolean {
  const { kinds, actions, resourceTypes } = rule.match;
  if (kinds && !kinds.includes(change.kind)) return false;
  if (actions && !actions.includes(change.action)) return false;
  if (resourceTypes && (type === null || !resourceTypes.some((pattern) => globMatch(type, pattern)))) return false;
  return true;
}

/** The type as the classifier reads it from the address: `aws_iam_role.ci` → aws_iam_role, `data.x.y` → x. */
function resourceType(change: Pick<ChangeShape, 'kind' | 'address'>): string | null {
  if (change.kind !== 'resource' && change.kind !== 'data') return null;
  const parts = change.address.split('.', 2);
  return (change.kind === 'resource' ? parts[0] : parts[1]) ?? null;
}
