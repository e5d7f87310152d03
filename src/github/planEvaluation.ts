import type { ChangeSet } from '../change/changeSet.js';
import type { PolicyInForce } from '../config/policyInForce.js';
import type { PlanEvidence } from '../plan/planEvidence.js';
import type { Decision } from '../policy/decision.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { gatherPlanEvidence } from './planArtifacts.js';
import type { PlanReport } from './planOutput.js';
import { rootsNeedingPlans } from './planRoots.js';

/**
 * The plan evidence for the head, when the policy in force reads plans (`plans:`); null, and not
 * one request, when it does not.
 */
export async function planEvidenceFor(
  octokit: GitHubClient,
  repo: RepositoryRef,
  policy: PolicyInForce,
  commits: { baseSha: string; headSha: string },
  changeSet: ChangeSet,
): Promise<PlanEvidence | null> {
  const plans = policy.policy.plans;
  if (!plans) return null;
  return gatherPlanEvidence(octokit, {
    repo,
    ...commits,
    plans,
    requiredRoots: rootsNeedingPlans(changeSet, plans),
  });
}

/** What the check shows of the plans: those the decision judged, with the digests it recorded. */
export function planReport(evidence: PlanEvidence | null, decision: Decision): PlanReport | null {
  if (!evidence) return null;
  const judged = (decision.plans?.judged ?? []).map(({ source, digest }) => ({ source, digest }));
  return { judged, evidence };
}

/** The policy in force takes its plans from the workflow `path`: a run of any other workflow changes nothing. */
export function takesPlansFrom(policy: PolicyInForce, path: string): boolean {
  return policy.policy.plans?.workflow === path;
}
