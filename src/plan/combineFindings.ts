import { type Classification, compareFindings, type Finding } from '../classify/classify.js';
import { maxTier, type Tier, tierRank } from '../model/policy.js';
import { withoutInstanceKeys } from './planChanges.js';

/**
 * The code's findings and the plans' together, the higher tier winning per object: where the
 * code and a plan both judge an object (the same root and address), the findings of the side
 * that rates it higher stay and the other side's go; on a tie the code's stay (they point at the
 * lines). What only one side sees stays.
 */
export function combineFindings(code: Classification, plans: readonly Classification[]): Classification {
  if (plans.length === 0) return code;
  const planFindings = plans.flatMap((plan) => plan.findings);
  const codeTier = highestBy(code.findings);
  const planTier = highestBy(planFindings);
  const keep = (finding: Finding, mine: Map<string, number>, theirs: Map<string, number>, winsTies: boolean) =>
    objectKeys(finding).every((key) => {
      const other = theirs.get(key);
      if (other === undefined) return true;
      const own = mine.get(key)!;
      return winsTies ? own >= other : own > other;
    });
  const findings = [
    ...code.findings.filter((finding) => keep(finding, codeTier, planTier, true)),
    ...planFindings.filter((finding) => keep(finding, planTier, codeTier, false)),
  ].sort(compareFindings);
  return {
    tier: findings.reduce<Tier>((tier, finding) => maxTier(tier, finding.tier), 'none'),
    findings,
    warnings: code.warnings,
  };
}

/** The highest tier rank per object key. */
function highestBy(findings: readonly Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const finding of findings) {
    for (const key of objectKeys(finding)) out.set(key, Math.max(out.get(key) ?? 0, tierRank(finding.tier)));
  }
  return out;
}

/**
 * The objects a finding is about, as `root: address` without instance keys: its instances when it
 * names them (a plan's always do), else its own module and address. Files have none.
 */
function objectKeys(finding: Finding): string[] {
  if (finding.kind !== 'resource' && finding.kind !== 'data') return [];
  const instances = finding.instances ?? [`${finding.module}: ${finding.address}`];
  return instances.map(withoutInstanceKeys);
}
