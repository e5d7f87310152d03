import type { ChangeSet } from '../change/changeSet.js';
import { BUILTIN_RULE_IDS } from '../classify/catalog/index.js';
import { type Classification, classifyChangeSet } from '../classify/classify.js';
import { loadPolicy, POLICY_PATH } from '../config/loadPolicy.js';
import type { PolicyInForce } from '../config/policyInForce.js';
import type { ConfigError } from '../config/yamlSource.js';
import type { PlanEvidence } from '../plan/planEvidence.js';
import { type Decision, decide } from './decision.js';
import type { PrFacts } from './facts.js';
import { type JudgedPlans, judgePlans } from './judgePlans.js';

/** Everything a decision depends on; every caller (the CLI, the app, later ones) assembles this and nothing more. */
export interface ChangeToEvaluate {
  changeSet: ChangeSet;
  facts: PrFacts;
  policy: PolicyInForce;
  /**
   * The policy file as the change would leave it, when the change edits it (null when it leaves
   * it alone or deletes it): merging an invalid one would break every later check.
   */
  proposedPolicyText: string | null;
  now: Date;
  /** the plans of this head, when the policy or the caller asks for them: judged with the code */
  plans?: PlanEvidence;
}

export interface EvaluatedChange {
  classification: Classification;
  decision: Decision;
  /** the proposed policy file's errors (empty when valid or not proposed), for annotations */
  proposedPolicyErrors: ConfigError[];
}

/**
 * The one evaluation pipeline: classify the change with the policy in force (its rules, or the
 * defaults when it is invalid) — the code and, when given, the plans of its head — check the
 * policy the change proposes, decide. Pure.
 */
export function evaluateChange(change: ChangeToEvaluate): EvaluatedChange {
  const code = classifyChangeSet(change.changeSet, change.policy.policy);
  const judged: JudgedPlans | null = change.plans
    ? judgePlans(change.plans, change.changeSet, change.policy.policy, code)
    : null;
  const classification = judged ? judged.classification : code;
  const proposedPolicyErrors =
    change.proposedPolicyText === null ? [] : loadPolicy(change.proposedPolicyText, BUILTIN_RULE_IDS).errors;
  const proposedPolicy =
    change.proposedPolicyText === null ? null : { source: POLICY_PATH, errors: proposedPolicyErrors };
  const decision = decide({
    facts: change.facts,
    classification,
    policy: change.policy,
    now: change.now,
    proposedPolicy,
    ...(judged ? { plans: judged.summary } : {}),
  });
  return { classification, decision, proposedPolicyErrors };
}

/** The policy file's text as a change leaves it, when it differs from the base's: what `proposedPolicyText` wants. */
export function proposedPolicyText(base: string | undefined, head: string | undefined): string | null {
  return head === undefined || head === base ? null : head;
}
