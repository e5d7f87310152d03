import type { CheckTarget } from './outboxPosts.js';

/** A pull request whose evaluation could not finish, and what is needed to try again without a webhook. */
export interface RetryRequest {
  repository: string;
  pullRequest: number;
  installationId: number;
  repositoryUrl: string;
  /** the delivery that failed: trying again completes its work (a decision is recorded once per delivery) */
  deliveryId: string | null;
  /** a break-glass request not recorded yet, which must not be lost with the failure */
  breakGlass: { author: string; text: string; at: string } | null;
  /** where the failure was reported, to report the next one when the evaluation gets no further */
  check: CheckTarget | null;
}

export interface ScheduledRetry extends RetryRequest {
  /** failures so far */
  attempt: number;
  firstFailedAt: Date;
  nextAt: Date;
  lastError: string;
}

/**
 * Evaluations to try again, one row per pull request, kept in the store so they survive restarts
 * and run once across replicas: due rows are claimed with a lease, and a lease held by a dead
 * process (a stale heartbeat) is free.
 */
export interface RetryStore {
  /**
   * Counts a failure: the pull request's row is created (attempt 1) or its attempt counted up, and
   * is due again at `nextAt(attempt, firstFailedAt)`; any lease on it ends.
   */
  schedule(
    request: RetryRequest,
    error: string,
    now: Date,
    nextAt: (attempt: number, firstFailedAt: Date) => Date,
  ): Promise<ScheduledRetry>;
  /** Nothing to try again for the pull request (it was evaluated, or it is given up). */
  clear(repository: string, pullRequest: number): Promise<void>;
  /** Claims for `owner`, until `leaseUntil`, up to `limit` due rows that no live process holds. */
  claimDue(
    owner: { id: string; staleBefore: Date },
    now: Date,
    leaseUntil: Date,
    limit: number,
  ): Promise<ScheduledRetry[]>;
  get(repository: string, pullRequest: number): Promise<ScheduledRetry | null>;
}
