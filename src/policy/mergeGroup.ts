import type { ChangeSet } from '../change/changeSet.js';
import { classifyChangeSet } from '../classify/classify.js';
import { isValidPolicy, type PolicyInForce } from '../config/policyInForce.js';
import type { Tier } from '../model/policy.js';
import type { Conclusion } from './decision.js';
import { impactDigest } from './digest.js';
import { shortSha } from './text.js';

/** The pull request a merge-queue entry merges, at the head it was queued with. */
export interface QueueEntry {
  pullRequest: number;
  headSha: string;
}

/** The decision an entry is held to: the newest recorded for the pull request at that head. */
export interface HeldDecision {
  seq: number;
  conclusion: Conclusion;
  title: string;
  impactDigest: string;
  /** made by the app on what GitHub said; false: `evaluate --record`, on facts anyone can write */
  byApp: boolean;
}

/** The merge group's own change, base → head, as the policy in force at its base rates it. */
export interface GroupImpact {
  digest: string;
  tier: Tier;
}

export interface MergeGroupVerdict {
  conclusion: 'success' | 'failure';
  title: string;
  reason: string;
}

/** Conclusions that let a pull request merge: approved, or no Terraform impact to approve. */
const PASSING: ReadonlySet<Conclusion> = new Set(['success', 'neutral']);

/**
 * What holds an entry back before its change is even read: no decision for the head it was
 * queued with, one the app did not make, or one that does not pass. Null: read the change.
 */
export function entryProblem(entry: QueueEntry, decision: HeldDecision | null): MergeGroupVerdict | null {
  const pr = `#${entry.pullRequest}`;
  const head = shortSha(entry.headSha);
  if (decision === null)
    return failure(
      `${pr} has no decision for ${head}`,
      `Four Eyes has no decision for pull request ${pr} at ${head}, the head this merge group was queued with; re-evaluate the pull request (Re-evaluate on its check) and queue it again once it passes`,
    );
  if (!decision.byApp)
    return failure(
      `${pr}'s decision for ${head} was not made by the app`,
      `the newest decision for pull request ${pr} at ${head} (audit record #${decision.seq}) was recorded by \`four-eyes evaluate --record\`, whose facts are not GitHub's; re-evaluate the pull request on GitHub and queue it again`,
    );
  if (!PASSING.has(decision.conclusion))
    return failure(
      `${pr}'s decision for ${head} does not pass`,
      `the newest decision for pull request ${pr} at ${head} (audit record #${decision.seq}) is ${decision.conclusion}: ${decision.title}`,
    );
  return null;
}

/** The impact of a change as the policy in force rates it: the digest a decision on it approves. */
export function groupImpact(changeSet: ChangeSet, policy: PolicyInForce): GroupImpact {
  const classification = classifyChangeSet(changeSet, policy.policy);
  return { digest: impactDigest(classification.findings), tier: classification.tier };
}

/**
 * The verdict on a merge group whose entry has a passing decision: its own change (parent →
 * group head) must have exactly the impact that decision approved. Anything else — a commit
 * added, the target branch moved under the change's modules, a policy of the queue's base that
 * rates it otherwise, or a policy there that is invalid — fails.
 */
export function judgeMergeGroup(
  entry: QueueEntry,
  decision: HeldDecision,
  group: { baseSha: string; headSha: string },
  impact: GroupImpact,
  policy: PolicyInForce,
): MergeGroupVerdict {
  const pr = `#${entry.pullRequest}`;
  if (!isValidPolicy(policy))
    return failure(
      `the policy ${policy.source} is invalid`,
      `the policy ${policy.source} at the queue's base ${shortSha(group.baseSha)} is invalid (${policy.errors[0]?.message ?? 'see validate-config'}); fix it on the base branch and queue the pull request again`,
    );
  const change = `${shortSha(group.baseSha)} → ${shortSha(group.headSha)}`;
  if (impact.digest !== decision.impactDigest)
    return failure(
      `the merge group's change is not the one approved for ${pr}`,
      `the merge group's change (${change}) has impact digest ${impact.digest}, but decision #${decision.seq} approved ${decision.impactDigest} for pull request ${pr} at ${shortSha(entry.headSha)}: the queue would merge something else than what was approved (a commit added, or the target branch changed what this change does since it was evaluated); update the pull request's branch so Four Eyes evaluates it against the current base, and queue it again once it passes`,
    );
  return {
    conclusion: 'success',
    title: `The merge group carries the change approved for ${pr}`,
    reason: `the merge group's change (${change}) has impact digest ${impact.digest}, the one decision #${decision.seq} approved for pull request ${pr} at ${shortSha(entry.headSha)} (${decision.conclusion}: ${decision.title})`,
  };
}

function failure(title: string, reason: string): MergeGroupVerdict {
  return { conclusion: 'failure', title: `Blocked: ${title}`, reason };
}
