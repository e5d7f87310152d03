import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { HEAD_SHA, OLD_HEAD_SHA, review, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent, reviewEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const POLICY = 'version: 1\nidentities:\n  - name: Alice\n    logins: [alice, alice-admin]\n';

function rejected(body: Record<string, unknown>): string {
  const summary = (body.output as { summary: string }).summary;
  return summary.slice(summary.indexOf('### Approvals not counted'), summary.indexOf('### What to do next'));
}

describe('pull_request_review events', () => {
  it.each(['submitted', 'edited'])(
    '%s: an independent approval on the head passes a high-impact change',
    async (action) => {
      const s = scenario({ policy: POLICY, reviews: [review('carol')] });
      const { probot, github } = await testApp(s);
      await probot.receive(reviewEvent(action, s, s.reviews[0]!));
      expect(github.checkRuns[0]!.body).toMatchObject({ head_sha: HEAD_SHA, status: 'in_progress' });
      expect(github.lastCheckRun()).toMatchObject({
        status: 'completed',
        conclusion: 'success',
        output: { title: 'High impact: 1 of 1 independent approval' },
      });
    },
  );

  it('dismissed: the dismissed approval no longer counts, and the check says why', async () => {
    const s = scenario({ policy: POLICY, reviews: [review('carol', 'DISMISSED')] });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('dismissed', s, s.reviews[0]!));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(rejected(github.lastCheckRun())).toContain('@carol (`dismissed`)');
  });

  it('a bot approving does not count', async () => {
    const s = scenario({ policy: POLICY, reviews: [review('helper-bot[bot]', 'APPROVED', { bot: true })] });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(rejected(github.lastCheckRun())).toMatch(/@helper-bot\\\[bot\\\] \(`bot`\)/);
  });

  it("the author's alias approving does not count", async () => {
    const s = scenario({ policy: POLICY, reviews: [review('alice-admin')] });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(rejected(github.lastCheckRun())).toContain('@alice-admin');
    expect(rejected(github.lastCheckRun())).toContain('alias');
  });

  it('an approval from someone without write access does not count', async () => {
    const s = scenario({ policy: POLICY, reviews: [review('outsider', 'APPROVED', { canPush: false })] });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(rejected(github.lastCheckRun())).toContain('@outsider (`no-write-permission`)');
  });

  it('a review of an old SHA arriving after a synchronize judges the current head, where it does not count', async () => {
    const s = scenario({ policy: POLICY });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    const late = review('carol', 'APPROVED', { commitOid: OLD_HEAD_SHA, submittedAt: '2026-11-24T09:00:00Z' });
    s.reviews = [late];
    // The event still names the old head: GitHub sends what was true when the review was made.
    const event = reviewEvent('submitted', { ...s, headSha: OLD_HEAD_SHA }, late);
    github.requests.length = 0;
    await probot.receive(event);
    expect(github.apiRequests()).toEqual(['POST /graphql FourEyesPullRequest', 'POST /repos/acme/infra/check-runs']);
    expect(github.checkRuns.every((run) => run.body.head_sha === undefined || run.body.head_sha === HEAD_SHA)).toBe(
      true,
    );
    expect(github.lastCheckRun()).toMatchObject({ head_sha: HEAD_SHA, conclusion: 'action_required' });
    expect(rejected(github.lastCheckRun())).toContain('@carol (`stale`)');
  });

  it('requested changes block until dismissed', async () => {
    const s = scenario({ policy: POLICY, reviews: [review('carol'), review('dave', 'CHANGES_REQUESTED')] });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[1]!));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect((github.lastCheckRun().output as { summary: string }).summary).toContain(
      '**changes-requested**: dave requested changes',
    );
  });
});
