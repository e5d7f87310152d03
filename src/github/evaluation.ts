import type { Logger } from 'pino';
import { BUILTIN_RULE_IDS } from '../classify/catalog/index.js';
import { classifyChangeSet } from '../classify/classify.js';
import { loadPolicy, POLICY_PATH } from '../config/loadPolicy.js';
import { defaultPolicy } from '../config/policy.js';
import { decide, type Decision, type PolicyState } from '../policy/decision.js';
import type { ActivityLog } from './activityLog.js';
import { loadBasePolicy } from './basePolicy.js';
import { BLOBS_PER_REQUEST } from './blobs.js';
import { changeKey, type AppCaches, type PreparedChange } from './caches.js';
import { listChangedFiles, type ChangedFileList } from './changedFiles.js';
import { checkRunOutput } from './checkRunOutput.js';
import { completeCheck, startCheck, type CheckTarget, type StartedCheck } from './checkRunWriter.js';
import { failureOutput } from './failureOutput.js';
import type { KeyedSerializer } from './keyedSerializer.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { prepareChange } from './preparedChange.js';
import { factsFromSnapshot } from './pullRequestFacts.js';
import { fetchSnapshot, type SnapshotWithBlobs } from './pullRequestSnapshot.js';
import { contentExpressions } from './pullRequestTrees.js';
import { loginsNeedingTeams, reviewerTeams } from './teams.js';

export interface AppDependencies {
  activity: ActivityLog;
  caches: AppCaches;
  serializer: KeyedSerializer;
  now: () => Date;
}

/** Which PR to evaluate, and what the event already said about it (to start before asking GitHub). */
export interface EvaluationRequest {
  repo: RepositoryRef;
  /** `https://github.com/owner/repo`, or the Enterprise Server equivalent */
  repositoryUrl: string;
  number: number;
  hint: { baseRef: string; baseSha: string; headSha: string; changedFiles: number | null } | null;
  /** a `/four-eyes break-glass` comment: it covers the head SHA the PR has when it is evaluated */
  breakGlass?: { author: string; text: string; at: string };
}

export type EvaluationResult =
  | { kind: 'decided'; decision: Decision; checkRunId: number }
  | { kind: 'skipped'; reason: string };

/** Evaluates one PR; evaluations of the same PR run one after another, in the order they were asked for. */
export function evaluatePullRequest(octokit: GitHubClient, request: EvaluationRequest, deps: AppDependencies, log: Logger): Promise<EvaluationResult> {
  return deps.serializer.run(`${fullName(request.repo)}#${request.number}`, () => new Evaluation(octokit, request, deps, log).run());
}

/** One evaluation's state: what was learnt so far, so a failure can still be reported on the right commit. */
class Evaluation {
  started: StartedCheck | null = null;
  target: CheckTarget | null = null;

  constructor(readonly octokit: GitHubClient, readonly request: EvaluationRequest, readonly deps: AppDependencies, readonly log: Logger) {}

  async run(): Promise<EvaluationResult> {
    try {
      return await this.evaluate();
    } catch (error) {
      await this.reportFailure(error);
      return { kind: 'skipped', reason: `evaluation failed: ${(error as Error).message}` };
    }
  }

  async evaluate(): Promise<EvaluationResult> {
    const { octokit, request, deps } = this;
    const { repo, hint } = request;
    let prepared = hint ? deps.caches.changes.get(changeKey(fullName(repo), hint.baseSha, hint.headSha)) : undefined;
    let listing: ChangedFileList | null = null;
    let fetched: SnapshotWithBlobs;
    if (hint && !prepared && hint.changedFiles !== null) {
      // A new head: say so at once, then list files and read the first contents with the facts.
      const policy = await this.policy(hint.baseRef, hint.baseSha);
      this.target = this.checkTarget(hint.headSha, policy);
      this.started = await startCheck(octokit, this.target);
      listing = await listChangedFiles(octokit, repo, request.number, hint.changedFiles);
      fetched = await fetchSnapshot(octokit, repo, request.number, contentExpressions(listing.files, hint.baseSha, hint.headSha).slice(0, BLOBS_PER_REQUEST));
    } else {
      fetched = await fetchSnapshot(octokit, repo, request.number);
    }
    const pr = fetched.snapshot.pullRequest;
    const policy = await this.policy(pr.baseRefName, pr.baseRefOid);
    this.target = this.checkTarget(pr.headRefOid, policy);
    if (pr.state !== 'OPEN') return this.skip(`the pull request is ${pr.state.toLowerCase()}`);
    await this.supersedeStarted();
    const current = hint !== null && hint.baseSha === pr.baseRefOid && hint.headSha === pr.headRefOid;
    prepared = (current ? prepared : undefined) ?? deps.caches.changes.get(changeKey(fullName(repo), pr.baseRefOid, pr.headRefOid));
    if (!prepared) {
      if (!this.started) this.started = await startCheck(octokit, this.target);
      if (!current || listing === null) listing = await listChangedFiles(octokit, repo, request.number, pr.changedFiles);
      prepared = await prepareChange(octokit, repo, listing, pr.baseRefOid, pr.headRefOid, deps.caches, current ? fetched.blobs : new Map());
    }
    const decision = await this.decide(fetched, policy, prepared);
    const output = checkRunOutput(decision.decision, {
      repositoryUrl: request.repositoryUrl, proposedPolicyErrors: decision.proposedErrors,
      basePolicyErrors: policy.valid ? null : { source: policy.source, errors: policy.errors },
    });
    const checkRunId = await completeCheck(octokit, this.target, this.started, decision.decision.conclusion, output, deps.now());
    this.log.info({ pr: `${fullName(repo)}#${request.number}`, head: pr.headRefOid, conclusion: decision.decision.conclusion, tier: decision.decision.tier }, 'four-eyes: decided');
    return { kind: 'decided', decision: decision.decision, checkRunId };
  }

