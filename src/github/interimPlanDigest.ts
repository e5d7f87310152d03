import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { Plan } from '../plan/planModel.js';
import type { JudgedPlan } from './planOutput.js';

/*
 * Stands in for the plan digest of src/plan/ and the decision's list of judged plans until the
 * branches meet: the check then shows `decision.plans` instead, and this file goes.
 */

/** Each plan with a SHA-256 of what it will do: every resource change's address, action, after values and unknown markers. */
export function judgedPlans(plans: readonly Plan[]): JudgedPlan[] {
  return plans.map((plan) => ({ source: plan.source, digest: interimDigest(plan) }));
}

function interimDigest(plan: Plan): string {
  const changes = plan.resourceChanges
    .map((c) =>
      canonicalJson([c.address, c.deposed, c.previousAddress, c.change.action, c.change.after, c.change.afterUnknown]),
    )
    .sort();
  return 'sha256:' + createHash('sha256').update(changes.join('\n')).digest('hex');
}
