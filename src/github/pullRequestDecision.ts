import type { ActivityLog } from '../audit/activityLog.js';
import type { PolicyInForce } from '../config/policyInForce.js';
import type { ConfigError } from '../config/yamlSource.js';
import type { Policy } from '../model/policy.js';
import type { PlanEvidence } from '../plan/planEvidence.js';
import type { Decision } from '../policy/decision.js';
import type { PrFacts } from '../policy/facts.js';
import { withBaseCodeowners } from './baseCodeowners.js';
import type { LoadedPolicy } from './basePolicy.js';
import type { PreparedChange } from './caches.js';
import type { AppDependencies, EvaluationRequest } from './evaluation.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { factsFromSnapshot, type PullRequestSnapshot, pullRequestShas, reviewedShas } from './pullRequestFacts.js';
import type { SnapshotWithBlobs } from './pullRequestSnapshot.js';
import { loginsNeedingTeams, ownerTeams, reviewerTeams, teamMembers } from './teams.js';

/** What a pull request is decided on: its facts as fetched, the policy in force, its change set, its head's plans. */
export interface DecisionGrounds {
  fetched: SnapshotWithBlobs;
  policy: PolicyInForce;
  prepared: PreparedChange;
  plans: PlanEvidence | null;
}

export interface PullRequestDecision {
  decision: Decision;
  /** the errors of the policy file the pull request proposes */
  proposedErrors: ConfigError[];
  /** the files that judged it besides the policy's: the base's CODEOWNERS, when it named owners */
  judgedBy: LoadedPolicy['files'];
}

type History = Awaited<ReturnType<typeof recordedHistory>>;

/**
 * Decides the pull request: its facts completed with the app's records and the teams that
 * matter, judged by the policy in force with the base's CODEOWNERS.
 */
export async function decidePullRequest(
  octokit: GitHubClient,
  request: EvaluationRequest,
  deps: AppDependencies,
  { fetched, policy, prepared, plans }: DecisionGrounds,
): Promise<PullRequestDecision> {
  const { repo } = request;
  const history = await recordedHistory(request, deps.activity, fetched.snapshot);
  const judging = await withBaseCodeowners(
    octokit,
    repo,
    policy,
    prepared,
    fetched.snapshot.pullRequest.baseRefName,
    deps.caches.blobs,
  );
  const facts = await decisionFacts(octokit, repo, fetched, policy.policy, judging, history, prepared.filesTruncated);
  // Classified where the change set was built: a large one in the worker, off this thread.
  const evaluated = await deps.caches.builder.evaluate({
    changeSet: prepared.changeSet,
    facts,
    policy: judging,
    proposedPolicyText: prepared.proposedPolicyText,
    now: deps.now(),
    ...(plans ? { plans } : {}),
  });
  // The CODEOWNERS file that named owners is recorded beside the policy files, by its blob.
  const read = judging.codeowners && prepared.baseCodeowners;
  return {
    decision: evaluated.decision,
    proposedErrors: evaluated.proposedPolicyErrors,
    judgedBy: read ? [{ source: `${fullName(repo)}:${read.path}`, blobSha: read.blobSha }] : [],
  };
}

/** What only the app's records know of the pull request, with the event's break-glass request recorded first. */
async function recordedHistory(request: EvaluationRequest, activity: ActivityLog, snapshot: PullRequestSnapshot) {
  const { repo, number, deliveryId } = request;
  const pr = snapshot.pullRequest;
  if (request.breakGlass)
    await activity.recordBreakGlass(fullName(repo), number, { ...request.breakGlass, sha: pr.headRefOid }, deliveryId);
  const [pushes, breakGlass, impactDigests] = await Promise.all([
    activity.pushes(fullName(repo), pr.headRefName, number, pullRequestShas(snapshot)),
    activity.breakGlass(fullName(repo), number),
    activity.impactDigests(fullName(repo), number, reviewedShas(snapshot)),
  ]);
  return { pushes, breakGlass, impactDigests };
}

/** The PR facts, with the teams of the reviewers the rules ask about and the members of the owning teams. */
async function decisionFacts(
  octokit: GitHubClient,
  repo: RepositoryRef,
  fetched: SnapshotWithBlobs,
  rules: Policy,
  judging: PolicyInForce,
  { pushes, breakGlass, impactDigests }: History,
  filesTruncated: boolean,
): Promise<PrFacts> {
  const author = fetched.snapshot.pullRequest.author?.login ?? 'ghost';
  const owning = ownerTeams(judging, repo.owner);
  const inOrganization = fetched.ownerType === 'Organization';
  const teamLogins = loginsNeedingTeams(rules, fetched.snapshot, breakGlass, author, owning);
  const teams = teamLogins.length ? await reviewerTeams(octokit, repo.owner, inOrganization, teamLogins) : {};
  const facts = factsFromSnapshot(fetched.snapshot, {
    branchPushes: pushes.toBranch,
    pullRequestPushes: pushes.toPullRequest,
    breakGlass,
    impactDigests,
    teams,
    filesTruncated,
  });
  // Who could approve for an owning team: to say when every one of them took part in the change.
  if (owning.length > 0 && inOrganization) facts.teamMembers = await teamMembers(octokit, repo.owner, true, owning);
  return facts;
}
