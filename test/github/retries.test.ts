import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { BREAK_GLASS_REASON } from './support/policies.js';
import { review, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { commentEvent, pullRequestEvent, reviewEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const NOW = new Date('2026-11-24T12:00:00Z');
const BAD_GATEWAY = { status: 502, body: { message: 'Bad Gateway' } };
const FACTS = 'POST /graphql FourEyesPullRequest';

/** A clock the test moves; the app reads it for every timestamp, the retry schedule included. */
function clock() {
  let now = NOW.getTime();
  return {
    now: () => new Date(now),
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
  };
}

function summary(body: Record<string, unknown>): string {
  return (body.output as { summary: string }).summary;
}

const approved = () => scenario({ policy: 'version: 1\n', reviews: [review('carol')] });

describe('an evaluation GitHub does not let finish is tried again', () => {
  it('GitHub fails with 5xx for a while: the check says when it tries again and never passes meanwhile; the first round after GitHub answers completes it', async () => {
    const time = clock();
    const s = approved();
    const { probot, github, audit, recovery } = await testApp(s, { now: time.now });
    github.fail(FACTS, BAD_GATEWAY, BAD_GATEWAY, BAD_GATEWAY);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Blocked: Four Eyes could not evaluate this pull request' },
    });
    expect(summary(github.lastCheckRun())).toContain(
      'Four Eyes could not evaluate: GitHub answered 502; retrying at 12:00 UTC (attempt 1).',
    );

    // Not due yet: nothing is asked of GitHub.
    const requests = github.requests.length;
    expect(await recovery.tick()).toEqual({ resumed: [], retried: [] });
    expect(github.requests.length).toBe(requests);

    time.advance(30);
    expect((await recovery.tick()).retried).toEqual([{ pullRequest: 'acme/infra#42', attempt: 2 }]);
    expect(summary(github.lastCheckRun())).toContain('retrying at 12:01 UTC (attempt 2)');
    time.advance(60);
    await recovery.tick();
    expect(summary(github.lastCheckRun())).toContain('retrying at 12:03 UTC (attempt 3)');
    expect(await audit.retries.get('acme/infra', 42)).toMatchObject({
      attempt: 3,
      nextAt: new Date('2026-11-24T12:03:30Z'),
    });

    // GitHub answers again; the next round is when the schedule says, 2 minutes on.
    time.advance(119);
    expect((await recovery.tick()).retried).toEqual([]);
    time.advance(1);
    expect((await recovery.tick()).retried).toEqual([{ pullRequest: 'acme/infra#42', attempt: 4 }]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect(github.checkRuns.slice(0, -1).map((run) => run.body.conclusion)).not.toContain('success');
    expect(await audit.retries.get('acme/infra', 42)).toBeNull();
    time.advance(3600);
    expect(await recovery.tick()).toEqual({ resumed: [], retried: [] });
  });

  it('the waits double from 30 seconds up to 15 minutes', async () => {
    const time = clock();
    const s = approved();
    const { probot, github, audit, recovery } = await testApp(s, { now: time.now });
    github.fail(FACTS, ...Array.from({ length: 8 }, () => BAD_GATEWAY));
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      const retry = (await audit.retries.get('acme/infra', 42))!;
      waits.push((retry.nextAt.getTime() - time.now().getTime()) / 1000);
      time.advance(waits.at(-1)!);
      await recovery.tick();
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect(await audit.retries.get('acme/infra', 42)).toMatchObject({ attempt: 8 });
    time.advance(900);
    await recovery.tick();
    expect(await audit.retries.get('acme/infra', 42)).toBeNull();
  });

  it('a spent rate limit is tried again when GitHub says it is reset', async () => {
    const time = clock();
    const s = approved();
    const { probot, github, recovery } = await testApp(s, {
      now: time.now,
      rateLimits: { now: () => time.now().getTime(), sleep: () => Promise.resolve() },
    });
    const reset = String(NOW.getTime() / 1000 + 10 * 60);
    github.fail(FACTS, {
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 7.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(summary(github.lastCheckRun())).toContain(
      "Four Eyes could not evaluate: GitHub's rate limit is spent; retrying at 12:10 UTC (attempt 1).",
    );
    time.advance(9 * 60);
    expect((await recovery.tick()).retried).toEqual([]);
    // One second past the reset, as the rate-limit guard waits.
    time.advance(61);
    await recovery.tick();
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('after a day of failures it gives up, and the check says so', async () => {
    const time = clock();
    const s = approved();
    const { probot, github, audit, recovery } = await testApp(s, { now: time.now });
    github.fail(FACTS, BAD_GATEWAY);
    await probot.receive(pullRequestEvent('synchronize', s));
    time.advance(24 * 60 * 60);
    github.fail(FACTS, BAD_GATEWAY);
    await recovery.tick();
    expect(github.lastCheckRun()).toMatchObject({
      conclusion: 'failure',
      actions: [expect.objectContaining({ identifier: 're-evaluate' })],
    });
    expect(summary(github.lastCheckRun())).toContain(
      '**Given up:** Four Eyes could not evaluate: GitHub answered 502; it tried 2 times since 2026-11-24 12:00 UTC and stopped. Press **Re-evaluate** to try again.',
    );
    expect(await audit.retries.get('acme/infra', 42)).toBeNull();
    time.advance(24 * 60 * 60);
    expect(await recovery.tick()).toEqual({ resumed: [], retried: [] });
  });

  it('posting the decision fails: it stays pending and is posted by the next round, without deciding again', async () => {
    const time = clock();
    const s = approved();
    const { probot, github, audit, recovery } = await testApp(s, { now: time.now });
    await probot.receive(pullRequestEvent('labeled', s)); // reads the change set, so the review below only posts
    github.checkRuns.length = 0;
    github.fail('POST /repos/acme/infra/check-runs', { status: 500, body: { message: 'Internal Server Error' } });
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.checkRuns).toEqual([]);
    expect(await audit.retries.get('acme/infra', 42)).toMatchObject({
      attempt: 1,
      lastError: 'a post to GitHub failed',
    });
    time.advance(30);
    github.requests.length = 0;
    await recovery.tick();
    expect(github.apiRequests()).toEqual(['POST /repos/acme/infra/check-runs']);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect(await audit.records.count({ kinds: ['decision'] })).toBe(2);
  });

  it('a break-glass request whose evaluation failed is not lost: the retry evaluates with it', async () => {
    const time = clock();
    const s = scenario({
      policy: 'version: 1\nbreak_glass:\n  allowed:\n    users: [dana]\n  min_reason_length: 20\n',
    });
    const { probot, github, activity, recovery } = await testApp(s, { now: time.now });
    github.fail(FACTS, BAD_GATEWAY);
    // A comment names no head: with the facts unread there is no check to report on, and the delivery fails as before.
    await expect(probot.receive(commentEvent(s, BREAK_GLASS_REASON, 'dana'))).rejects.toThrow();
    expect(await activity.breakGlass('acme/infra', 42)).toEqual([]);
    time.advance(30);
    await recovery.tick();
    expect(github.lastCheckRun()).toMatchObject({
      conclusion: 'success',
      output: { title: expect.stringContaining('BREAK-GLASS by dana') },
    });
    expect(await activity.breakGlass('acme/infra', 42)).toEqual([
      { author: 'dana', text: BREAK_GLASS_REASON, at: '2026-11-24T11:30:00Z', sha: s.headSha },
    ]);
  });
});

describe('what is not tried again', () => {
  it.each([
    ['a 404', { status: 404, body: { message: 'Not Found' } }],
    ['a 422', { status: 422, body: { message: 'Validation Failed' } }],
    ['a 403 that is not a rate limit', { status: 403, body: { message: 'Resource not accessible by integration' } }],
  ])('%s fails the check once, says so, and schedules nothing', async (_case, fault) => {
    const time = clock();
    const s = approved();
    const { probot, github, audit, recovery } = await testApp(s, { now: time.now });
    github.fail('GET /repos/acme/infra/pulls/42/files', fault);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Blocked: Four Eyes could not evaluate this pull request' },
    });
    expect(summary(github.lastCheckRun())).not.toContain('retrying');
    expect(await audit.retries.get('acme/infra', 42)).toBeNull();
    time.advance(24 * 60 * 60);
    const requests = github.requests.length;
    expect(await recovery.tick()).toEqual({ resumed: [], retried: [] });
    expect(github.requests.length).toBe(requests);
  });

  it('a retry that meets a permanent error stops there', async () => {
    const time = clock();
    const s = approved();
    const { probot, github, audit, recovery } = await testApp(s, { now: time.now });
    github.fail(FACTS, BAD_GATEWAY, { status: 404, body: { message: 'Not Found' } });
    await probot.receive(pullRequestEvent('synchronize', s));
    time.advance(30);
    await recovery.tick();
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(summary(github.lastCheckRun())).toContain('GitHub answered 404');
    expect(summary(github.lastCheckRun())).not.toContain('retrying');
    expect(await audit.retries.get('acme/infra', 42)).toBeNull();
  });

  it('a decision that fails is a decision, not a failure: nothing to try again', async () => {
    const s = scenario({ policy: 'version: 1\n' }); // no approval: action required
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(await audit.retries.get('acme/infra', 42)).toBeNull();
  });
});

describe('retries and deliveries', () => {
  it('a re-sent delivery whose processing failed is processed again, and its success clears the retry', async () => {
    const s = approved();
    const { probot, github, audit } = await testApp(s);
    github.fail(FACTS, BAD_GATEWAY);
    const event = pullRequestEvent('synchronize', s);
    await probot.receive(event);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(await audit.retries.get('acme/infra', 42)).not.toBeNull();
    await probot.receive(event); // GitHub's re-delivery, or Redeliver pressed
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect(await audit.retries.get('acme/infra', 42)).toBeNull();
    const requests = github.requests.length;
    await probot.receive(event);
    expect(github.requests.length).toBe(requests); // done now: skipped
  });

  it('a permanent failure is not marked done either: the re-sent delivery is processed again', async () => {
    const s = approved();
    const { probot, github } = await testApp(s);
    github.fail('GET /repos/acme/infra/pulls/42/files', { status: 404, body: { message: 'Not Found' } });
    const event = pullRequestEvent('synchronize', s);
    await probot.receive(event);
    await probot.receive(event);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('any later evaluation of the pull request that completes clears its retry', async () => {
    const time = clock();
    const s = approved();
    const { probot, github, audit, recovery } = await testApp(s, { now: time.now });
    github.fail(FACTS, BAD_GATEWAY);
    await probot.receive(pullRequestEvent('synchronize', s));
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect(await audit.retries.get('acme/infra', 42)).toBeNull();
    time.advance(3600);
    const requests = github.requests.length;
    await recovery.tick();
    expect(github.requests.length).toBe(requests);
  });
});
