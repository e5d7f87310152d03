import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditServices } from '../../src/audit/services.js';
import { summaryOf } from './support/policies.js';
import { BASE_SHA, HEAD_SHA, review, type Scenario, scenario } from './support/scenario.js';
import { type TestApp, testApp } from './support/testApp.js';
import { mergeGroupEvent, pullRequestEvent } from './support/webhooks.js';

/*
 * A merge queue waits for the required checks on each merge group's head. Four Eyes posts its
 * check there: success only when the pull request the group's ref names has a passing decision
 * for the head it was queued with, and the group's own change (parent → head) has the impact
 * digest that decision approved.
 */

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const POLICY = 'version: 1\ncheck_name: Four Eyes\n';
/** the merge group's commit, and the queue entry ahead of it */
const GROUP_SHA = '1'.repeat(40);
const AHEAD_SHA = '2'.repeat(40);
const BAD_GATEWAY = { status: 502, body: { message: 'Bad Gateway' } };

const OTHER_PR_FILE = {
  path: 'storage.tf',
  content: 'resource "aws_s3_bucket" "archive" {\n  bucket = "archive"\n}\n',
};
const SMUGGLED_FILE = {
  path: 'admin.tf',
  content:
    'resource "aws_iam_user_policy_attachment" "admin" {\n  user       = "mallory"\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n',
};

/** An approved pull request, evaluated: its decision passes for its head. */
async function approvedPullRequest(): Promise<{ s: Scenario; app: TestApp }> {
  const s = scenario({ policy: POLICY, reviews: [review('carol')] });
  const app = await testApp(s);
  await app.probot.receive(pullRequestEvent('synchronize', s));
  expect([...app.github.runs.values()]).toEqual([
    expect.objectContaining({ name: 'Four Eyes', conclusion: 'success' }),
  ]);
  app.github.requests.length = 0;
  return { s, app };
}

/** The check runs posted on the merge group's head. */
function groupChecks(app: TestApp): Record<string, unknown>[] {
  return app.github.checkRuns.filter((run) => run.body.head_sha === GROUP_SHA).map((run) => run.body);
}

async function mergeGroupRecords(audit: AuditServices) {
  const found = [];
  for await (const record of audit.records.records({ kinds: ['merge-group'] }))
    found.push({ pullRequest: record.pullRequest, data: JSON.parse(record.body).data });
  return found;
}

