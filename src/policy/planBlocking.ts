import type { Finding } from '../classify/classify.js';
import { PLAN_ERRORED_RULE_ID } from '../plan/classifyPlan.js';
import type { BlockingReason } from './blockingReasons.js';
import type { PlanSummary } from './judgePlans.js';

/** Plans that should judge the change but cannot: each blocks, as a file that does not parse does. */
export function planBlockingReasons(plans: PlanSummary | undefined, findings: readonly Finding[]): BlockingReason[] {
  if (plans === undefined) return [];
  const reasons: BlockingReason[] = plans.unreadable.map((error) => ({
    code: 'unreadable-plan',
    reason: `the plan ${error.source}${error.line === null ? '' : `:${error.line}`} cannot be read: ${error.message}`,
  }));
  for (const finding of findings) {
    if (finding.ruleId === PLAN_ERRORED_RULE_ID)
      reasons.push({ code: 'unreadable-plan', reason: `the plan ${finding.file} is incomplete: ${finding.rationale}` });
  }
  if (plans.missing) reasons.push({ code: 'plan-missing', reason: plans.missing.reason });
  return reasons;
}
