import type { Change } from '../change/changeSet.js';
import { type RequirementTier, tierRank } from '../model/policy.js';
import type { Finding } from './classify.js';
import type { GrantComparison } from './grantComparison.js';
import { policyUpdate } from './policyUpdates.js';

/** Built-in rules that rate a change of an AWS policy document for what the document grants. */
const POLICY_GRANT_RULES: ReadonlySet<string> = new Set([
  'identity.aws.iam',
  'identity.aws.iam-policy-document',
  'identity.aws.wildcard-action',
  'identity.aws.wildcard-resource',
  'identity.aws.privilege-escalation',
  'data-exposure.aws.resource-policy',
  'data-exposure.aws.public-principal',
]);
const NARROWED_TIER_CAP: RequirementTier = 'medium';
const SAME_GRANTS_TIER_CAP: RequirementTier = 'low';

/**
 * An update that only narrows what a policy document grants (see grantComparison.ts), or widens
 * it by metadata reads only, is rated medium by the policy rules, one that grants exactly the
 * same low; any other update of the document keeps the rules' tiers, its findings saying what it
 * adds, and so does any document that cannot be read in full.
 */
export function ratedByGrants(change: Change, findings: Finding[]): void {
  const capped = (finding: Finding) =>
    POLICY_GRANT_RULES.has(finding.ruleId) && tierRank(finding.tier) > tierRank(SAME_GRANTS_TIER_CAP);
  if (!findings.some(capped)) return;
  const update = policyUpdate(change);
  if (!update) return;
  if (update.verdict === 'widens') {
    // The tier stays; the reviewer is told what to look at.
    const what = `What it adds: ${update.how}.`;
    for (const [index, finding] of findings.entries())
      if (capped(finding)) findings[index] = { ...finding, rationale: `${finding.rationale} ${what}` };
    return;
  }
  const cap = update.verdict === 'same' ? SAME_GRANTS_TIER_CAP : NARROWED_TIER_CAP;
  const how = grantsText(update);
  for (const [index, finding] of findings.entries()) {
    if (!capped(finding) || tierRank(finding.tier) <= tierRank(cap)) continue;
    findings[index] = { ...finding, tier: cap, rationale: `${how} The rule: ${finding.rationale}` };
  }
}

function grantsText(update: Exclude<GrantComparison, { verdict: 'widens' }>): string {
  switch (update.verdict) {
    case 'same':
      return 'Grants the same: the policy allows and denies what it did before (only labels, order or formatting change).';
    case 'narrows':
      return `Narrows access: ${update.how}. Every statement it allows was allowed before and every Deny still applies.`;
    case 'reads':
      return `Adds metadata reads only: ${update.actions.join(', ')} (Describe and List actions that return no secret or stored data), to an identity policy whose Deny statements all still apply.`;
  }
}