  async decide(fetched: SnapshotWithBlobs, policy: PolicyState, prepared: PreparedChange): Promise<{ decision: Decision; proposedErrors: ReturnType<typeof loadPolicy>['errors'] }> {
    const { repo, number } = this.request;
    const { activity, now } = this.deps;
    const pr = fetched.snapshot.pullRequest;
    const rules = policy.valid ? policy.policy : policy.fallback;
    if (this.request.breakGlass) await activity.recordBreakGlass(fullName(repo), number, { ...this.request.breakGlass, sha: pr.headRefOid });
    const [pushes, breakGlass, impactDigests] = await Promise.all([
      activity.pushes(fullName(repo), pr.headRefName, number), activity.breakGlass(fullName(repo), number), activity.impactDigests(fullName(repo), number),
    ]);
    const author = fetched.snapshot.pullRequest.author?.login ?? 'ghost';
    const teamLogins = loginsNeedingTeams(rules, fetched.snapshot, breakGlass, author);
    const teams = teamLogins.length ? await reviewerTeams(this.octokit, repo.owner, fetched.ownerType === 'Organization', teamLogins) : {};
    const facts = factsFromSnapshot(fetched.snapshot, { branchPushes: pushes.toBranch, pullRequestPushes: pushes.toPullRequest, breakGlass, impactDigests, teams, filesTruncated: prepared.filesTruncated });
    const classification = classifyChangeSet(prepared.changeSet, rules);
    const proposedErrors = prepared.proposedPolicyText === null ? [] : loadPolicy(prepared.proposedPolicyText, BUILTIN_RULE_IDS).errors;
    const decision = decide({ facts, classification, policy, now: now(), proposedPolicy: { source: POLICY_PATH, errors: proposedErrors } });
    await activity.recordImpactDigest(fullName(repo), number, pr.headRefOid, decision.impactDigest);
    return { decision, proposedErrors };
  }

  policy(baseRef: string, baseSha: string): Promise<PolicyState> {
    return loadBasePolicy(this.octokit, this.request.repo, baseRef, baseSha, this.deps.caches.policies, this.deps.now().getTime());
  }

  checkTarget(headSha: string, policy: PolicyState): CheckTarget {
    const name = (policy.valid ? policy.policy : policy.fallback).checkName;
    return { repo: this.request.repo, headSha, name, number: this.request.number, detailsUrl: `${this.request.repositoryUrl}/pull/${this.request.number}` };
  }

  /** The head moved (or the policy renamed the check) while starting: the started run is not the one to complete. */
  async supersedeStarted(): Promise<void> {
    const { started, target } = this;
    if (!started || !target || (started.headSha === target.headSha && started.name === target.name)) return;
    const output = { title: `Superseded: the head is now ${target.headSha.slice(0, 7)}`, summary: `This commit is no longer the pull request's head; Four Eyes evaluates ${target.headSha.slice(0, 7)}.`, annotations: [] };
    await completeCheck(this.octokit, started, started, 'cancelled', output, this.deps.now());
    this.started = null;
  }

  async skip(reason: string): Promise<EvaluationResult> {
    if (this.started) await completeCheck(this.octokit, this.started, this.started, 'cancelled', { title: `Not evaluated: ${reason}`, summary: `Four Eyes does not evaluate this pull request: ${reason}.`, annotations: [] }, this.deps.now());
    return { kind: 'skipped', reason };
  }

  /** Fail closed: whatever went wrong, the check on the head says so and does not pass. */
  async reportFailure(error: unknown): Promise<void> {
    this.log.error({ err: error, pr: `${fullName(this.request.repo)}#${this.request.number}` }, 'four-eyes: evaluation failed');
    const target = this.target ?? (this.request.hint ? this.checkTarget(this.request.hint.headSha, { valid: true, source: 'built-in defaults', policy: defaultPolicy() }) : null);
    if (!target) throw error;
    await completeCheck(this.octokit, target, this.started, 'failure', failureOutput(error), this.deps.now());
  }
}
