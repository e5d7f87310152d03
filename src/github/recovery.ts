import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'probot';
import type { ScheduledRetry } from '../audit/retries.js';
import { type DeliveryDependencies, runClaimed, staleBefore } from './deliveryWork.js';
import { type EvaluationRequest, evaluatePullRequest } from './evaluation.js';
import type { GitHubClient } from './octokit.js';

/** How often the background work runs, and when a silent process counts as gone. */
export interface RecoverySettings {
  /** how often deliveries of dead processes and due retries are looked for */
  intervalMs: number;
  /** how often this process says it is alive */
  heartbeatMs: number;
  /** a process silent this long is gone, and what it claimed is taken over */
  staleAfterMs: number;
  /** a retry claimed by a live process that neither finished nor rescheduled it is free again after this */
  retryLeaseMs: number;
  /** at most this many deliveries, and this many retries, per round */
  batch: number;
}

export const RECOVERY_DEFAULTS: RecoverySettings = {
  intervalMs: 5_000,
  heartbeatMs: 5_000,
  staleAfterMs: 15_000,
  retryLeaseMs: 5 * 60_000,
  batch: 20,
};

/** The app's installations, each with a client of its own (Probot's `app.auth`). */
export interface Installations {
  auth(installationId: number): Promise<GitHubClient>;
}

/** What one round did: the deliveries it resumed and the retries it ran. */
export interface RecoveryRound {
  resumed: string[];
  retried: { pullRequest: string; attempt: number }[];
}

/** A process's id, unique across restarts and replicas, readable in logs and the store. */
export function newProcessId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * The work no webhook asks for: this process's heartbeat; the deliveries of a process that died
 * mid-work, resumed from the job kept with their claim; and the evaluations due to be tried again.
 * Its timers never keep the process alive, and rounds never overlap.
 */
export class Recovery {
  readonly #timers: NodeJS.Timeout[] = [];
  #round: Promise<RecoveryRound> | null = null;

  constructor(
    readonly installations: Installations,
    readonly deps: DeliveryDependencies,
    readonly log: Logger,
    readonly settings: RecoverySettings,
  ) {}

  /** Says this process is alive; the first beat comes before it claims anything, or its claims would look orphaned. */
  async heartbeat(): Promise<void> {
    await this.deps.audit.instances.heartbeat(this.deps.process.id, this.deps.now());
  }

  /** Beats and runs rounds on timers, the first round at once: what a process that died left is resumed on start. */
  start(): void {
    const every = (ms: number, work: () => Promise<unknown>, what: string) => {
      const timer = setInterval(() => {
        work().catch((error: unknown) => this.log.error({ err: error }, `four-eyes: ${what} failed`));
      }, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(this.settings.heartbeatMs, () => this.heartbeat(), 'heartbeat');
    every(this.settings.intervalMs, () => this.tick(), 'recovery round');
    this.tick().catch((error: unknown) => this.log.error({ err: error }, 'four-eyes: recovery round failed'));
  }

  /** Stops the timers and leaves: what this process still holds is free for others at once. */
  async stop(): Promise<void> {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    await this.#round?.catch(() => undefined);
    await this.deps.audit.instances.leave(this.deps.process.id);
  }

  /** One round (or the one under way): resume dead processes' deliveries, then run due retries. */
  tick(): Promise<RecoveryRound> {
    this.#round ??= this.round().finally(() => {
      this.#round = null;
    });
    return this.#round;
  }

  private async round(): Promise<RecoveryRound> {
    // A round beats too: what this process claims in it must never look orphaned.
    await this.heartbeat();
    const now = this.deps.now();
    await this.deps.audit.instances.forget(new Date(now.getTime() - 24 * 60 * 60_000));
    return { resumed: await this.resumeDeliveries(), retried: await this.runDueRetries() };
  }

  /** Takes over the deliveries of processes whose heartbeat stopped, and does their work from the kept job. */
  private async resumeDeliveries(): Promise<string[]> {
    const { deps } = this;
    const now = deps.now();
    const orphans = await deps.audit.deliveries.takeOver(
      { owner: deps.process.id, staleBefore: staleBefore(deps.process, now) },
      now,
      this.settings.batch,
    );
    for (const { deliveryId, event, job } of orphans) {
      const log = this.log.child({ delivery: deliveryId, event, resumed: true });
      log.warn('four-eyes: resuming a delivery whose process is gone');
      let octokit: GitHubClient;
      try {
        if (job.installationId === null) throw new Error('the delivery names no installation');
        octokit = await this.installations.auth(job.installationId);
      } catch (error) {
        await deps.audit.deliveries.release(deliveryId, deps.now());
        log.error({ err: error }, 'four-eyes: the delivery cannot be resumed; a re-delivery will do it');
        continue;
      }
      // A failure is released for a re-delivery, and a failed evaluation is on the retry schedule (runClaimed, evaluation.ts).
      await runClaimed(octokit, deliveryId, job, deps, log).catch((error: unknown) =>
        log.error({ err: error }, 'four-eyes: resuming the delivery failed'),
      );
    }
    return orphans.map((o) => o.deliveryId);
  }

  /** Claims the retries that are due and no live process holds, and evaluates their pull requests again. */
  private async runDueRetries(): Promise<RecoveryRound['retried']> {
    const { deps } = this;
    const now = deps.now();
    const owner = { id: deps.process.id, staleBefore: staleBefore(deps.process, now) };
    const due = await deps.audit.retries.claimDue(
      owner,
      now,
      new Date(now.getTime() + this.settings.retryLeaseMs),
      this.settings.batch,
    );
    for (const retry of due) {
      const log = this.log.child({ pr: `${retry.repository}#${retry.pullRequest}`, attempt: retry.attempt + 1 });
      log.info(`four-eyes: trying the evaluation again (it failed: ${retry.lastError})`);
      try {
        await evaluatePullRequest(await this.installations.auth(retry.installationId), retryRequest(retry), deps, log);
      } catch (error) {
        // The failure was rescheduled before its report was tried (evaluation.ts); whatever else went wrong, the lease ends it.
        log.error({ err: error }, 'four-eyes: the retry failed');
      }
    }
    return due.map((r) => ({ pullRequest: `${r.repository}#${r.pullRequest}`, attempt: r.attempt + 1 }));
  }
}

/** The evaluation a retry asks for: the pull request's head as GitHub has it now. */
function retryRequest(retry: ScheduledRetry): EvaluationRequest {
  const slash = retry.repository.indexOf('/');
  const request: EvaluationRequest = {
    repo: { owner: retry.repository.slice(0, slash), name: retry.repository.slice(slash + 1) },
    repositoryUrl: retry.repositoryUrl,
    number: retry.pullRequest,
    deliveryId: retry.deliveryId,
    hint: null,
    installationId: retry.installationId,
  };
  if (retry.breakGlass) request.breakGlass = retry.breakGlass;
  if (retry.check) request.lastCheck = retry.check;
  return request;
}
