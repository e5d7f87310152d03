import type { GateJob } from '../audit/deliveries.js';
import { madeByApp } from '../audit/records.js';
import type { Policy, Principals } from '../model/policy.js';
import { changeImpact } from '../policy/changeImpact.js';
import { type ContentEvidence, judgeContent, type RecordedDecision } from '../policy/executionContent.js';
import type { Executor, ExecutorRole } from '../policy/executionPeople.js';
import { type ExecutionInput, isGated } from '../policy/executionVerdict.js';
import { IdentityIndex } from '../policy/identities.js';
import { type LoadedPolicy, loadBasePolicy } from './basePolicy.js';
import { commitChange } from './commitChange.js';
import type { AppDependencies } from './evaluation.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { reviewerTeams } from './teams.js';

/** What the gate judges a deployment by: the verdict's input, and the policy files it came from. */
export interface GateFacts {
  input: ExecutionInput;
  policy: LoadedPolicy;
}

/** A gate job the payload named everything of: a commit, and a run to answer. */
export type DecidableGate = GateJob & { sha: string; runId: number };

/** The digests of the plans the deploying run uploaded before the job, under the policy in force (plan binding). */
type UploadedPlans = (policy: Policy) => Promise<string[]>;

/** A step of gathering the facts failed: the gate says which, and what went wrong. */
export class GateStepError extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step}: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

async function step<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new GateStepError(what, error);
  }
}

/** A pull request associated with the deployed commit, in our terms. */
interface AssociatedPullRequest {
  number: number;
  author: string;
  open: boolean;
  headSha: string;
  baseRef: string;
  baseSha: string;
  mergeCommitSha: string | null;
}

/**
 * Gathers what the verdict needs, from GitHub and the audit log, cheapest first and no more than
 * needed: who runs the deployment, the policy in force, and how the commit relates to an approved
 * change — the sources looked at in order, stopping at the first that approves it.
 */
export async function gatherGateFacts(
  octokit: GitHubClient,
  repo: RepositoryRef,
  gate: DecidableGate,
  deps: AppDependencies,
  uploadedPlans: UploadedPlans,
): Promise<GateFacts> {
  const executors = await step(`reading workflow run ${gate.runId}`, () => runExecutors(octokit, repo, gate));
  const pulls = await step(`listing the pull requests of ${gate.sha.slice(0, 7)}`, () =>
    associatedPullRequests(octokit, repo, gate.sha),
  );
  const open = pulls.find((p) => p.open && p.headSha === gate.sha) ?? null;
  const merged = open ? null : (pulls.find((p) => p.mergeCommitSha === gate.sha) ?? null);
  const parent = open
    ? null
    : await step(`reading commit ${gate.sha.slice(0, 7)}`, () => firstParent(octokit, repo, gate.sha));
  const policy = await step('reading the policy', () =>
    loadBasePolicy(
      octokit,
      repo,
      open?.baseRef ?? gate.ref ?? gate.sha,
      open?.baseSha ?? parent!,
      deps.caches.policies,
      deps.now().getTime(),
    ),
  );
  const input: ExecutionInput = {
    environment: gate.environment,
    sha: gate.sha,
    policy: policy.state.policy,
    executors,
    evidence: [],
    teams: {},
    plans: { uploaded: [] },
  };
  if (!isGated(gate.environment, input.policy.execution)) return { input, policy };
  input.plans = {
    uploaded: await step(`reading the plan artifact of workflow run ${gate.runId}`, () => uploadedPlans(input.policy)),
  };
  const gathering = new EvidenceGathering(octokit, repo, gate, deps, policy);
  input.evidence = await gathering.evidence(open, merged, parent);
  input.teams = await step('reading team memberships', () => approverTeams(octokit, repo, gate, input));
  return { input, policy };
}

/** The workflow run's actor and triggering actor, and the deployment's creator: each person once, with every role. */
async function runExecutors(octokit: GitHubClient, repo: RepositoryRef, gate: DecidableGate): Promise<Executor[]> {
  const { data } = await octokit.rest.actions.getWorkflowRun({
    owner: repo.owner,
    repo: repo.name,
    run_id: gate.runId,
  });
  const executors: Executor[] = [];
  const add = (login: string | null | undefined, role: ExecutorRole) => {
    if (!login) return;
    const known = executors.find((e) => e.login.toLowerCase() === login.toLowerCase());
    if (known) known.roles.push(role);
    else executors.push({ login, roles: [role] });
  };
  add(data.actor?.login, 'actor');
  add(data.triggering_actor?.login, 'triggering-actor');
  add(gate.creator, 'deployment-creator');
  return executors;
}

/** The open pull requests the commit heads and the merged one it is the merge commit of (GitHub lists both). */
async function associatedPullRequests(
  octokit: GitHubClient,
  repo: RepositoryRef,
  sha: string,
): Promise<AssociatedPullRequest[]> {
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner: repo.owner,
    repo: repo.name,
    commit_sha: sha,
    per_page: 100,
  });
  return data.map((p) => ({
    number: p.number,
    author: p.user?.login ?? 'ghost',
    open: p.state === 'open',
    headSha: p.head.sha,
    baseRef: p.base.ref,
    baseSha: p.base.sha,
    mergeCommitSha: p.merged_at ? (p.merge_commit_sha ?? null) : null,
  }));
}

