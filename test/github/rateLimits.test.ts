import nock from 'nock';
import pino from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { fourEyesOctokit, type RateLimitOptions, WAIT_BUDGET_MS } from '../../src/github/octokit.js';
import { fourEyes } from '../../src/index.js';
import { freshMemoryAudit } from '../support/auditDatabase.js';
import { HEAD_SHA, review, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const START = Date.parse('2026-11-24T12:00:00Z');
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

/**
 * A clock that waiting moves forward: tests wait minutes in no time, and see every wait asked
 * for. `frozen`: waiting does not move it (waits that happen together).
 */
function virtualTime({ writeGapMs = 0, frozen = false } = {}): {
  options: RateLimitOptions;
  waits: number[];
  seconds: () => number;
} {
  let now = START;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    if (!frozen) now += ms;
  };
  return { options: { now: () => now, sleep, writeGapMs }, waits, seconds: () => Math.floor(now / 1000) };
}

/** The app's log lines, as pino writes them. */
function capturedLog(): { log: pino.Logger; lines: Record<string, unknown>[]; waits: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'warn' },
    {
      write: (line: string) => {
        lines.push(JSON.parse(line));
      },
    },
  );
  return {
    log,
    lines,
    waits: () =>
      lines
        .filter((line) => typeof line.limit === 'string')
        .map(({ route, limit, seconds, installation }) => ({ route, limit, seconds, installation })),
  };
}

function output(body: Record<string, unknown>): { title: string; summary: string } {
  return body.output as never;
}

/** A PR the app approves once it can read it: one high-impact change, one independent approval. */
const approvable = () => scenario({ policy: 'version: 1\n', reviews: [review('carol')] });

