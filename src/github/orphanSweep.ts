import type { Probot } from 'probot';
import type { PullRequestToSweep } from '../audit/outbox.js';
import { type AppDependencies, evaluatePullRequest, flushPullRequest } from './evaluation.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';

export interface SweepSettings {
  /** how often the sweep runs; 0: never periodically */
  intervalMs: number;
  /** a run in progress or a post pending for this long is swept (younger ones may belong to an evaluation still running) */
  staleAfterMs: number;
  /** sweep once when the app starts (after a crash, the runs and posts the dead process left) */
  atStart: boolean;
}

export const DEFAULT_SWEEP: SweepSettings = { intervalMs: 5 * 60_000, staleAfterMs: 5 * 60_000, atStart: true };

/** Pull requests per pass of each kind: a pass's load is bounded, the rest wait for the next. */
const PER_PASS = 50;

export interface SweepReport {
  /** pull requests whose pending posts were made */
  flushed: number;
  /** pull requests evaluated again because runs were left in progress */
  evaluated: number;
  /** pull requests the pass could not finish (logged; tried again next pass) */
  failed: number;
}

/**
 * Finishes what evaluations left behind: posts still pending (a failure report GitHub refused,
 * a comment whose process died) and check runs left `in_progress`. Each pull request is handled
 * in turn with its evaluations (under its lock), through its installation: its pending posts are
 * made, then, if runs are still in progress, it is evaluated again, which completes the newest run
 * on the head with the decision and cancels the others as superseded (or, if the evaluation fails,
 * completes them as failure, offering Re-evaluate).
 */
export class OrphanSweep {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<SweepReport> | null = null;

  constructor(
    readonly app: Probot,
    readonly deps: AppDependencies,
    readonly settings: SweepSettings,
  ) {}

  start(): void {
    if (this.settings.atStart) void this.run();
    if (this.settings.intervalMs > 0) {
      this.#timer = setInterval(() => void this.run(), this.settings.intervalMs);
      this.#timer.unref();
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** One pass; asked for while one runs, that one is joined rather than doubled. Never throws. */
  run(): Promise<SweepReport> {
    this.#running ??= this.pass()
      .catch((error: unknown) => {
        this.app.log.error({ err: error }, 'four-eyes: the sweep failed; it runs again later');
        return { flushed: 0, evaluated: 0, failed: 1 };
      })
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  async pass(): Promise<SweepReport> {
    const { audit, now } = this.deps;
    const before = new Date(now().getTime() - this.settings.staleAfterMs);
    const runs = await audit.checkRuns.stale(before, PER_PASS);
    const posts = (await audit.outbox.stale(before, PER_PASS)).filter(
      (p) => !runs.some((r) => r.repository === p.repository && r.pullRequest === p.pullRequest),
    );
    const report: SweepReport = { flushed: 0, evaluated: 0, failed: 0 };
    await this.flush(posts, report);
    for (const pr of runs) {
      const request = {
        repo: repositoryRef(pr.repository),
        repositoryUrl: pr.repositoryUrl,
        number: pr.pullRequest,
        deliveryId: null,
        hint: null,
        installationId: pr.installationId,
        onlyWithOrphans: true,
      };
      const done = await this.each(
        pr,
        async (octokit) =>
          (await evaluatePullRequest(octokit, request, this.deps, this.app.log.child({ sweep: true }))).complete,
      );
      if (done) report.evaluated++;
      else report.failed++;
    }
    if (posts.length || runs.length)
      this.app.log.info({ ...report }, 'four-eyes: swept check runs left in progress and pending posts');
    return report;
  }

  /**
   * Makes every post pending now, however young (a clean shutdown, once no delivery is in flight):
   * what it could not make stays in the outbox for the next process.
   */
  async flushOutbox(): Promise<SweepReport> {
    const report: SweepReport = { flushed: 0, evaluated: 0, failed: 0 };
    await this.flush(await this.deps.audit.outbox.stale(this.deps.now(), PER_PASS), report);
    return report;
  }

  private async flush(posts: PullRequestToSweep[], report: SweepReport): Promise<void> {
    for (const pr of posts) {
      const done = await this.each(pr, (octokit, repo) =>
        flushPullRequest(octokit, repo, pr.pullRequest, this.deps, this.app.log),
      );
      if (done) report.flushed++;
      else report.failed++;
    }
  }

  async each(
    pr: { repository: string; pullRequest: number; installationId: number },
    work: (octokit: GitHubClient, repo: RepositoryRef) => Promise<boolean>,
  ): Promise<boolean> {
    try {
      const octokit = (await this.app.auth(pr.installationId)) as GitHubClient;
      return await work(octokit, repositoryRef(pr.repository));
    } catch (error) {
      this.app.log.warn(
        { err: error, pr: `${pr.repository}#${pr.pullRequest}` },
        'four-eyes: the sweep could not finish this pull request; it is tried again next pass',
      );
      return false;
    }
  }
}

function repositoryRef(repository: string): RepositoryRef {
  const slash = repository.indexOf('/');
  return { owner: repository.slice(0, slash), name: repository.slice(slash + 1) };
}
