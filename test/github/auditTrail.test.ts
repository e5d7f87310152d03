import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.js';
import { freshPgliteAudit } from '../support/auditDatabase.js';
import { BREAK_GLASS_REASON, exceptionPolicy, TAGS_FILES } from './support/policies.js';
import { HEAD_SHA, review, type Scenario, scenario } from './support/scenario.js';
import { testApp as memoryTestApp } from './support/testApp.js';
import { checkSuiteEvent, commentEvent, pullRequestEvent, reviewEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const EXCEPTION_POLICY = exceptionPolicy('EXC-1', '{ users: [alice] }');
const BREAK_GLASS_POLICY =
  'version: 1\nbreak_glass:\n  allowed:\n    users: [dana]\n  min_reason_length: 20\nowners:\n  users: [sec-lead]\n  teams: [security]\n';
const REASON = BREAK_GLASS_REASON;

// Starting PGlite takes seconds (more on a busy machine): not in the first test's time.
beforeAll(async () => {
  await freshPgliteAudit();
}, 180_000);

/** The app on PGlite, as it runs: this file follows the records into the database. */
async function testApp(s: Scenario) {
  const audit = await freshPgliteAudit();
  return { ...(await memoryTestApp(s, { audit })), audit };
}

async function kinds(audit: { db: { query<R>(q: string): Promise<R[]> } }): Promise<string[]> {
  return (await audit.db.query<{ kind: string }>('SELECT kind FROM audit_records ORDER BY seq')).map((r) => r.kind);
}

describe('the audit trail of the app', () => {
  it('records each decision before posting it; the check run names the record; the posted check run is recorded too', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(await kinds(audit)).toEqual(['decision', 'check-run']);
    const [decision] = await audit.db.query<{ seq: string; hash: string; body: string; delivery_id: string }>(
      "SELECT seq, hash, body, delivery_id FROM audit_records WHERE kind = 'decision'",
    );
    const data = (JSON.parse(decision!.body) as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({
      repository: 'acme/infra',
      number: 42,
      headSha: HEAD_SHA,
      conclusion: 'success',
      tier: 'high',
      checkName: 'Separation of duties',
      policy: { source: 'main:.github/four-eyes.yml', valid: true },
      policyFiles: [
        {
          source: 'acme/infra:.github/four-eyes.yml',
          blobSha:
            '3d8e4b2f9d6b6ed5a3e0e2d6c4b2b1ddc1e1f3a8'.length === 40 ? expect.stringMatching(/^[0-9a-f]{40}$/) : '',
        },
      ],
      approvals: { counted: [expect.objectContaining({ login: 'carol' })] },
    });
    expect(decision!.delivery_id).toMatch(/^delivery-/);
    // The line naming the record ends the summary: it is added once the record is written.
    expect((github.lastCheckRun().output as { summary: string }).summary).toMatch(
      new RegExp(`\`four-eyes audit verify --expect ${decision!.seq}:${decision!.hash}\`_\\n$`),
    );
    const [checkRun] = await audit.db.query<{ body: string }>(
      "SELECT body FROM audit_records WHERE kind = 'check-run'",
    );
    expect(JSON.parse(checkRun!.body).data).toEqual({
      decisionSeq: Number(decision!.seq),
      checkRunId: 1000,
      headSha: HEAD_SHA,
      name: 'Separation of duties',
      conclusion: 'success',
    });
    expect(await verifyChain(audit.records)).toMatchObject({ intact: true, count: 2 });
  });

  it('an exception use is recorded and posted to the exception log issue, created on first use and reused after', async () => {
    const s = scenario({ policy: EXCEPTION_POLICY, files: TAGS_FILES });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect(await kinds(audit)).toEqual(['push', 'decision', 'exception', 'check-run']);
    const [decision] = await audit.db.query<{ body: string }>("SELECT body FROM audit_records WHERE kind = 'decision'");
    // the policy's exceptions ride on the decision, so the console lists them used or not
    expect(JSON.parse(decision!.body).data.exceptionsInForce).toEqual([
      {
        id: 'EXC-1',
        owner: 'sec-lead',
        expires: '2027-05-31',
        description: 'Tag-only changes',
        justification: 'Tags carry cost-centre data only and grant nothing.',
      },
    ]);
    expect(github.issues.map((i) => i.title)).toEqual(['Four Eyes exception log']);
    expect(github.comments).toEqual([
      {
        issue: 900,
        body: expect.stringContaining(
          '**Exception used**: `EXC-1` by @alice on [acme/infra#42](https://github.com/acme/infra/pull/42) at [ccccccc](https://github.com/acme/infra/commit/' +
            HEAD_SHA +
            ')',
        ),
      },
    ]);
    await probot.receive(pullRequestEvent('labeled', s));
    expect(github.issues).toHaveLength(1);
    expect(github.comments.map((c) => c.issue)).toEqual([900, 900]);
  });

  it('the policy can name the exception log issue', async () => {
    const s = scenario({ policy: EXCEPTION_POLICY + 'notifications:\n  exception_log_issue: 17\n', files: TAGS_FILES });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.issues).toEqual([]);
    expect(github.comments.map((c) => c.issue)).toEqual([17]);
  });

  it('break-glass: recorded, logged, a follow-up review issue assigned to the owners, and the owners mentioned on the PR', async () => {
    const s = scenario({ policy: BREAK_GLASS_POLICY });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(commentEvent(s, REASON, 'dana'));
    expect(await kinds(audit)).toEqual(['break-glass-request', 'decision', 'break-glass', 'check-run']);
    expect(github.issues.map((i) => [i.title, i.assignees])).toEqual([
      ['Four Eyes exception log', undefined],
      [`Review break-glass on acme/infra#42 (${HEAD_SHA.slice(0, 7)})`, ['sec-lead']],
    ]);
    expect(github.issues[1]!.body).toContain('Owners: @sec-lead @acme/security');
    expect(github.comments.map((c) => [c.issue, c.body.split('\n')[0]])).toEqual([
      [
        900,
        `**BREAK-GLASS** by @dana on [acme/infra#42](https://github.com/acme/infra/pull/42) at [ccccccc](https://github.com/acme/infra/commit/${HEAD_SHA})`,
      ],
      [
        42,
        '@sec-lead @acme/security: @dana broke glass on this pull request (production is down, rolling back the bad IAM change). A follow-up review issue has been opened.',
      ],
    ]);
  });

  it('a delivery received twice is processed once', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const { probot, github, audit } = await testApp(s);
    const event = reviewEvent('submitted', s, s.reviews[0]!);
    await probot.receive(event);
    const requests = github.requests.length;
    await probot.receive(event);
    expect(github.requests.length).toBe(requests);
    expect(await kinds(audit)).toEqual(['decision', 'check-run']);
  });

  it('a delivery already processed is not even looked at again (the check suite of a fork PR: no search for its PRs)', async () => {
    const s = scenario({ policy: 'version: 1\n', associated: [{ number: 42, headRefOid: HEAD_SHA, state: 'OPEN' }] });
    const { probot, github, audit } = await testApp(s);
    const event = checkSuiteEvent('requested', s, []);
    await probot.receive(event);
    expect(github.apiRequests()).toContain('POST /graphql FourEyesPullRequestsForCommit');
    github.requests.length = 0;
    await probot.receive(event);
    expect(github.apiRequests()).toEqual([]);
    expect(await audit.db.query('SELECT delivery_id, state FROM webhook_deliveries')).toEqual([
      { delivery_id: (event as { id: string }).id, state: 'done' },
    ]);
  });

  it('a crash between recording and posting loses nothing: the re-delivery posts what was recorded, without deciding again', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('labeled', s)); // reads the change set, so the review below only posts
    await audit.db.query('TRUNCATE audit_records');
    github.checkRuns.length = 0;
    s.reviews = [review('carol')];
    github.fail('POST /repos/acme/infra/check-runs', { status: 500, body: { message: 'Internal Server Error' } });
    const event = reviewEvent('submitted', s, s.reviews[0]!);
    await probot.receive(event);
    expect(await kinds(audit)).toEqual(['decision']);
    expect(github.checkRuns).toEqual([]);
    expect(
      (
        await audit.db.query<{ state: string }>('SELECT state FROM webhook_deliveries WHERE delivery_id = $1', [
          (event as { id: string }).id,
        ])
      )[0]!.state,
    ).toBe('processing');
    github.requests.length = 0;
    await probot.receive(event); // GitHub's re-delivery: the same delivery id
    expect(github.apiRequests()).toEqual(['POST /repos/acme/infra/check-runs']);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success', head_sha: HEAD_SHA });
    expect(await kinds(audit)).toEqual(['decision', 'check-run']);
    expect(
      (
        await audit.db.query<{ state: string }>('SELECT state FROM webhook_deliveries WHERE delivery_id = $1', [
          (event as { id: string }).id,
        ])
      )[0]!.state,
    ).toBe('done');
    expect(await verifyChain(audit.records)).toMatchObject({ intact: true, count: 2 });
  });

  it("retain_approvals: same-impact finds earlier heads' digests in the recorded decisions", async () => {
    const s = scenario({ policy: 'version: 1\nretain_approvals: same-impact\n' });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    const newHead = 'e'.repeat(40);
    s.reviews = [review('carol', 'APPROVED', { commitOid: HEAD_SHA })];
    s.headSha = newHead;
    s.commits = [s.commits[0]!, { ...s.commits[0]!, oid: newHead, parents: [HEAD_SHA] }];
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect((github.lastCheckRun().output as { summary: string }).summary).toContain('approved by @carol');
  });
});
