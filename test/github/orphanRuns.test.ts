import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../src/github/octokit.js';
import { TrackedChecks } from '../../src/github/trackedChecks.js';
import { exceptionPolicy, TAGS_FILES } from './support/policies.js';
import { HEAD_SHA, OLD_HEAD_SHA, review, scenario } from './support/scenario.js';
import { APP_ID, type TestApp, testApp } from './support/testApp.js';
import { pullRequestEvent, reviewEvent } from './support/webhooks.js';

/*
 * Every check run Four Eyes starts is completed: a failure report GitHub refuses is posted again,
 * and runs that an evaluation left in progress (its process died, its completion failed) are
 * completed by the next evaluation of the pull request or by the sweep, which evaluates the pull
 * request again through the installation the run was started for.
 *
 * Every app test ends with every check run the app started completed (test/github/support/testApp.ts).
 */

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const NOW = new Date('2026-11-24T12:00:00Z');

/** A run an earlier process started on `headSha` and died before completing. */
async function leftInProgress(app: TestApp, headSha: string): Promise<number> {
  const octokit = (await app.probot.auth(7)) as GitHubClient;
  const checks = new TrackedChecks(app.audit.checkRuns, () => NOW, APP_ID);
  const target = {
    repo: { owner: 'acme', name: 'infra' },
    headSha,
    name: 'Separation of duties',
    number: 42,
    detailsUrl: 'https://github.com/acme/infra/pull/42',
  };
  return (await checks.start(octokit, target, { repositoryUrl: 'https://github.com/acme/infra', installationId: 7 }))
    .id;
}

function stateOf(app: TestApp, id: number): { status: string; conclusion: string | null; title: string | undefined } {
  const run = app.github.runs.get(id)!;
  return { status: run.status, conclusion: run.conclusion, title: run.output?.title };
}

