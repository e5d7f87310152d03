import type { Logger } from 'probot';
import type { ActivityLog } from '../audit/activityLog.js';
import type { CheckRunOutput } from '../audit/outboxPosts.js';
import type { AuditServices } from '../audit/services.js';
import { isValidPolicy, type PolicyInForce, policyInForce } from '../config/policyInForce.js';
import type { ConfigError } from '../config/yamlSource.js';
import type { PlanEvidence } from '../plan/planEvidence.js';
import type { Decision } from '../policy/decision.js';
import type { KeyedSerializer } from '../util/keyedSerializer.js';
import { type LoadedPolicy, loadBasePolicy } from './basePolicy.js';
import { BLOBS_PER_REQUEST } from './blobs.js';
import { type AppCaches, changeKey, type PreparedChange } from './caches.js';
import { listChangedFiles } from './changedFiles.js';
import { checkRunOutput } from './checkRunOutput.js';
import type { CheckTarget } from './checkRunWriter.js';
import { DecisionRecorder } from './decisionRecorder.js';
import { EvaluationRuns } from './evaluationRuns.js';
import { failureOutput } from './failureOutput.js';
import type { AppMetrics } from './metrics.js';
import { nextTurn } from './nextTurn.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { planEvidenceFor, planReport, takesPlansFrom } from './planEvaluation.js';
import { blobsToPrefetch, type ListedChange, listChange, prepareChange } from './preparedChange.js';
import { decidePullRequest } from './pullRequestDecision.js';
import { fetchSnapshot, type SnapshotWithBlobs } from './pullRequestSnapshot.js';
import { type RetrySchedule, type RetryVerdict, retryOutput } from './retrySchedule.js';
import { type RunOrigin, TrackedChecks } from './trackedChecks.js';

export interface AppDependencies {
  activity: ActivityLog;
  audit: AuditServices;
  caches: AppCaches;
  serializer: KeyedSerializer;
  /** evaluations that could not finish, tried again when GitHub answers */
  retries: RetrySchedule;
  now: () => Date;
  /** the app's id: finds its own check runs on GitHub */
  appId?: number;
  /** counts evaluations and times them (absent: not counted) */
  metrics?: AppMetrics;
}

/** Which PR to evaluate, and what the event already said about it (to start before asking GitHub). */
export interface EvaluationRequest {
  repo: RepositoryRef;
  /** `https://github.com/owner/repo`, or the Enterprise Server equivalent */
  repositoryUrl: string;
  number: number;
  /** the webhook delivery: a decision is recorded once per delivery and pull request */
  deliveryId: string | null;
  hint: { baseRef: string; baseSha: string; headSha: string; changedFiles: number | null } | null;
  /** a `/four-eyes break-glass` comment: it covers the head SHA the PR has when it is evaluated */
  breakGlass?: { author: string; text: string; at: string };
  /** the installation the event came from: runs and posts keep it, and a failure is tried again with its client */
  installationId?: number | null;
  /** a retry's last reported failure: where to report this one if the evaluation gets no further */
  lastCheck?: CheckTarget;
  /** the sweep: evaluate only when the pull request has runs in progress that nobody is completing */
  onlyWithOrphans?: boolean;
  /** a run of this workflow completed: evaluate only when the policy in force takes its plans from it */
  planWorkflow?: string;
}

export type EvaluationResult =
  | { kind: 'decided'; decision: Decision | null; checkRunId: number | null; complete: boolean }
  /** `unrelated`: the event turned out not to concern the PR (another workflow's run): a retry it awaits stays scheduled */
  | { kind: 'skipped'; reason: string; complete: boolean; unrelated?: true }
  /** the evaluation failed: reported on the check, and tried again later when the cause is transient */
  | { kind: 'failed'; reason: string; retry: RetryVerdict; complete: false };

/**
 * Evaluates one PR. Evaluations of the same PR run one after another: in this process in the
 * order they were asked for, across replicas under the database's lock on the PR.
 */
