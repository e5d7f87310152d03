import type { ChangeSet } from '../change/changeSet.js';
import { classifyChangeSet } from '../classify/classify.js';
import type { PolicyInForce } from '../config/policyInForce.js';
import { impactDigest } from './digest.js';

/** What a change does, as the execution gate compares it: its impact digest, and how many findings it has. */
export interface ChangeImpact {
  digest: string;
  findings: number;
}

/**
 * A change classified with the policy in force (its rules, or the defaults when it is invalid),
 * as evaluateChange() classifies a pull request's: equal digests mean the same impact. Pure.
 */
export function changeImpact(changeSet: ChangeSet, policy: PolicyInForce): ChangeImpact {
  const { findings } = classifyChangeSet(changeSet, policy.policy);
  return { digest: impactDigest(findings), findings: findings.length };
}
