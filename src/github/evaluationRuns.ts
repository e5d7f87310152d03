import type { Logger } from 'probot';
import type { FailureReportPost } from '../audit/outboxPosts.js';
import type { CheckTarget, StartedCheck } from './checkRunWriter.js';
import type { GitHubClient } from './octokit.js';
import { supersededOutput } from './supersededOutput.js';
import type { OrphanRun, RunOrigin, TrackedChecks } from './trackedChecks.js';

/**
 * The check runs one evaluation answers for: the run it started or adopted, and the runs earlier
 * evaluations of the PR left in progress, which it completes or cancels so none stays in progress.
 */
export class EvaluationRuns {
  started: StartedCheck | null = null;
  /** runs earlier evaluations of the PR left in progress, not yet adopted or completed by this one */
  orphans: OrphanRun[] = [];

  constructor(
    readonly octokit: GitHubClient,
    readonly checks: TrackedChecks,
    readonly log: Logger,
  ) {}

  /** Starts the evaluation's run on `target`, unless it has one. */
  async startIfNone(target: CheckTarget, origin: RunOrigin): Promise<void> {
    if (!this.started) this.started = await this.checks.start(this.octokit, target, origin);
  }

  /** The head moved (or the policy renamed the check) while starting: the started run is not the one to complete. */
  async supersedeStarted(target: CheckTarget | null): Promise<void> {
    const { started } = this;
    if (!started || !target || (started.headSha === target.headSha && started.name === target.name)) return;
    await this.checks.complete(this.octokit, started, started, 'cancelled', supersededOutput(started, target));
    this.started = null;
  }

  /** The newest run an earlier evaluation left in progress on this head and check: this evaluation completes it. */
  adoptOrphan(target: CheckTarget): StartedCheck | null {
    const run = this.orphans.findLast((o) => sameRun(o, target));
    if (!run) return null;
    this.orphans = this.orphans.filter((o) => o !== run);
    return startedCheck(run);
  }

  /** Runs left in progress: the newest on this head is this evaluation's, the others are cancelled, saying what superseded them. */
  async settleOrphans(target: CheckTarget): Promise<void> {
    if (!this.started) this.started = this.adoptOrphan(target);
    for (const run of this.orphans) await this.cancelOrphan(run, supersededOutput(run, target, this.started));
  }

  /** A failed cancel leaves the run tracked (a later evaluation or the sweep completes it); it does not stop the decision. */
  async cancelOrphan(run: OrphanRun, output: FailureReportPost['output']): Promise<void> {
    try {
      await this.checks.complete(this.octokit, run, run, 'cancelled', output);
      this.orphans = this.orphans.filter((o) => o !== run);
    } catch (error) {
      this.log.warn(
        { err: error, checkRun: run.id },
        'four-eyes: could not cancel a check run left in progress; it is retried',
      );
    }
  }

  /** Every run this evaluation answers for, cancelled with `output`. */
  async cancelAll(output: FailureReportPost['output']): Promise<void> {
    if (this.started) await this.checks.complete(this.octokit, this.started, this.started, 'cancelled', output);
    for (const run of this.orphans) await this.cancelOrphan(run, output);
  }

  /** A failure's report on `target` and on every run this evaluation started or was to complete. */
  failureReports(target: CheckTarget | null, output: FailureReportPost['output']): FailureReportPost[] {
    const reports: FailureReportPost[] = target ? [{ target, started: this.started, output }] : [];
    if (this.started && (!target || !sameRun(this.started, target)))
      reports.push({ target: this.started, started: this.started, output });
    for (const run of this.orphans) reports.push({ target: startedCheck(run), started: startedCheck(run), output });
    return reports;
  }
}

function sameRun(run: StartedCheck | CheckTarget, target: CheckTarget): boolean {
  return run.headSha === target.headSha && run.name === target.name;
}

function startedCheck(run: OrphanRun): StartedCheck {
  return {
    id: run.id,
    repo: run.repo,
    headSha: run.headSha,
    name: run.name,
    number: run.number,
    detailsUrl: run.detailsUrl,
  };
}
