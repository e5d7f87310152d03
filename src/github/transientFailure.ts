import { WORKER_RESTARTED } from './changeSetBuilder.js';
import { RateLimitBudgetSpent } from './rateLimits.js';

/**
 * Whether a failed evaluation is worth trying again by itself: GitHub down (5xx, the network),
 * a rate-limit budget spent, or a change-set worker stopped while this evaluation waited on it. Anything else — a 404, a 422, a response Four Eyes cannot read,
 * a pull request too large — fails the same way next time, and waits for a person or a new event.
 */
export interface TransientFailure {
  /** what went wrong, in a few words */
  reason: string;
  /** GitHub said when to come back (Retry-After, the rate limit's reset) */
  notBefore: Date | null;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** The transient cause of `error` (or of an error it wraps), or null when trying again cannot help. */
export function transientFailure(error: unknown, now: Date): TransientFailure | null {
  for (
    let cause = error, depth = 0;
    cause && typeof cause === 'object' && depth < 5;
    cause = (cause as { cause?: unknown }).cause, depth++
  ) {
    const found = transientCause(cause as ErrorLike, now);
    if (found) return found;
  }
  return null;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  status?: unknown;
  code?: unknown;
  errors?: unknown;
  response?: { headers?: Record<string, string | undefined> };
  headers?: Record<string, string | undefined>;
}

function transientCause(error: ErrorLike, now: Date): TransientFailure | null {
  // The wait GitHub asked for did not fit in the event's budget: come back when it is over.
  if (error instanceof RateLimitBudgetSpent)
    return { reason: "GitHub's rate limit is spent", notBefore: new Date(now.getTime() + error.limit.waitMs) };
  const message = typeof error.message === 'string' ? error.message.split('\n')[0]! : '';
  const headers = error.response?.headers ?? error.headers ?? {};
  const status = typeof error.status === 'number' ? error.status : null;
  if (status !== null && status >= 500) return { reason: `GitHub answered ${status}`, notBefore: null };
  if (
    status === 429 ||
    (status === 403 &&
      (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(message)))
  ) {
    return { reason: "GitHub's rate limit is spent", notBefore: resumeAt(headers, now) };
  }
  if (status !== null) return null;
  // Stopped with this evaluation waiting behind another pull request's: this one did nothing wrong.
  if (error.code === WORKER_RESTARTED) return { reason: 'the change-set worker was restarted', notBefore: null };
  if (typeof error.code === 'string' && NETWORK_CODES.has(error.code))
    return { reason: `GitHub could not be reached (${error.code})`, notBefore: null };
  if (Array.isArray(error.errors) && error.errors.some((e) => (e as { type?: unknown }).type === 'RATE_LIMITED')) {
    return { reason: "GitHub's GraphQL rate limit is spent", notBefore: resumeAt(headers, now) };
  }
  return null;
}

/** When GitHub says the budget is back: Retry-After (seconds), else the reset time (epoch seconds). */
function resumeAt(headers: Record<string, string | undefined>, now: Date): Date | null {
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter))
    return new Date(now.getTime() + retryAfter * 1000);
  const reset = Number(headers['x-ratelimit-reset']);
  return headers['x-ratelimit-reset'] !== undefined && Number.isFinite(reset) ? new Date(reset * 1000) : null;
}