export function evaluatePullRequest(
  octokit: GitHubClient,
  request: EvaluationRequest,
  deps: AppDependencies,
  log: Logger,
): Promise<EvaluationResult> {
  return oneAtATime(deps, request.repo, request.number, async () => {
    const started = performance.now();
    const result = await new Evaluation(octokit, request, deps, log).run();
    deps.metrics?.evaluated(result, (performance.now() - started) / 1000);
    return result;
  });
}

/** Posts what is pending for the pull request, in turn with its evaluations: whether nothing is left. */
export async function flushPullRequest(
  octokit: GitHubClient,
  repo: RepositoryRef,
  number: number,
  deps: AppDependencies,
  log: Logger,
): Promise<boolean> {
  const checks = new TrackedChecks(deps.audit.checkRuns, deps.now, deps.appId ?? null);
  return oneAtATime(
    deps,
    repo,
    number,
    async () => (await new DecisionRecorder(deps.audit, checks, deps.now, log).flush(octokit, repo, number)).complete,
  );
}

/** Runs `work` in turn with everything else done for the pull request: in this process, and across replicas under the store's lock. */
export function oneAtATime<T>(
  deps: AppDependencies,
  repo: RepositoryRef,
  number: number,
  work: () => Promise<T>,
): Promise<T> {
  const key = `${fullName(repo)}#${number}`;
  return deps.serializer.run(key, () => deps.audit.db.withLock(key, work));
}

/** One evaluation's state: what was learnt so far, so a failure can still be reported on the right commit. */
class Evaluation {
  target: CheckTarget | null = null;
  /** the files and base tree listed before the facts, for the head the event named */
  listed: ListedChange | null = null;
  readonly checks: TrackedChecks;
  readonly recorder: DecisionRecorder;
  readonly runs: EvaluationRuns;

  constructor(
    readonly octokit: GitHubClient,
    readonly request: EvaluationRequest,
    readonly deps: AppDependencies,
    readonly log: Logger,
  ) {
    this.checks = new TrackedChecks(deps.audit.checkRuns, deps.now, deps.appId ?? null);
    this.recorder = new DecisionRecorder(deps.audit, this.checks, deps.now, log);
    this.runs = new EvaluationRuns(octokit, this.checks, log);
  }

  async run(): Promise<EvaluationResult> {
    const result = await this.attempt();
    if (result.kind === 'failed' || (result.kind === 'skipped' && result.unrelated)) return result;
    // Done: nothing to try again. Recorded but not all posted: GitHub is failing, try again later.
    if (result.complete) await this.deps.retries.succeeded(this.request);
    else await this.deps.retries.postsPending(this.request, this.target);
    return result;
  }

  async attempt(): Promise<EvaluationResult> {
    const { repo, number, deliveryId } = this.request;
    // Posts an earlier evaluation recorded but did not get to (a crash, GitHub down) go out first.
    const pending = await this.recorder.flush(this.octokit, repo, number);
    if (await this.recorder.alreadyRecorded(deliveryId, repo, number)) {
      return { kind: 'decided', decision: null, checkRunId: pending.checkRunId, complete: pending.complete };
    }
    try {
      // Holding the PR's lock, with its posts made: a run still in progress is one nobody completes.
      this.runs.orphans = await this.checks.orphans(this.octokit, repo, number);
      if (this.request.onlyWithOrphans && this.runs.orphans.length === 0)
        return { kind: 'skipped', reason: 'no check run left in progress', complete: pending.complete };
      return await this.evaluate();
    } catch (error) {
      const target = this.failureTarget();
      const retry = await this.deps.retries.failed(this.request, error, target);
      return this.reportFailure(error, target, retry);
    }
  }

