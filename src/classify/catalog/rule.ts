import type { RequirementTier, Rule, RuleMatch, ValueMatcher } from '../../config/policy.js';

/** A built-in rule; the argument order reads like a catalog row: id, tier, what it matches, why. */
export function rule(id: string, tier: RequirementTier, match: RuleMatch, rationale: string): Rule {
  return { id, tier, rationale, match, origin: 'catalog' };
}

/** The whole IPv4 or IPv6 internet as a CIDR. */
export const WORLD_CIDR = '^(0\\.0\\.0\\.0/0|::/0|0::0/0)$';

/** One matcher per attribute path glob, all testing the value the same way. */
export function valuesAt(attributes: readonly string[], test: Omit<ValueMatcher, 'attribute'>): ValueMatcher[] {
  return attributes.map((attribute) => ({ attribute, ...test }));
}
