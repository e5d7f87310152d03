import { describe, expect, it } from 'vitest';
import { CannotReadChange } from '../../src/github/cannotReadChange.js';
import { RateLimitBudgetSpent, WaitBudget } from '../../src/github/rateLimits.js';
import { transientFailure } from '../../src/github/transientFailure.js';

const NOW = new Date('2026-11-24T12:00:00Z');
/** What Octokit throws for an HTTP error: its status and the response's headers. */
const httpError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), {
    name: 'HttpError',
    status,
    response: { status, url: 'https://api.github.com/repos/acme/infra/pulls/42/files', headers, data: { message } },
  });

describe('which failures are worth trying again', () => {
  it.each([
    ['a 500', httpError(500, 'Internal Server Error'), 'GitHub answered 500'],
    ['a 502', httpError(502, 'Bad Gateway'), 'GitHub answered 502'],
    ['a 503', httpError(503, 'Service Unavailable'), 'GitHub answered 503'],
    [
      'the network (Octokit reports it as a 500)',
      Object.assign(httpError(500, 'fetch failed'), { cause: new TypeError('fetch failed') }),
      'GitHub answered 500',
    ],
    [
      'a socket reset',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      'GitHub could not be reached (ECONNRESET)',
    ],
    ['a 429', httpError(429, 'Too Many Requests'), "GitHub's rate limit is spent"],
    [
      'a primary rate limit',
      httpError(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' }),
      "GitHub's rate limit is spent",
    ],
    [
      'a secondary rate limit',
      httpError(403, 'You have exceeded a secondary rate limit'),
      "GitHub's rate limit is spent",
    ],
    [
      "GraphQL's rate limit",
      Object.assign(new Error('API rate limit exceeded'), {
        name: 'GraphqlResponseError',
        errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }],
      }),
      "GitHub's GraphQL rate limit is spent",
    ],
    [
      "a wait that does not fit in the event's budget",
      new RateLimitBudgetSpent(
        { kind: 'primary', waitMs: 600_000 },
        'GET /repos/acme/infra/pulls/42/files',
        new WaitBudget(180_000, () => NOW.getTime()),
      ),
      "GitHub's rate limit is spent",
    ],
    [
      'a transient cause wrapped in another error',
      new Error('reading the tree failed', { cause: httpError(504, 'Gateway Timeout') }),
      'GitHub answered 504',
    ],
  ])('%s: yes', (_case, error, reason) => {
    expect(transientFailure(error, NOW)).toMatchObject({ reason });
  });

  it.each([
    ['a 404', httpError(404, 'Not Found')],
    ['a 422', httpError(422, 'Validation Failed')],
    ['a 401', httpError(401, 'Bad credentials')],
    ['a 403 that is not a rate limit', httpError(403, 'Resource not accessible by integration')],
    [
      'a GraphQL error',
      Object.assign(new Error('Could not resolve to a PullRequest'), {
        name: 'GraphqlResponseError',
        errors: [{ type: 'NOT_FOUND' }],
      }),
    ],
    ['a pull request too large to read', new CannotReadChange('5,001 Terraform files', 'split it')],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['not even an error', 'boom'],
  ])('%s: no', (_case, error) => {
    expect(transientFailure(error, NOW)).toBeNull();
  });

  it('comes back when the wait that did not fit in the budget is over', () => {
    const spent = new RateLimitBudgetSpent(
      { kind: 'secondary', waitMs: 600_000 },
      'POST /graphql',
      new WaitBudget(180_000, () => NOW.getTime()),
    );
    expect(transientFailure(spent, NOW)?.notBefore).toEqual(new Date('2026-11-24T12:10:00Z'));
  });

  it("follows GitHub's word on when to come back: Retry-After, else the rate limit's reset", () => {
    expect(transientFailure(httpError(403, 'secondary rate limit', { 'retry-after': '90' }), NOW)?.notBefore).toEqual(
      new Date('2026-11-24T12:01:30Z'),
    );
    expect(
      transientFailure(
        httpError(403, 'rate limit', {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Date.parse('2026-11-24T12:20:00Z') / 1000),
        }),
        NOW,
      )?.notBefore,
    ).toEqual(new Date('2026-11-24T12:20:00Z'));
    expect(transientFailure(httpError(502, 'Bad Gateway'), NOW)?.notBefore).toBeNull();
  });
});