/** The commit before the deployed one on its branch: where the policy is read, and what a merge is compared with. */
async function firstParent(octokit: GitHubClient, repo: RepositoryRef, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getCommit({ owner: repo.owner, repo: repo.name, commit_sha: sha });
  const parent = data.parents[0]?.sha;
  if (!parent) throw new Error(`${sha.slice(0, 7)} has no parent, so there is no policy before it to judge it by`);
  return parent;
}

/** The sources of evidence, read only as far as needed. */
class EvidenceGathering {
  constructor(
    readonly octokit: GitHubClient,
    readonly repo: RepositoryRef,
    readonly gate: DecidableGate,
    readonly deps: AppDependencies,
    readonly policy: LoadedPolicy,
  ) {}

  async evidence(
    open: AssociatedPullRequest | null,
    merged: AssociatedPullRequest | null,
    parent: string | null,
  ): Promise<ContentEvidence[]> {
    const first = open
      ? await this.headEvidence(open)
      : merged
        ? await this.mergeEvidence(merged, parent!)
        : ({ kind: 'no-pull-request' } as const);
    if (judgeContent(first, this.gate.sha, this.gate.environment).approved) return [first];
    return [first, await this.deploymentEvidence()];
  }

  /** The newest decision on this head of the open pull request. */
  async headEvidence(pull: AssociatedPullRequest): Promise<ContentEvidence> {
    const decision = await step(`reading the decisions of #${pull.number}`, () =>
      this.newestDecision(pull.number, (d) => d.decision.headSha === this.gate.sha),
    );
    return { kind: 'pull-request-head', pullRequest: pull.number, author: pull.author, decision };
  }

  /** The merged pull request's last decision, and the impact of what its merge brought. */
  async mergeEvidence(pull: AssociatedPullRequest, parent: string): Promise<ContentEvidence> {
    const decision = await step(`reading the decisions of #${pull.number}`, () =>
      this.newestDecision(pull.number, () => true),
    );
    const impact = await step(`comparing ${parent.slice(0, 7)} with ${this.gate.sha.slice(0, 7)}`, () =>
      this.impact(parent, this.gate.sha),
    );
    return {
      kind: 'merge',
      pullRequest: pull.number,
      author: pull.author,
      mergedHeadSha: pull.headSha,
      decision,
      mergeDigest: impact.digest,
    };
  }

  /** The environment's last approved deployment, and the Terraform findings of the change since. */
  async deploymentEvidence(): Promise<ContentEvidence> {
    const deployed = await step(`reading the deployments of ${this.gate.environment}`, () =>
      this.lastApprovedDeployment(),
    );
    if (!deployed) return { kind: 'no-deployment' };
    if (deployed.sha === this.gate.sha) return { kind: 'since-deployment', deployed, findings: 0 };
    const impact = await step(`comparing ${deployed.sha.slice(0, 7)} with ${this.gate.sha.slice(0, 7)}`, () =>
      this.impact(deployed.sha, this.gate.sha),
    );
    return { kind: 'since-deployment', deployed, findings: impact.findings };
  }

  async newestDecision(
    pullRequest: number,
    wanted: (d: RecordedDecision) => boolean,
  ): Promise<RecordedDecision | null> {
    for await (const { seq, data } of this.deps.audit.records.newest('decision', fullName(this.repo), pullRequest)) {
      // A decision recorded from typed-in facts never lets a deployment through.
      if (!madeByApp(data)) continue;
      const recorded = { seq, decision: data };
      if (wanted(recorded)) return recorded;
    }
    return null;
  }

  /** The newest deployment to the environment the gate judged and approved (one approved as not gated was never judged). */
  async lastApprovedDeployment(): Promise<{ sha: string; runId: number | null } | null> {
    const environment = this.gate.environment.toLowerCase();
    for await (const { data } of this.deps.audit.records.newest('execution', fullName(this.repo))) {
      const judged = data.outcome === 'approved' && data.code !== 'not-gated' && data.sha !== null;
      if (judged && data.environment.toLowerCase() === environment) return { sha: data.sha!, runId: data.runId };
    }
    return null;
  }

  async impact(baseSha: string, headSha: string) {
    const prepared = await commitChange(this.octokit, this.repo, baseSha, headSha, this.deps.caches);
    return changeImpact(prepared.changeSet, this.policy.state);
  }
}

/**
 * Team memberships of the decision's approvers, when one of them runs the deployment and a
 * requirement names teams: the recount without them needs to know who else may fill it.
 */
async function approverTeams(
  octokit: GitHubClient,
  repo: RepositoryRef,
  gate: DecidableGate,
  input: ExecutionInput,
): Promise<Record<string, string[]>> {
  const decision = input.evidence.map((e) => judgeContent(e, gate.sha, gate.environment)).find((j) => j.approved)
    ?.decision?.decision;
  if (!decision) return {};
  const named = (from: Principals | null) => (from?.teams.length ?? 0) > 0;
  if (!decision.requirements.some((r) => named(r.from))) return {};
  const identities = new IdentityIndex(input.policy);
  const approvers = [...decision.approvals.counted, ...(decision.approvals.spare ?? [])].map((a) => a.login);
  if (!approvers.some((login) => input.executors.some((e) => identities.samePerson(e.login, login)))) return {};
  return reviewerTeams(octokit, repo.owner, gate.ownerIsOrganization, [...new Set(approvers)].sort());
}