describe('rate limits are waited out, and the evaluation goes on', () => {
  it('a secondary limit on the installation token: waited out, then the check has the real decision', async () => {
    const s = approvable();
    const time = virtualTime();
    const logged = capturedLog();
    const { probot, github } = await testApp(s, { rateLimits: time.options, log: logged.log });
    github.fail('POST /app/installations/7/access_tokens', {
      status: 403,
      body: { message: SECONDARY },
      headers: { 'retry-after': '60' },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.requests.filter((r) => r.route === '/app/installations/7/access_tokens')).toHaveLength(2);
    expect(time.waits).toEqual([60_000]);
    expect(logged.waits()).toEqual([
      { route: 'POST /app/installations/7/access_tokens', limit: 'secondary', seconds: 60, installation: 7 },
    ]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('a primary limit on REST (x-ratelimit-remaining 0): waits until x-ratelimit-reset, then goes on', async () => {
    const s = approvable();
    const time = virtualTime();
    const logged = capturedLog();
    const { probot, github } = await testApp(s, { rateLimits: time.options, log: logged.log });
    const reset = String(time.seconds() + 120);
    github.fail('GET /repos/acme/infra/pulls/42/files', {
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 7.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests().filter((r) => r === 'GET /repos/acme/infra/pulls/42/files')).toHaveLength(2);
    // a second past the reset: the reset is a whole second of GitHub's clock
    expect(time.waits).toEqual([121_000]);
    expect(logged.waits()).toEqual([
      { route: 'GET /repos/acme/infra/pulls/42/files', limit: 'primary', seconds: 121, installation: 7 },
    ]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('GraphQL RATE_LIMITED in an HTTP 200: retried after the wait, and the evaluation completes', async () => {
    const s = approvable();
    const time = virtualTime();
    const logged = capturedLog();
    const { probot, github } = await testApp(s, { rateLimits: time.options, log: logged.log });
    github.fail('POST /graphql FourEyesPullRequest', {
      status: 200,
      body: {
        data: null,
        errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for installation ID 7.' }],
      },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(time.seconds() + 30) },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests().filter((r) => r === 'POST /graphql FourEyesPullRequest')).toHaveLength(2);
    expect(time.waits).toEqual([31_000]);
    expect(logged.waits()).toEqual([
      { route: 'POST /graphql FourEyesPullRequest', limit: 'primary', seconds: 31, installation: 7 },
    ]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('several limits in one event: each waited out and logged', async () => {
    const s = approvable();
    const time = virtualTime();
    const logged = capturedLog();
    const { probot, github } = await testApp(s, { rateLimits: time.options, log: logged.log });
    github.fail('POST /repos/acme/infra/check-runs', {
      status: 429,
      body: { message: 'Too Many Requests' },
      headers: { 'retry-after': '5' },
    });
    github.fail('GET /repos/acme/infra/pulls/42/files', { status: 403, body: { message: SECONDARY } });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(time.waits).toEqual([5_000, 60_000]);
    expect(logged.waits()).toEqual([
      { route: 'POST /repos/acme/infra/check-runs', limit: 'secondary', seconds: 5, installation: 7 },
      { route: 'GET /repos/acme/infra/pulls/42/files', limit: 'secondary', seconds: 60, installation: 7 },
    ]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('a secondary limit without retry-after: a minute, then twice as long', async () => {
    const s = approvable();
    const time = virtualTime();
    const { probot, github } = await testApp(s, { rateLimits: time.options });
    github.fail(
      `GET /repos/acme/infra/git/trees/${s.baseSha}`,
      { status: 403, body: { message: SECONDARY } },
      { status: 403, body: { message: SECONDARY } },
    );
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(time.waits).toEqual([60_000, 120_000]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });
});

describe('the budget: at most 3 minutes of waiting per event', () => {
  it('is 3 minutes', () => {
    expect(WAIT_BUDGET_MS).toBe(180_000);
  });

  it('a wait longer than the budget is not attempted: the check fails closed, naming the limit and the wait', async () => {
    const s = approvable();
    const time = virtualTime();
    const { probot, github } = await testApp(s, { rateLimits: time.options });
    github.fail('POST /graphql FourEyesPullRequest', {
      status: 403,
      body: { message: SECONDARY },
      headers: { 'retry-after': '600' },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(time.waits).toEqual([]);
    expect(github.apiRequests().filter((r) => r === 'POST /graphql FourEyesPullRequest')).toHaveLength(1);
    const body = github.lastCheckRun();
    expect(body).toMatchObject({
      conclusion: 'failure',
      actions: [expect.objectContaining({ identifier: 're-evaluate' })],
    });
    expect(output(body).title).toBe('Blocked: Four Eyes could not evaluate this pull request');
    expect(output(body).summary).toContain(
      "**Why:** GitHub's secondary rate limit on POST /graphql FourEyesPullRequest asks to wait 600 s (until 2026-11-24T12:10:00Z), " +
        'more than the 180 s left of the 180 s Four Eyes waits out per event; try again after that time',
    );
  });

  it('waits add up: once they have taken most of it, a wait that does not fit fails closed', async () => {
    const s = approvable();
    const time = virtualTime();
    const { probot, github } = await testApp(s, { rateLimits: time.options });
    github.fail('GET /repos/acme/infra/pulls/42/files', {
      status: 429,
      body: { message: 'Too Many Requests' },
      headers: { 'retry-after': '100' },
    });
    github.fail(`GET /repos/acme/infra/git/trees/${s.baseSha}`, {
      status: 429,
      body: { message: 'Too Many Requests' },
      headers: { 'retry-after': '100' },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(time.waits).toEqual([100_000]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(output(github.lastCheckRun()).summary).toContain(
      `GitHub's secondary rate limit on GET /repos/acme/infra/git/trees/${s.baseSha} asks to wait 100 s (until 2026-11-24T12:03:20Z), more than the 80 s left of the 180 s`,
    );
  });

  it('is per event: the next event has the whole budget again', async () => {
    const s = approvable();
    const time = virtualTime();
    const { probot, github } = await testApp(s, { rateLimits: time.options });
    github.fail('POST /graphql FourEyesPullRequest', {
      status: 403,
      body: { message: SECONDARY },
      headers: { 'retry-after': '150' },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    github.fail('POST /graphql FourEyesPullRequest', {
      status: 403,
      body: { message: SECONDARY },
      headers: { 'retry-after': '150' },
    });
    await probot.receive(pullRequestEvent('labeled', s));
    expect(time.waits).toEqual([150_000, 150_000]);
    expect(github.checkRuns.filter((run) => run.body.conclusion).map((run) => run.body.conclusion)).toEqual([
      'success',
      'success',
    ]);
  });
});

describe('writes: one at a time per installation, a second apart; installations in parallel', () => {
  it('serializes the writes of one installation, with the gap, while another installation writes meanwhile', async () => {
    const time = virtualTime({ writeGapMs: 1_000 });
    const { probot, github } = await testApp(scenario(), { rateLimits: time.options });
    github.latency.set('POST /repos/acme/infra/check-runs', 50);
    const [seven, eight] = await Promise.all([probot.auth(7), probot.auth(8)]);
    const write = (octokit: typeof seven, name: string) =>
      octokit.rest.checks.create({
        owner: 'acme',
        repo: 'infra',
        name,
        head_sha: HEAD_SHA,
        status: 'completed',
        conclusion: 'neutral',
      });
    await Promise.all([write(seven, '7a'), write(seven, '7b'), write(eight, '8a')]);
    const events = github.timeline.map((e) => `${e.at} ${(e.request.body as { name: string }).name}`);
    const at = (event: string) => events.indexOf(event);
    expect(at('start 7b')).toBeGreaterThan(at('end 7a'));
    expect(at('start 8a')).toBeLessThan(at('end 7a'));
    // the second write of installation 7 waited a second after the first ended; 8 did not wait for 7
    expect(time.waits).toEqual([1_000]);
  });
});

describe('what counts as a rate limit, on any GitHub', () => {
  /** A client of Four Eyes' Octokit class talking to a scripted GitHub Enterprise Server. */
  function enterpriseClient(
    answers: { status: number; body: unknown; headers?: Record<string, string> }[],
    clock = { frozen: false },
  ) {
    const time = virtualTime(clock);
    const logged = capturedLog();
    const urls: string[] = [];
    const fetch = async (url: string | URL) => {
      urls.push(String(url));
      const answer = answers.shift() ?? { status: 599, body: { message: 'no more answers' } };
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json', ...answer.headers },
      });
    };
    const Octokit = fourEyesOctokit(time.options);
    const octokit = new Octokit({
      baseUrl: 'https://ghes.example/api/v3',
      auth: { token: 'ghs_test' },
      request: { fetch },
      log: logged.log,
      retry: { enabled: false },
    });
    return { octokit, urls, time, logged };
  }

  it("GraphQL RATE_LIMITED on an Enterprise Server's /api/graphql", async () => {
    const limited = {
      status: 200,
      body: { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(START / 1000 + 9) },
    };
    const { octokit, urls, time, logged } = enterpriseClient([
      limited,
      { status: 200, body: { data: { viewer: { login: 'four-eyes' } } } },
    ]);
    await expect(octokit.graphql('query FourEyesViewer { viewer { login } }')).resolves.toEqual({
      viewer: { login: 'four-eyes' },
    });
    expect(urls).toEqual(['https://ghes.example/api/graphql', 'https://ghes.example/api/graphql']);
    expect(time.waits).toEqual([10_000]);
    expect(logged.waits()).toEqual([
      { route: 'POST /api/graphql FourEyesViewer', limit: 'primary', seconds: 10, installation: null },
    ]);
  });

  it('a 429 or 403 with retry-after, whatever its message, is a secondary limit', async () => {
    const { octokit, time } = enterpriseClient([
      { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '3' } },
      { status: 403, body: { message: 'Forbidden' }, headers: { 'retry-after': '4' } },
      { status: 200, body: { id: 1 } },
    ]);
    await expect(octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'infra' })).resolves.toMatchObject(
      { data: { id: 1 } },
    );
    expect(time.waits).toEqual([3_000, 4_000]);
  });

  it('a 403 that is not a rate limit fails at once, as before', async () => {
    const { octokit, urls, time } = enterpriseClient([
      { status: 403, body: { message: 'Resource not accessible by integration' } },
    ]);
    await expect(octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'infra' })).rejects.toMatchObject({
      status: 403,
    });
    expect(urls).toHaveLength(1);
    expect(time.waits).toEqual([]);
  });

  it('waits that overlap (parallel requests limited together) are charged once', async () => {
    const limited = { status: 403, body: { message: SECONDARY }, headers: { 'retry-after': '120' } };
    const { octokit, time } = enterpriseClient(
      [limited, limited, { status: 200, body: { id: 1 } }, { status: 200, body: { id: 2 } }],
      { frozen: true },
    );
    const read = () => octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'infra' });
    await expect(Promise.all([read(), read()])).resolves.toHaveLength(2);
    expect(time.waits).toEqual([120_000, 120_000]);
  });
});

describe('where it applies', () => {
  async function warningsAtStart(Octokit: typeof ProbotOctokit): Promise<string[]> {
    const logged = capturedLog();
    const probot = new Probot({ githubToken: 'ghs_test', log: logged.log, Octokit });
    // The app starts as a server starts it (its background work on timers); the test stops that
    // work after, so no round of it runs later into another test's fake GitHub.
    await probot.load(
      fourEyes({
        appId: 1,
        audit: freshMemoryAudit(),
        now: () => new Date(START),
        onRecovery: (recovery) => onTestFinished(() => recovery.stop()),
        sweep: { registered: (sweep) => onTestFinished(() => sweep.stop()) },
      }),
    );
    return logged.lines.map((line) => String(line.msg));
  }

  it('npm start gives Probot fourEyesOctokit(): nothing to warn about', async () => {
    expect(await warningsAtStart(fourEyesOctokit())).toEqual([]);
  });

  it("Probot's own Octokit (probot run): the app warns at start that rate limits are not waited out", async () => {
    expect(await warningsAtStart(ProbotOctokit)).toEqual([
      expect.stringContaining('Probot runs without fourEyesOctokit() (`probot run` builds its own)'),
    ]);
  });
});
