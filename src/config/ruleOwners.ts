import { BUILTIN_CATALOG } from '../classify/catalog/index.js';
import { DERIVED_RULE_IDS } from '../classify/classify.js';
import { effectiveRules } from '../classify/effectiveRules.js';
import type { Policy, Principals, Rule } from '../model/policy.js';
import { PLAN_ERRORED_RULE_ID } from '../plan/classifyPlan.js';
import { globMatch } from '../util/glob.js';

/** The owner the policy gives a rule's findings, and where it says so. */
export interface PolicyOwner {
  owner: Principals;
  /** the policy's key: `rules[2].owner` or `catalog.owners[0]` */
  source: string;
}

/** Finding ids no rule makes, beside the catalog's and the policy's: `catalog.owners` may name them. */
export const OWNABLE_DERIVED_IDS: readonly string[] = [...DERIVED_RULE_IDS, PLAN_ERRORED_RULE_ID];

/**
 * The owner of a rule's findings under the policy: the rule's own `owner`, else the last entry of
 * `catalog.owners` with a glob matching the id (later entries are more specific, as in CODEOWNERS).
 */
export function policyOwnerOf(ruleId: string, policy: Policy): PolicyOwner | null {
  const index = policy.rules.findIndex((rule) => rule.id === ruleId);
  const own = index >= 0 ? policy.rules[index]!.owner : undefined;
  if (own) return { owner: own, source: `rules[${index}].owner` };
  const entries = policy.ownership.catalog;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i]!.rules.some((glob) => globMatch(ruleId, glob)))
      return { owner: entries[i]!.owner, source: `catalog.owners[${i}]` };
  }
  return null;
}

/** Whether the policy names owners of findings at all: without, findings carry no `owners` and nothing changes. */
export function ownersConfigured(policy: Policy): boolean {
  return (
    policy.rules.some((rule) => rule.owner !== undefined) ||
    policy.ownership.catalog.length > 0 ||
    policy.ownership.fromCodeowners
  );
}

/** A rule as the policy leaves it, with the owner its findings get. */
export interface OwnedRule {
  rule: Rule;
  owner: PolicyOwner | null;
  /** the code owners of each finding's file own it too (owners_from_codeowners) */
  codeOwners: boolean;
}

/** Every rule in force under the policy (the catalog adjusted, then the policy's own), with its owner. */
export function ownedRules(policy: Policy, catalog: readonly Rule[] = BUILTIN_CATALOG): OwnedRule[] {
  return effectiveRules(catalog, policy).map((rule) => ({
    rule,
    owner: policyOwnerOf(rule.id, policy),
    codeOwners: policy.ownership.fromCodeowners,
  }));
}

/**
 * High and critical rules whose findings nobody owns, when the policy names owners at all. With
 * owners_from_codeowners, every rule may be owned by path; whether a finding is, the check says.
 */
export function unownedRules(policy: Policy, catalog: readonly Rule[] = BUILTIN_CATALOG): Rule[] {
  if (!ownersConfigured(policy)) return [];
  return ownedRules(policy, catalog)
    .filter((owned) => owned.owner === null && !owned.codeOwners)
    .filter(({ rule }) => rule.tier === 'high' || rule.tier === 'critical')
    .map(({ rule }) => rule);
}
