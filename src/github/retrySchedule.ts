import type { CheckRunOutput, CheckTarget } from '../audit/outboxPosts.js';
import type { RetryStore, ScheduledRetry } from '../audit/retries.js';
import { fullName, type RepositoryRef } from './octokit.js';
import { transientFailure } from './transientFailure.js';

/** When to try again: 30 s after the first failure, doubling up to 15 minutes, for a day. */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  giveUpAfterMs: number;
}

const RETRY_POLICY: RetryPolicy = { firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, giveUpAfterMs: 24 * 60 * 60_000 };

/** GitHub's word on when to come back is followed, but never past this. */
const LONGEST_WAIT_MS = 60 * 60_000;

/** What a failed evaluation needs to be tried again without its webhook (EvaluationRequest has it all). */
export interface RetryableRequest {
  repo: RepositoryRef;
  repositoryUrl: string;
  number: number;
  deliveryId: string | null;
  installationId?: number | null;
  breakGlass?: { author: string; text: string; at: string };
}

export type RetryVerdict =
  /** trying again cannot help: the failure is reported and left for a person or the next event */
  | { kind: 'permanent' }
  /** nothing could run a retry (an event without an installation) */
  | { kind: 'unscheduled'; reason: string }
  | { kind: 'retrying'; reason: string; attempt: number; at: Date }
  | { kind: 'gave-up'; reason: string; attempts: number; since: Date };

/**
 * The pull requests whose evaluation is to be tried again, over the store's retry table: a
 * transient failure schedules the next attempt with capped exponential backoff, any evaluation
 * that completes clears it, and after a day of failures it is given up with a check saying so.
 */
export class RetrySchedule {
  constructor(
    readonly store: RetryStore,
    readonly now: () => Date,
    readonly policy: RetryPolicy = RETRY_POLICY,
  ) {}

  /** The pull request was evaluated and everything posted: nothing is left to try again. */
  async succeeded(request: RetryableRequest): Promise<void> {
    await this.store.clear(fullName(request.repo), request.number);
  }

  /** The evaluation could not finish because of `error`; `check` is where its failure is reported. */
  async failed(request: RetryableRequest, error: unknown, check: CheckTarget | null): Promise<RetryVerdict> {
    const now = this.now();
    const transient = transientFailure(error, now);
    if (!transient) {
      await this.succeeded(request);
      return { kind: 'permanent' };
    }
    return this.schedule(request, transient.reason, transient.notBefore, check);
  }

  /** Posts the evaluation recorded could not all be made: GitHub is failing, try again later. */
  postsPending(request: RetryableRequest, check: CheckTarget | null): Promise<RetryVerdict> {
    return this.schedule(request, 'a post to GitHub failed', null, check);
  }

  async schedule(
    request: RetryableRequest,
    reason: string,
    notBefore: Date | null,
    check: CheckTarget | null,
  ): Promise<RetryVerdict> {
    if (request.installationId === undefined || request.installationId === null) return { kind: 'unscheduled', reason };
    const now = this.now();
    const retry: ScheduledRetry = await this.store.schedule(
      {
        repository: fullName(request.repo),
        pullRequest: request.number,
        installationId: request.installationId,
        repositoryUrl: request.repositoryUrl,
        deliveryId: request.deliveryId,
        breakGlass: request.breakGlass ?? null,
        check,
      },
      reason,
      now,
      (attempt) => nextAttemptAt(now, attempt, notBefore, this.policy),
    );
    if (now.getTime() - retry.firstFailedAt.getTime() >= this.policy.giveUpAfterMs) {
      await this.store.clear(retry.repository, retry.pullRequest);
      return { kind: 'gave-up', reason, attempts: retry.attempt, since: retry.firstFailedAt };
    }
    return { kind: 'retrying', reason, attempt: retry.attempt, at: retry.nextAt };
  }
}

/** The `attempt`th failure's next try: 30 s, 1, 2, 4, 8 minutes… at most 15, and not before GitHub asked. */
export function nextAttemptAt(
  now: Date,
  attempt: number,
  notBefore: Date | null,
  policy: RetryPolicy = RETRY_POLICY,
): Date {
  const backoff = Math.min(policy.firstDelayMs * 2 ** Math.min(attempt - 1, 30), policy.maxDelayMs);
  const asked = notBefore ? Math.min(notBefore.getTime() - now.getTime(), LONGEST_WAIT_MS) : 0;
  return new Date(now.getTime() + Math.max(backoff, asked));
}

/** The failure's check output, saying when Four Eyes tries again or that it gave up. */
export function retryOutput(output: CheckRunOutput, verdict: RetryVerdict): CheckRunOutput {
  const note = retryNote(verdict);
  if (note === null) return output;
  const paragraphs = output.summary.split('\n\n');
  const why = paragraphs.findIndex((p) => p.startsWith('**Why:**'));
  paragraphs.splice(why >= 0 ? why + 1 : paragraphs.length, 0, note);
  return { ...output, summary: paragraphs.join('\n\n') };
}

function retryNote(verdict: RetryVerdict): string | null {
  switch (verdict.kind) {
    case 'retrying':
      return (
        `**Retrying:** Four Eyes could not evaluate: ${verdict.reason}; retrying at ${clock(verdict.at)} UTC (attempt ${verdict.attempt}). ` +
        'This check completes on its own once GitHub answers again, and does not pass before.'
      );
    case 'gave-up':
      return (
        `**Given up:** Four Eyes could not evaluate: ${verdict.reason}; it tried ${verdict.attempts} times since ${verdict.since.toISOString().slice(0, 10)} ${clock(verdict.since)} UTC and stopped. ` +
        'Press **Re-evaluate** to try again.'
      );
    default:
      return null;
  }
}

function clock(at: Date): string {
  return at.toISOString().slice(11, 16);
}