  async evaluate(): Promise<EvaluationResult> {
    const { hint, planWorkflow } = this.request;
    // Most workflow runs are not the plan workflow's: known by the base the event names, before anything else.
    if (
      planWorkflow !== undefined &&
      hint &&
      !takesPlansFrom((await this.policy(hint.baseRef, hint.baseSha)).state, planWorkflow)
    )
      return notThePlanWorkflow(planWorkflow);
    const fetched = await this.fetch();
    const pr = fetched.snapshot.pullRequest;
    const policy = await this.policy(pr.baseRefName, pr.baseRefOid);
    if (planWorkflow !== undefined && !takesPlansFrom(policy.state, planWorkflow))
      return notThePlanWorkflow(planWorkflow);
    this.target = this.checkTarget(pr.headRefOid, policy.state);
    if (pr.state !== 'OPEN') return this.skip(`the pull request is ${pr.state.toLowerCase()}`);
    await this.runs.supersedeStarted(this.target);
    await this.runs.settleOrphans(this.target);
    const prepared = await this.prepared(fetched);
    const commits = { baseSha: pr.baseRefOid, headSha: pr.headRefOid };
    const plans = await planEvidenceFor(this.octokit, this.request.repo, policy.state, commits, prepared.changeSet);
    const waiting = plans?.missing?.state === 'waiting';
    // A wait is shown on a run left in progress: one this evaluation started or adopted.
    if (waiting) await this.runs.startIfNone(this.target, this.origin());
    const { decision, proposedErrors, judgedBy } = await decidePullRequest(this.octokit, this.request, this.deps, {
      fetched,
      policy: policy.state,
      prepared,
      plans,
    });
    // Rendering and sealing a large decision takes a while too: not in the same turn as classifying it.
    await nextTurn();
    await this.recorder.record({
      decision,
      deliveryId: this.request.deliveryId,
      policy: policy.state.policy,
      policyFiles: [...policy.files, ...judgedBy],
      target: this.target,
      started: this.runs.started,
      repositoryUrl: this.request.repositoryUrl,
      installationId: this.origin().installationId,
      render: (footerChars) => this.checkRunOutputOf(decision, policy.state, proposedErrors, plans, footerChars),
      waiting,
    });
    const posted = await this.recorder.flush(this.octokit, this.request.repo, this.request.number);
    this.logDecided(pr.headRefOid, decision);
    return { kind: 'decided', decision, checkRunId: posted.checkRunId, complete: posted.complete };
  }

  /** The check run's output of the decision, leaving room for the line that names its audit record. */
  checkRunOutputOf(
    decision: Decision,
    policy: PolicyInForce,
    proposedErrors: ConfigError[],
    plans: PlanEvidence | null,
    footerChars: number,
  ): CheckRunOutput {
    return checkRunOutput(decision, {
      repositoryUrl: this.request.repositoryUrl,
      proposedPolicyErrors: proposedErrors,
      footerChars,
      basePolicyErrors: isValidPolicy(policy) ? null : { source: policy.source, errors: policy.errors },
      plans: planReport(plans, decision),
    });
  }

  logDecided(head: string, decision: Decision): void {
    this.log.info(
      {
        pr: `${fullName(this.request.repo)}#${this.request.number}`,
        head,
        conclusion: decision.conclusion,
        tier: decision.tier,
      },
      'four-eyes: decided',
    );
  }

  /** The facts; for a new head named by the event, the check is started first, the files and base tree listed, and the first contents come with the facts. */
  async fetch(): Promise<SnapshotWithBlobs> {
    const { octokit, request, deps } = this;
    const { repo, hint } = request;
    if (
      !hint ||
      hint.changedFiles === null ||
      deps.caches.changes.get(changeKey(fullName(repo), hint.baseSha, hint.headSha))
    )
      return fetchSnapshot(octokit, repo, request.number);
    const policy = await this.policy(hint.baseRef, hint.baseSha);
    this.target = this.checkTarget(hint.headSha, policy.state);
    this.runs.started =
      this.runs.adoptOrphan(this.target) ?? (await this.checks.start(octokit, this.target, this.origin()));
    this.listed = await listChange(
      octokit,
      repo,
      await listChangedFiles(octokit, repo, request.number, hint.changedFiles),
      hint.baseSha,
    );
    return fetchSnapshot(
      octokit,
      repo,
      request.number,
      blobsToPrefetch(this.listed, deps.caches).slice(0, BLOBS_PER_REQUEST),
    );
  }

