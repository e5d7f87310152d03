import { ProbotOctokit } from 'probot';
import { graphqlJsonPlugin } from './graphqlJson.js';
import type { RequestSeen } from './metrics.js';
import { rateLimitPlugin } from './rateLimitPlugin.js';
import { WriteQueue } from './writeQueue.js';

/** The installation-authenticated client Probot hands each event (REST, GraphQL, pagination, retry, rate limits). */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

export interface RepositoryRef {
  owner: string;
  name: string;
}

export function fullName(repo: RepositoryRef): string {
  return `${repo.owner}/${repo.name}`;
}

/**
 * The most one webhook event waits for GitHub's rate limits in all. Below the delivery lease (5
 * minutes, src/audit/deliveries.ts) with room for the work itself, so a waiting event is never
 * taken for a crashed one and processed twice; above the minute GitHub asks for after a
 * secondary limit, and the two minutes after a second one.
 */
export const WAIT_BUDGET_MS = 3 * 60_000;

/** GitHub's guidance: at least a second between content-creating requests. */
export const WRITE_GAP_MS = 1_000;

/** Statuses Octokit's retry plugin leaves alone: 429 is a rate limit, waited out as GitHub asks, not retried blindly. */
const NOT_RETRIED = [400, 401, 403, 404, 410, 422, 429, 451];

export interface RateLimitOptions {
  /** default WAIT_BUDGET_MS */
  budgetMs?: number;
  /** default WRITE_GAP_MS */
  writeGapMs?: number;
  /** the clock and the wait (tests pass virtual ones) */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** told of every answer GitHub gives (AppMetrics.requested) */
  observe?: (seen: RequestSeen) => void;
}

/**
 * The Octokit class Four Eyes runs Probot with: Probot's, plus the rate-limit plugin, which
 * replaces the throttling plugin (turned off: two mechanisms would both wait, and only one knows
 * the budget). The write queue is shared by every client of the class.
 */
export function fourEyesOctokit(options: RateLimitOptions = {}): typeof ProbotOctokit {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const writes = new WriteQueue(options.writeGapMs ?? WRITE_GAP_MS, now, sleep);
  // GraphQL answers parsed plainly first (graphqlJson.ts), then read for rate limits.
  return ProbotOctokit.plugin(
    graphqlJsonPlugin(),
    rateLimitPlugin({
      budgetMs: options.budgetMs ?? WAIT_BUDGET_MS,
      now,
      sleep,
      writes,
      ...(options.observe ? { observe: options.observe } : {}),
    }),
  ).defaults((instance: Record<string, unknown>) => ({
    ...instance,
    throttle: { ...(instance.throttle as object | undefined), enabled: false },
    retry: { doNotRetry: NOT_RETRIED, ...(instance.retry as object | undefined) },
  }));
}

/** Whether a client was made by fourEyesOctokit (`probot run` makes Probot's own). */
export function waitsOutRateLimits(octokit: object): boolean {
  return 'waitBudget' in octokit;
}
