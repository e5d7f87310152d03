import type { CheckRunLedger, TrackedRun } from '../audit/checkRuns.js';
import type { CheckRunOutput } from '../audit/outboxPosts.js';
import type { Conclusion } from '../policy/decision.js';
import { type CheckTarget, completeCheck, reportProgress, type StartedCheck, startCheck } from './checkRunWriter.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { fullName } from './octokit.js';

/** What a started run needs beyond its target so that it can be completed without the event that started it. */
export interface RunOrigin {
  repositoryUrl: string;
  installationId: number | null;
}

/** A run no evaluation is completing: started by one that ended without completing it. */
export type OrphanRun = StartedCheck & RunOrigin;

/**
 * Check runs started and completed with the ledger kept in step, so that every run Four Eyes
 * starts is completed: the start is recorded before GitHub is asked, GitHub's id once it answers,
 * and the completion once GitHub took it.
 */
export class TrackedChecks {
  constructor(
    readonly ledger: CheckRunLedger,
    readonly now: () => Date,
    readonly appId: number | null,
  ) {}

  async start(octokit: GitHubClient, target: CheckTarget, origin: RunOrigin): Promise<StartedCheck> {
    const row = await this.ledger.starting(
      {
        repository: fullName(target.repo),
        pullRequest: target.number,
        headSha: target.headSha,
        name: target.name,
        ...origin,
      },
      this.now(),
    );
    const started = await startCheck(octokit, target);
    await this.ledger.started(row, started.id);
    return started;
  }

  /** Completes the started run (or creates a completed one, when `started` is not on the target): the run's id. */
  async complete(
    octokit: GitHubClient,
    target: CheckTarget,
    started: StartedCheck | null,
    conclusion: Conclusion | 'cancelled',
    output: CheckRunOutput,
  ): Promise<number> {
    const id = await completeCheck(octokit, target, started, conclusion, output, this.now());
    await this.completed(id, conclusion);
    return id;
  }

  /**
   * Shows the output on a started run that stays in progress: the ledger keeps it open, so the
   * next evaluation of the pull request adopts and completes it (and the sweep evaluates again).
   */
  async progress(octokit: GitHubClient, started: StartedCheck, output: CheckRunOutput): Promise<number> {
    await reportProgress(octokit, started, output);
    return started.id;
  }

  /** A completion GitHub took (through the outbox, or above). */
  completed(runId: number, conclusion: string): Promise<void> {
    return this.ledger.completed(runId, conclusion, this.now());
  }

  /**
   * The pull request's runs nobody is completing, oldest first. A start whose answer never came
   * (the process died waiting) is looked up on GitHub, one request per such start: the run it
   * made, if any, is adopted.
   */
  async orphans(octokit: GitHubClient, repo: RepositoryRef, number: number): Promise<OrphanRun[]> {
    const orphans: OrphanRun[] = [];
    for (const run of await this.ledger.open(fullName(repo), number)) {
      const ids = run.runId !== null ? [run.runId] : await this.adoptUnanswered(octokit, repo, run);
      for (const id of ids) orphans.push(orphan(repo, run, id));
    }
    return orphans;
  }

  /** The runs GitHub made for a start it never answered, now tracked; none: the row is closed. */
  async adoptUnanswered(octokit: GitHubClient, repo: RepositoryRef, run: TrackedRun): Promise<number[]> {
    const { data } = await octokit.rest.checks.listForRef({
      owner: repo.owner,
      repo: repo.name,
      ref: run.headSha,
      check_name: run.name,
      filter: 'all',
      per_page: 100,
      ...(this.appId === null ? {} : { app_id: this.appId }),
    });
    const candidates = data.check_runs.filter(
      (r) => r.status !== 'completed' && r.external_id === String(run.pullRequest) && r.head_sha === run.headSha,
    );
    const adopted: number[] = [];
    for (const candidate of candidates) {
      const row = adopted.length === 0 ? run.id : await this.ledger.starting(run, new Date(run.startedAt));
      if (await this.ledger.started(row, candidate.id)) adopted.push(candidate.id);
      else if (row !== run.id) await this.ledger.closed(row, this.now());
    }
    if (adopted.length === 0) await this.ledger.closed(run.id, this.now());
    return adopted;
  }
}

function orphan(repo: RepositoryRef, run: TrackedRun, id: number): OrphanRun {
  return {
    id,
    repo,
    headSha: run.headSha,
    name: run.name,
    number: run.pullRequest,
    detailsUrl: `${run.repositoryUrl}/pull/${run.pullRequest}`,
    repositoryUrl: run.repositoryUrl,
    installationId: run.installationId,
  };
}