  /** The change set of the head GitHub reports now: cached, or read (the listing, tree and contents fetched with the facts reused when they are for it). */
  async prepared(fetched: SnapshotWithBlobs): Promise<PreparedChange> {
    const { octokit, request, deps } = this;
    const pr = fetched.snapshot.pullRequest;
    const cached = deps.caches.changes.get(changeKey(fullName(request.repo), pr.baseRefOid, pr.headRefOid));
    if (cached) return cached;
    const current =
      request.hint !== null && request.hint.baseSha === pr.baseRefOid && request.hint.headSha === pr.headRefOid;
    await this.runs.startIfNone(this.target!, this.origin());
    const listed =
      current && this.listed
        ? this.listed
        : await listChange(
            octokit,
            request.repo,
            await listChangedFiles(octokit, request.repo, request.number, pr.changedFiles),
            pr.baseRefOid,
          );
    return prepareChange(
      octokit,
      request.repo,
      listed,
      pr.baseRefOid,
      pr.headRefOid,
      deps.caches,
      current ? fetched.blobs : new Map(),
    );
  }

  policy(baseRef: string, baseSha: string): Promise<LoadedPolicy> {
    return loadBasePolicy(
      this.octokit,
      this.request.repo,
      baseRef,
      baseSha,
      this.deps.caches.policies,
      this.deps.now().getTime(),
    );
  }

  checkTarget(headSha: string, policy: PolicyInForce): CheckTarget {
    const name = policy.policy.checkName;
    return {
      repo: this.request.repo,
      headSha,
      name,
      number: this.request.number,
      detailsUrl: `${this.request.repositoryUrl}/pull/${this.request.number}`,
    };
  }

  /** Where runs this evaluation starts come from: to complete them later without the event. */
  origin(): RunOrigin {
    return { repositoryUrl: this.request.repositoryUrl, installationId: this.request.installationId ?? null };
  }

  async skip(reason: string): Promise<EvaluationResult> {
    const output = {
      title: `Not evaluated: ${reason}`,
      summary: `Four Eyes does not evaluate this pull request: ${reason}.`,
      annotations: [],
    };
    await this.runs.cancelAll(output);
    return { kind: 'skipped', reason, complete: true };
  }

  /** The check a failure is reported on: the evaluation's, the head the event named, or where a retry's last failure went. */
  failureTarget(): CheckTarget | null {
    const { hint, lastCheck } = this.request;
    return (
      this.target ??
      (hint ? this.checkTarget(hint.headSha, policyInForce('built-in defaults', { kind: 'absent' })) : null) ??
      lastCheck ??
      null
    );
  }

  /**
   * Fail closed: whatever went wrong, the check on the head says so (and when it is tried again)
   * and does not pass, and so does every run this evaluation started or was to complete. The
   * reports go through the outbox: one GitHub refuses now is posted by the next flush.
   */
  async reportFailure(error: unknown, target: CheckTarget | null, retry: RetryVerdict): Promise<EvaluationResult> {
    const { repo, number, deliveryId } = this.request;
    this.log.error({ err: error, pr: `${fullName(repo)}#${number}`, retry }, 'four-eyes: evaluation failed');
    const output = retryOutput(failureOutput(error), retry);
    const reports = this.runs.failureReports(target, output);
    if (reports.length === 0) throw error;
    await this.recorder.recordFailure(reports, {
      deliveryId,
      repo,
      number,
      installationId: this.origin().installationId,
    });
    await this.recorder.flush(this.octokit, repo, number);
    // Not complete: a re-delivery of the event evaluates again, and a transient cause is retried.
    return { kind: 'failed', reason: `evaluation failed: ${(error as Error).message}`, retry, complete: false };
  }
}

/** Not evaluated, and nothing touched: the runs in progress (a wait for the plan among them) stay as they are. */
function notThePlanWorkflow(workflow: string): EvaluationResult {
  return {
    kind: 'skipped',
    reason: `${workflow} does not make this pull request's plans`,
    complete: true,
    unrelated: true,
  };
}
