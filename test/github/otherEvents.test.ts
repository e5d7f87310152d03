import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { BREAK_GLASS_REASON, summaryOf } from './support/policies.js';
import { BASE_SHA, HEAD_SHA, review, scenario } from './support/scenario.js';
import { APP_ID, testApp } from './support/testApp.js';
import { checkRunEvent, checkSuiteEvent, commentEvent, pullRequestEvent, pushEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const BREAK_GLASS_POLICY =
  'version: 1\nbreak_glass:\n  allowed:\n    users: [dana]\n  min_reason_length: 20\nowners:\n  users: [sec-lead]\n';
const REASON = BREAK_GLASS_REASON;

describe('issue_comment: break-glass', () => {
  it("an allowed person's command passes the head it was given on, and the check says so", async () => {
    const s = scenario({ policy: BREAK_GLASS_POLICY });
    const { probot, github, activity } = await testApp(s);
    await probot.receive(commentEvent(s, REASON, 'dana'));
    expect(github.lastCheckRun()).toMatchObject({
      conclusion: 'success',
      output: { title: expect.stringContaining('BREAK-GLASS by dana') },
    });
    expect(summaryOf(github.lastCheckRun())).toContain('**BREAK-GLASS** by @dana');
    expect(await activity.breakGlass('acme/infra', 42)).toEqual([
      { author: 'dana', text: REASON, at: '2026-11-24T11:30:00Z', sha: HEAD_SHA },
    ]);
  });

  it('someone not allowed is refused, with the reason', async () => {
    const s = scenario({ policy: BREAK_GLASS_POLICY });
    const { probot, github } = await testApp(s);
    await probot.receive(commentEvent(s, REASON, 'mallory'));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(summaryOf(github.lastCheckRun())).toContain('@mallory: mallory is not allowed to break glass');
  });

  it('does not cover the next push', async () => {
    const s = scenario({ policy: BREAK_GLASS_POLICY });
    const { probot, github } = await testApp(s);
    await probot.receive(commentEvent(s, REASON, 'dana'));
    s.headSha = 'e'.repeat(40);
    s.commits = [{ ...s.commits[0]!, oid: s.headSha }];
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(summaryOf(github.lastCheckRun())).toContain('break-glass covers one commit only');
  });

  it('ordinary comments and comments by bots are ignored', async () => {
    const s = scenario({ policy: BREAK_GLASS_POLICY });
    const { probot, github } = await testApp(s);
    await probot.receive(commentEvent(s, 'looks good to me', 'carol'));
    await probot.receive(commentEvent(s, REASON, 'four-eyes[bot]', true));
    expect(github.apiRequests()).toEqual([]);
  });
});

describe('check_run events', () => {
  it.each(['rerequested', 'requested_action'] as const)('%s on our check re-evaluates its PR', async (action) => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const { probot, github } = await testApp(s);
    await probot.receive(checkRunEvent(action, s, { appId: APP_ID, pullRequests: [42] }));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it("a fork PR's check run (no pull_requests) is found by the external id Four Eyes set", async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const { probot, github } = await testApp(s);
    await probot.receive(checkRunEvent('rerequested', s, { appId: APP_ID, pullRequests: [], externalId: '42' }));
    expect(github.apiRequests()[0]).toBe('POST /graphql FourEyesPullRequest');
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
  });

  it("another app's check runs and other buttons are ignored", async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const { probot, github } = await testApp(s);
    await probot.receive(checkRunEvent('rerequested', s, { appId: APP_ID + 1, pullRequests: [42] }));
    await probot.receive(
      checkRunEvent('requested_action', s, { appId: APP_ID, pullRequests: [42], identifier: 'something-else' }),
    );
    expect(github.apiRequests()).toEqual([]);
  });
});