describe('failure reports are posted until GitHub takes them', () => {
  it('the evaluation fails and so does its report: the run stays "Evaluating" only until the next event of the PR', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const app = await testApp(s);
    app.github.fail('POST /graphql FourEyesPullRequest', { status: 502 });
    app.github.fail('PATCH /repos/acme/infra/check-runs/1000', { status: 500 });
    await app.probot.receive(pullRequestEvent('synchronize', s));
    expect(stateOf(app, 1000)).toMatchObject({ status: 'in_progress' });
    expect((await app.audit.outbox.pending('acme/infra', 42)).map((p) => p.action)).toEqual(['failure-report']);

    await app.probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(stateOf(app, 1000)).toEqual({
      status: 'completed',
      conclusion: 'failure',
      title: 'Blocked: Four Eyes could not evaluate this pull request',
    });
    expect(app.github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('… or until the sweep, without any event', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const app = await testApp(s);
    app.github.fail('POST /graphql FourEyesPullRequest', { status: 502 });
    app.github.fail('PATCH /repos/acme/infra/check-runs/1000', { status: 500 });
    await app.probot.receive(pullRequestEvent('synchronize', s));
    app.github.requests.length = 0;
    expect(await app.sweep.run()).toEqual({ flushed: 1, evaluated: 0, failed: 0 });
    expect(app.github.apiRequests()).toEqual(['PATCH /repos/acme/infra/check-runs/1000']);
    expect(stateOf(app, 1000)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(await app.sweep.run()).toEqual({ flushed: 0, evaluated: 0, failed: 0 });
  });
});

describe('a post GitHub keeps refusing holds up no check run', () => {
  it("the exception log issue the policy names is gone: its comments stay pending, every decision's check run is completed", async () => {
    const s = scenario({
      policy: exceptionPolicy('EXC-1', '{ users: [alice] }', 'notifications:\n  exception_log_issue: 17\n'),
      files: TAGS_FILES,
    });
    const app = await testApp(s);
    const gone = { status: 404, body: { message: 'Not Found' } };
    app.github.fail('POST /repos/acme/infra/issues/17/comments', gone, gone, gone);
    await app.probot.receive(pullRequestEvent('synchronize', s));
    await app.probot.receive(pullRequestEvent('labeled', s));
    expect([...app.github.runs.values()].map((r) => [r.status, r.conclusion])).toEqual([
      ['completed', 'success'],
      ['completed', 'success'],
    ]);
    expect((await app.audit.outbox.pending('acme/infra', 42)).map((p) => p.action)).toEqual([
      'exception-log',
      'exception-log',
    ]);
  });
});

describe('runs left in progress are completed by the sweep', () => {
  it('on the head: the PR is evaluated again and that run completed with the decision; no second run', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const app = await testApp(s);
    const run = await leftInProgress(app, HEAD_SHA);
    expect(await app.sweep.run()).toEqual({ flushed: 0, evaluated: 1, failed: 0 });
    expect(stateOf(app, run)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(app.github.runs.size).toBe(1);
  });

  it('on an old head: cancelled, saying the head moved; the head gets its own run', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const app = await testApp(s);
    const run = await leftInProgress(app, OLD_HEAD_SHA);
    await app.sweep.run();
    expect(stateOf(app, run)).toEqual({
      status: 'completed',
      conclusion: 'cancelled',
      title: `Superseded: the head is now ${HEAD_SHA.slice(0, 7)}`,
    });
    expect([...app.github.runs.values()].filter((r) => r.head_sha === HEAD_SHA)).toMatchObject([
      { status: 'completed', conclusion: 'action_required' },
    ]);
  });

  it('two on the head: the newer completed with the decision, the older superseded by it', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const app = await testApp(s);
    const older = await leftInProgress(app, HEAD_SHA);
    const newer = await leftInProgress(app, HEAD_SHA);
    await app.sweep.run();
    expect(stateOf(app, older)).toEqual({
      status: 'completed',
      conclusion: 'cancelled',
      title: `Superseded by check run ${newer}`,
    });
    expect(stateOf(app, newer)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
  });

  it('when the PR cannot be evaluated again: completed as failure, offering Re-evaluate', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const app = await testApp(s);
    const run = await leftInProgress(app, HEAD_SHA);
    app.github.fail('POST /graphql FourEyesPullRequest', { status: 502 });
    await app.sweep.run();
    expect(stateOf(app, run)).toEqual({
      status: 'completed',
      conclusion: 'failure',
      title: 'Blocked: Four Eyes could not evaluate this pull request',
    });
    expect(app.github.runs.get(run)).toBeDefined();
    expect(app.github.checkRuns.at(-1)!.body).toMatchObject({
      actions: [expect.objectContaining({ identifier: 're-evaluate' })],
    });
  });

  it('on a closed PR: cancelled', async () => {
    const s = scenario({ policy: 'version: 1\n', state: 'CLOSED' });
    const app = await testApp(s);
    const run = await leftInProgress(app, HEAD_SHA);
    await app.sweep.run();
    expect(stateOf(app, run)).toEqual({
      status: 'completed',
      conclusion: 'cancelled',
      title: 'Not evaluated: the pull request is closed',
    });
  });

  it("a start GitHub made but never answered: found among the head's runs on GitHub and completed", async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const app = await testApp(s);
    app.github.fail('POST /repos/acme/infra/check-runs', { status: 502, applied: true });
    await app.probot.receive(pullRequestEvent('synchronize', s));
    expect(stateOf(app, 1000)).toMatchObject({ status: 'in_progress' });
    expect(stateOf(app, 1001)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    app.github.requests.length = 0;
    await app.sweep.run();
    expect(app.github.apiRequests()).toContain(`GET /repos/acme/infra/commits/${HEAD_SHA}/check-runs`);
    expect(stateOf(app, 1000)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
  });

  it('after a restart, the app sweeps at start; and periodically, on its timer', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const first = await testApp(s);
    const run = await leftInProgress(first, HEAD_SHA);
    const restarted = await testApp(s, { audit: first.audit, github: first.github, sweep: { atStart: true } });
    await restarted.sweep.run();
    expect(stateOf(first, run)).toMatchObject({ status: 'completed' });

    const another = await leftInProgress(first, HEAD_SHA);
    await testApp(s, { audit: first.audit, github: first.github, sweep: { intervalMs: 20 } });
    // However many rounds a loaded machine needs: the test's timeout, not a count of attempts, stops a hang.
    while (first.github.openCheckRuns().length > 0) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(stateOf(first, another)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(first.github.runs.size).toBe(2);
  });

  it('only runs started before the cut-off: a run younger than that may belong to an evaluation still under way', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const app = await testApp(s, { sweep: { staleAfterMs: 60_000 } });
    const run = await leftInProgress(app, HEAD_SHA);
    expect(await app.sweep.run()).toEqual({ flushed: 0, evaluated: 0, failed: 0 });
    expect(stateOf(app, run)).toMatchObject({ status: 'in_progress' });
    await app.probot.receive(pullRequestEvent('labeled', s));
    expect(stateOf(app, run)).toMatchObject({ status: 'completed' });
  });
});

describe('the next evaluation of the PR completes what earlier ones left in progress', () => {
  it('a review: the run on the head is completed with the decision, the one on an old head cancelled', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const app = await testApp(s);
    const old = await leftInProgress(app, OLD_HEAD_SHA);
    const onHead = await leftInProgress(app, HEAD_SHA);
    app.github.requests.length = 0;
    await app.probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(app.github.apiRequests().filter((r) => r.includes('check-runs'))).toEqual([
      `PATCH /repos/acme/infra/check-runs/${old}`,
      `PATCH /repos/acme/infra/check-runs/${onHead}`,
    ]);
    expect(stateOf(app, old)).toMatchObject({ conclusion: 'cancelled' });
    expect(stateOf(app, onHead)).toMatchObject({ conclusion: 'success' });
  });

  it('a synchronize: the run left on the new head is reused rather than a second one started', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const app = await testApp(s);
    const onHead = await leftInProgress(app, HEAD_SHA);
    await app.probot.receive(pullRequestEvent('synchronize', s));
    expect(app.github.checkRuns.filter((r) => r.action === 'create')).toHaveLength(1);
    expect(stateOf(app, onHead)).toMatchObject({ conclusion: 'action_required' });
  });
});
