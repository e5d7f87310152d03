/**
 * GitHub's rate limits as Four Eyes reads them, following GitHub's "best practices for using the
 * REST API": wait as long as `retry-after` says; else, when `x-ratelimit-remaining` is 0, until
 * `x-ratelimit-reset`; else at least a minute, twice as long each time the same request is
 * limited again.
 */

/** primary: the hourly quota (REST requests or GraphQL points) is spent; secondary: too much too fast */
type LimitKind = 'primary' | 'secondary';

export interface RateLimit {
  kind: LimitKind;
  /** how long GitHub asks to wait, in milliseconds */
  waitMs: number;
}

/** What GitHub answered, whichever way it said it: an HTTP error, or GraphQL's errors in a 200. */
export interface Answer {
  status: number;
  headers: Readonly<Record<string, string | number | undefined>>;
  message: string;
  /** a GraphQL answer whose `errors` include `type: RATE_LIMITED` */
  graphqlRateLimited: boolean;
}

const SECONDARY_MESSAGE = /secondary rate limit|abuse detection/i;
const FALLBACK_WAIT_MS = 60_000;
/** The reset is a whole second in GitHub's clock: retry after it, not on it. */
const AFTER_RESET_MS = 1_000;
/** Never retry at once, whatever a header says: the budget then bounds the attempts. */
const SHORTEST_WAIT_MS = 1_000;

/**
 * The limit an answer reports, or null when it is not one. `secondariesSoFar`: how many times
 * the same request already met a secondary limit (the fallback wait doubles each time).
 */
export function rateLimitIn(answer: Answer, now: number, secondariesSoFar: number): RateLimit | null {
  const retryAfter = header(answer, 'retry-after');
  const quotaSpent = header(answer, 'x-ratelimit-remaining') === '0';
  const limited =
    answer.graphqlRateLimited ||
    answer.status === 429 ||
    (answer.status === 403 && (retryAfter !== undefined || quotaSpent || SECONDARY_MESSAGE.test(answer.message)));
  if (!limited) return null;
  const kind: LimitKind =
    quotaSpent || (answer.graphqlRateLimited && !SECONDARY_MESSAGE.test(answer.message)) ? 'primary' : 'secondary';
  return { kind, waitMs: Math.max(SHORTEST_WAIT_MS, waitMs(answer, kind, now, secondariesSoFar)) };
}

function waitMs(answer: Answer, kind: LimitKind, now: number, secondariesSoFar: number): number {
  const retryAfter = header(answer, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return date - now;
  }
  const reset = Number(header(answer, 'x-ratelimit-reset'));
  if (kind === 'primary' && reset > 0) return reset * 1000 - now + AFTER_RESET_MS;
  return kind === 'secondary' ? FALLBACK_WAIT_MS * 2 ** secondariesSoFar : FALLBACK_WAIT_MS;
}

function header(answer: Answer, name: string): string | undefined {
  const value = answer.headers[name];
  return value === undefined ? undefined : String(value);
}

/**
 * The waiting one webhook event may do. Waits that overlap (parallel requests limited at the
 * same time) are charged once: the budget bounds how long the event is held up, not the sum.
 */
export class WaitBudget {
  #spentMs = 0;
  #coveredUntil = -Infinity;

  constructor(
    readonly totalMs: number,
    readonly now: () => number,
  ) {}

  get leftMs(): number {
    return this.totalMs - this.#spentMs;
  }

  /** Takes a wait starting now out of the budget; false, and nothing taken, when it does not fit. */
  reserve(waitMs: number): boolean {
    const start = this.now();
    const end = start + waitMs;
    const added = Math.max(0, end - Math.max(start, this.#coveredUntil));
    if (added > this.leftMs) return false;
    this.#spentMs += added;
    this.#coveredUntil = Math.max(this.#coveredUntil, end);
    return true;
  }
}

/**
 * A wait GitHub asked for that did not fit in what was left of the budget. Its message is what
 * the failed check shows: which limit, on which request, how long, and that Four Eyes stopped.
 */
export class RateLimitBudgetSpent extends Error {
  constructor(
    readonly limit: RateLimit,
    readonly route: string,
    readonly budget: WaitBudget,
    options?: ErrorOptions,
  ) {
    const until = new Date(budget.now() + limit.waitMs).toISOString().replace(/\.\d+Z$/, 'Z');
    super(
      `GitHub's ${limit.kind} rate limit on ${route} asks to wait ${seconds(limit.waitMs)} s (until ${until}), more than the ${seconds(budget.leftMs)} s left ` +
        `of the ${seconds(budget.totalMs)} s Four Eyes waits out per event; try again after that time`,
      options,
    );
    this.name = 'RateLimitBudgetSpent';
  }
}

/** Whole seconds, rounded up: a wait is never shown shorter than it is. */
export function seconds(ms: number): number {
  return Math.ceil(Math.max(0, ms) / 1000);
}