describe('check_suite events', () => {
  it.each(['requested', 'rerequested'] as const)("%s evaluates the suite's PRs", async (action) => {
    const s = scenario({ policy: 'version: 1\n' });
    const { probot, github } = await testApp(s);
    await probot.receive(checkSuiteEvent(action, s, [42]));
    expect(github.apiRequests()[0]).toBe('POST /graphql FourEyesPullRequest');
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
  });

  it('a fork PR (pull_requests empty) is found by its head commit', async () => {
    const s = scenario({
      policy: 'version: 1\n',
      associated: [
        { number: 42, headRefOid: HEAD_SHA, state: 'OPEN' },
        { number: 7, headRefOid: 'f'.repeat(40), state: 'OPEN' },
      ],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(checkSuiteEvent('requested', s, []));
    expect(github.apiRequests().slice(0, 2)).toEqual([
      'POST /graphql FourEyesPullRequestsForCommit',
      'POST /graphql FourEyesPullRequest',
    ]);
    expect(github.checkRuns.filter((run) => run.body.status === 'completed')).toHaveLength(1);
  });

  it('a commit of no open PR is searched for once, then left alone', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const { probot, github } = await testApp(s);
    await probot.receive(checkSuiteEvent('requested', s, []));
    expect(github.apiRequests()).toEqual([
      'POST /graphql FourEyesPullRequestsForCommit',
      'POST /graphql FourEyesPullRequestsSearch',
    ]);
  });
});

describe('push events', () => {
  it('record who pushed: a pusher may not approve the PR', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const { probot, github } = await testApp(s);
    await probot.receive(pushEvent(s, 'carol', HEAD_SHA));
    expect(github.apiRequests()).toEqual([]);
    await probot.receive(pullRequestEvent('synchronize', s, 'alice'));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(summaryOf(github.lastCheckRun())).toContain('@carol (`pusher`)');
  });

  // The store is asked for the branch's pushes of the PR's commits only: an earlier commit's
  // pusher must still be found, however many pushes the branch had since.
  it("a pusher of an earlier commit of the PR may not approve it either; a push of another SHA to the branch is not the PR's", async () => {
    const earlier = '1'.repeat(40);
    const s = scenario({
      policy: 'version: 1\n',
      reviews: [review('carol'), review('dave')],
      commits: [
        {
          oid: earlier,
          parents: [BASE_SHA],
          authors: [{ login: 'alice', email: 'alice@acme.example', name: 'Alice' }],
        },
        {
          oid: HEAD_SHA,
          parents: [earlier],
          authors: [{ login: 'alice', email: 'alice@acme.example', name: 'Alice' }],
        },
      ],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pushEvent(s, 'carol', earlier));
    await probot.receive(pushEvent(s, 'dave', '2'.repeat(40)));
    for (let i = 0; i < 5; i++) await probot.receive(pushEvent(s, 'erin', `${i}`.padStart(40, 'a')));
    await probot.receive(pullRequestEvent('synchronize', s, 'alice'));
    expect(summaryOf(github.lastCheckRun())).toContain('@carol (`pusher`)');
    expect(summaryOf(github.lastCheckRun())).not.toContain('@dave (`pusher`)');
  });

  it('the sender of a synchronize is a pusher too (fork branches send no push events)', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s, 'carol'));
    expect(summaryOf(github.lastCheckRun())).toContain('@carol (`pusher`)');
  });

  it('force-push actors from the timeline are pushers', async () => {
    const s = scenario({
      policy: 'version: 1\n',
      reviews: [review('carol')],
      forcePushes: [{ login: 'carol', afterOid: HEAD_SHA, at: '2026-11-24T08:00:00Z' }],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('labeled', s));
    expect(summaryOf(github.lastCheckRun())).toContain('@carol (`pusher`)');
  });

  it('tags and branch deletions are not pushes to a PR', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const { probot, github, activity } = await testApp(s);
    await probot.receive(pushEvent(s, 'carol', HEAD_SHA, { deleted: true }));
    expect(await activity.pushes('acme/infra', s.headRef, 42, [HEAD_SHA])).toEqual({ toBranch: [], toPullRequest: [] });
    expect(github.apiRequests()).toEqual([]);
  });
});