describe('merge_group.checks_requested', () => {
  it('a group that carries exactly the approved change passes, under the check name of the policy at its base, and is recorded', async () => {
    const { s, app } = await approvedPullRequest();
    s.trees = { [GROUP_SHA]: app.github.filesAt(HEAD_SHA)! };
    await app.probot.receive(mergeGroupEvent(s, { headSha: GROUP_SHA, baseSha: BASE_SHA }));
    expect(app.github.apiRequests()).toEqual([
      `GET /repos/acme/infra/git/trees/${BASE_SHA}`,
      `GET /repos/acme/infra/git/trees/${GROUP_SHA}`,
      'POST /repos/acme/infra/check-runs',
    ]);
    const [check] = groupChecks(app);
    expect(check).toMatchObject({
      name: 'Four Eyes',
      head_sha: GROUP_SHA,
      status: 'completed',
      conclusion: 'success',
      details_url: 'https://github.com/acme/infra/pull/42',
      output: { title: 'The merge group carries the change approved for #42' },
    });
    expect(summaryOf(check!)).toContain('the one decision #2 approved for pull request #42 at ccccccc');
    expect(summaryOf(check!)).toMatch(/four-eyes audit verify --expect 4:sha256:[0-9a-f]{64}/);
    expect(await mergeGroupRecords(app.audit)).toEqual([
      {
        pullRequest: 42,
        data: expect.objectContaining({
          headSha: GROUP_SHA,
          baseSha: BASE_SHA,
          pullRequestHeadSha: HEAD_SHA,
          checkName: 'Four Eyes',
          decisionSeq: 2,
          conclusion: 'success',
          impactDigest: expect.stringMatching(/^sha256:/),
        }),
      },
    ]);
    const [record] = await mergeGroupRecords(app.audit);
    expect(record!.data.impactDigest).toBe(record!.data.approvedDigest);
  });

  it('a pull request ahead in the queue is the parent, not part of this change: the group still passes', async () => {
    const { s, app } = await approvedPullRequest();
    const ahead = [...app.github.filesAt(BASE_SHA)!, OTHER_PR_FILE];
    const group = [...app.github.filesAt(HEAD_SHA)!, OTHER_PR_FILE];
    s.trees = { [AHEAD_SHA]: ahead, [GROUP_SHA]: group };
    await app.probot.receive(mergeGroupEvent(s, { headSha: GROUP_SHA, baseSha: AHEAD_SHA }));
    expect(groupChecks(app)).toEqual([expect.objectContaining({ conclusion: 'success' })]);
  });

  it('a group that brings in anything else fails, naming both digests and what to do', async () => {
    const { s, app } = await approvedPullRequest();
    s.trees = { [GROUP_SHA]: [...app.github.filesAt(HEAD_SHA)!, SMUGGLED_FILE] };
    await app.probot.receive(mergeGroupEvent(s, { headSha: GROUP_SHA, baseSha: BASE_SHA }));
    const [check] = groupChecks(app);
    expect(check).toMatchObject({
      name: 'Four Eyes',
      conclusion: 'failure',
      output: { title: "Blocked: the merge group's change is not the one approved for #42" },
    });
    const [record] = await mergeGroupRecords(app.audit);
    expect(record!.data.impactDigest).not.toBe(record!.data.approvedDigest);
    expect(summaryOf(check!)).toContain(
      `has impact digest ${record!.data.impactDigest}, but decision #2 approved ${record!.data.approvedDigest} for pull request #42 at ccccccc`,
    );
    expect(summaryOf(check!)).toContain("update the pull request's branch");
  });

  it.each([
    [
      'no decision at all for the queued head',
      async (_s: Scenario, _app: TestApp) => undefined,
      'Blocked: #42 has no decision for ccccccc',
      'Four Eyes has no decision for pull request #42 at ccccccc',
    ],
    [
      'a decision that does not pass',
      async (s: Scenario, app: TestApp) => {
        s.reviews = [];
        await app.probot.receive(pullRequestEvent('labeled', s));
      },
      "Blocked: #42's decision for ccccccc does not pass",
      '(audit record #1) is action_required: High impact: 0 of 1 independent approval',
    ],
  ])('%s: fails, without reading the change', async (_case, before, title, why) => {
    const s = scenario({ policy: POLICY, reviews: [review('carol')] });
    const app = await testApp(s);
    await before(s, app);
    app.github.requests.length = 0;
    await app.probot.receive(mergeGroupEvent(s, { headSha: GROUP_SHA, baseSha: BASE_SHA }));
    expect(app.github.apiRequests().filter((r) => r.includes('/git/'))).toEqual([]);
    const [check] = groupChecks(app);
    expect(check).toMatchObject({ name: 'Four Eyes', conclusion: 'failure', output: { title } });
    expect(summaryOf(check!)).toContain(why);
  });

  it.each([
    ['a branch that is not a queue entry', 'refs/heads/feature/iam', 'is not a merge queue branch'],
    [
      'an entry without a head SHA',
      'refs/heads/gh-readonly-queue/main/pr-42',
      'does not end in <base branch>/pr-<number>-<head SHA>',
    ],
    ['an entry with a short SHA', `refs/heads/gh-readonly-queue/main/pr-42-${HEAD_SHA.slice(0, 7)}`, 'does not end in'],
    ['an entry without a base branch', `refs/heads/gh-readonly-queue/pr-42-${HEAD_SHA}`, 'does not end in'],
    [
      'an entry for another branch',
      `refs/heads/gh-readonly-queue/release/pr-42-${HEAD_SHA}`,
      'names the branch "release", but the group merges into "main"',
    ],
  ])('an unreadable head_ref (%s) fails with the reason', async (_case, headRef, why) => {
    const { s, app } = await approvedPullRequest();
    await app.probot.receive(mergeGroupEvent(s, { headSha: GROUP_SHA, baseSha: BASE_SHA, headRef }));
    const [check] = groupChecks(app);
    expect(check).toMatchObject({
      name: 'Four Eyes',
      conclusion: 'failure',
      output: { title: 'Blocked: the merge group names no pull request' },
    });
    expect(summaryOf(check!)).toContain(why);
    expect(await mergeGroupRecords(app.audit)).toEqual([
      { pullRequest: null, data: expect.objectContaining({ conclusion: 'failure', decisionSeq: null }) },
    ]);
  });

  it('a queue base branch with slashes is read whole', async () => {
    const s = scenario({ policy: POLICY, reviews: [review('carol')], baseRef: 'release/2026.11' });
    const app = await testApp(s);
    await app.probot.receive(pullRequestEvent('synchronize', s));
    s.trees = { [GROUP_SHA]: app.github.filesAt(HEAD_SHA)! };
    await app.probot.receive(mergeGroupEvent(s, { headSha: GROUP_SHA, baseSha: BASE_SHA }));
    expect(groupChecks(app)).toEqual([expect.objectContaining({ conclusion: 'success' })]);
  });

  it('GitHub fails (502) while deciding: the check fails, nothing is recorded, and the re-delivery decides', async () => {
    const { s, app } = await approvedPullRequest();
    s.trees = { [GROUP_SHA]: app.github.filesAt(HEAD_SHA)! };
    app.github.fail(`GET /repos/acme/infra/git/trees/${GROUP_SHA}`, BAD_GATEWAY);
    const delivery = mergeGroupEvent(s, { headSha: GROUP_SHA, baseSha: BASE_SHA });
    await app.probot.receive(delivery);
    const [failed] = groupChecks(app);
    expect(failed).toMatchObject({
      name: 'Four Eyes',
      conclusion: 'failure',
      output: { title: 'Blocked: Four Eyes could not check this merge group' },
    });
    expect(summaryOf(failed!)).toContain('**Why:** GitHub answered 502');
    expect(summaryOf(failed!)).toContain('add the pull request to the merge queue again once GitHub answers');
    expect(await mergeGroupRecords(app.audit)).toEqual([]);

    await app.probot.receive(delivery);
    expect(groupChecks(app).map((run) => run.conclusion)).toEqual(['failure', 'success']);
    expect(await mergeGroupRecords(app.audit)).toHaveLength(1);
  });

  it('the verdict was recorded but its post failed: the re-delivery posts that verdict without judging again', async () => {
    const { s, app } = await approvedPullRequest();
    s.trees = { [GROUP_SHA]: app.github.filesAt(HEAD_SHA)! };
    app.github.fail('POST /repos/acme/infra/check-runs', BAD_GATEWAY);
    const delivery = mergeGroupEvent(s, { headSha: GROUP_SHA, baseSha: BASE_SHA });
    await app.probot.receive(delivery);
    expect(groupChecks(app)).toEqual([]);
    app.github.requests.length = 0;
    await app.probot.receive(delivery);
    expect(app.github.apiRequests()).toEqual(['POST /repos/acme/infra/check-runs']);
    expect(groupChecks(app).at(-1)).toMatchObject({ conclusion: 'success' });
    expect(await mergeGroupRecords(app.audit)).toHaveLength(1);
  });
});

describe('merge_group.destroyed', () => {
  it('needs nothing', async () => {
    const { s, app } = await approvedPullRequest();
    await app.probot.receive(mergeGroupEvent(s, { headSha: GROUP_SHA, baseSha: BASE_SHA }, 'destroyed'));
    expect(app.github.apiRequests()).toEqual([]);
    expect(await mergeGroupRecords(app.audit)).toEqual([]);
  });
});
