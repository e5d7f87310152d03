import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditServices } from '../../src/audit/services.js';
import { crashOnce } from './support/crashes.js';
import { BREAK_GLASS_REASON, exceptionPolicy, TAGS_FILES } from './support/policies.js';
import { review, scenario } from './support/scenario.js';
import { APP_ID, testApp } from './support/testApp.js';
import { checkRunEvent, commentEvent, pullRequestEvent, reviewEvent } from './support/webhooks.js';

/*
 * The posts beside the check run happen once each, whatever fails between GitHub doing them and
 * Four Eyes writing that down: a crash (simulated: the store write after GitHub's answer never
 * happens, and a new app on the same store and GitHub takes over) or an answer GitHub lost.
 *
 * Every app test ends with every check run the app started completed (test/github/support/testApp.ts).
 */

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const EXCEPTION_POLICY = exceptionPolicy('EXC-1', '{ users: [alice] }');
const BREAK_GLASS_POLICY =
  'version: 1\nbreak_glass:\n  allowed:\n    users: [dana]\n  min_reason_length: 20\nowners:\n  users: [sec-lead]\n';

async function kinds(audit: AuditServices): Promise<string[]> {
  const found: string[] = [];
  for await (const record of audit.records.records()) found.push(record.kind);
  return found;
}

describe('the exception log issue is created once', () => {
  it('a crash after GitHub created it, before it was saved: the re-delivery finds it by its marker and opens no second one', async () => {
    const s = scenario({ policy: EXCEPTION_POLICY, files: TAGS_FILES });
    const first = await testApp(s);
    const { github, audit } = first;
    crashOnce(audit.outbox, 'setTrackingIssue');
    const event = pullRequestEvent('synchronize', s);
    await first.probot.receive(event);
    expect(github.issues.map((i) => i.title)).toEqual(['Four Eyes exception log']);
    expect(github.issues[0]!.body).toContain('<!-- four-eyes:exception-log repo=acme/infra -->');
    expect(github.comments).toEqual([]);

    const restarted = await testApp(s, { audit, github });
    github.requests.length = 0;
    await restarted.probot.receive(event);
    expect(github.apiRequests()).toEqual([
      'GET /repos/acme/infra/issues',
      'GET /repos/acme/infra/issues/900/comments',
      'POST /repos/acme/infra/issues/900/comments',
    ]);
    expect(github.issues).toHaveLength(1);
    expect(github.comments).toEqual([
      { issue: 900, body: expect.stringContaining('**Exception used**: `EXC-1` by @alice') },
    ]);
    expect(github.comments[0]!.body).toContain('<!-- four-eyes:exception-use seq=3 -->');
    expect(await kinds(audit)).toEqual(['push', 'decision', 'exception', 'check-run']);
  });

  it('GitHub created it but its answer was lost (502): the next event adopts it', async () => {
    const s = scenario({ policy: EXCEPTION_POLICY, files: TAGS_FILES });
    const { probot, github } = await testApp(s);
    github.fail('POST /repos/acme/infra/issues', { status: 502, applied: true });
    await probot.receive(pullRequestEvent('synchronize', s));
    await probot.receive(pullRequestEvent('labeled', s));
    expect(github.issues.map((i) => i.number)).toEqual([900]);
    expect(github.comments.map((c) => [c.issue, /seq=(\d+)/.exec(c.body)?.[1]])).toEqual([
      [900, '3'],
      [900, '6'],
    ]);
  });
});

describe('one exception log comment per exception use', () => {
  it('posted, then a crash before it was marked done: the next event finds it, and logs only its own use', async () => {
    const s = scenario({ policy: EXCEPTION_POLICY, files: TAGS_FILES });
    const { probot, github, audit } = await testApp(s);
    crashOnce(audit.outbox, 'done', (_id, result) => String(result).includes('#issuecomment'));
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.comments).toHaveLength(1);
    github.requests.length = 0;
    await probot.receive(pullRequestEvent('labeled', s));
    expect(github.apiRequests().filter((r) => r.includes('/issues'))).toEqual([
      'GET /repos/acme/infra/issues/900/comments',
      'POST /repos/acme/infra/issues/900/comments',
    ]);
    expect(github.comments.map((c) => /seq=(\d+)/.exec(c.body)?.[1])).toEqual(['3', '6']);
    expect((await kinds(audit)).filter((k) => k === 'decision' || k === 'exception')).toEqual([
      'decision',
      'exception',
      'decision',
      'exception',
    ]);
    expect(await audit.outbox.pending('acme/infra', 42)).toEqual([]);
  });

  it('GitHub posted it but answered 502: the re-delivery finds it', async () => {
    const s = scenario({ policy: EXCEPTION_POLICY, files: TAGS_FILES });
    const { probot, github } = await testApp(s);
    github.fail('POST /repos/acme/infra/issues/900/comments', { status: 502, applied: true });
    const event = pullRequestEvent('synchronize', s);
    await probot.receive(event);
    await probot.receive(event);
    expect(github.comments).toHaveLength(1);
  });
});

describe('break-glass: one follow-up issue and one mention per use', () => {
  async function breakGlassThenThreeReevaluations(
    s: ReturnType<typeof scenario>,
    app: Awaited<ReturnType<typeof testApp>>,
  ): Promise<void> {
    await app.probot.receive(commentEvent(s, BREAK_GLASS_REASON, 'dana'));
    await app.probot.receive(pullRequestEvent('labeled', s));
    await app.probot.receive(reviewEvent('submitted', s, review('erin', 'COMMENTED')));
    await app.probot.receive(checkRunEvent('requested_action', s, { appId: APP_ID, pullRequests: [42] }));
  }

  it('evaluated three times more, the PR still passes by break-glass; nothing is opened or mentioned again, nor even queued', async () => {
    const s = scenario({ policy: BREAK_GLASS_POLICY });
    const app = await testApp(s);
    const { github, audit } = app;
    await breakGlassThenThreeReevaluations(s, app);
    expect(github.checkRuns.filter((r) => r.body.status === 'completed').map((r) => r.body.conclusion)).toEqual([
      'success',
      'success',
      'success',
      'success',
    ]);
    expect((await kinds(audit)).filter((k) => k === 'decision')).toHaveLength(4);
    expect(github.issues.map((i) => i.title)).toEqual([
      'Four Eyes exception log',
      'Review break-glass on acme/infra#42 (ccccccc)',
    ]);
    expect(github.comments.map((c) => [c.issue, c.body.split('\n')[0]!.slice(0, 30)])).toEqual([
      [900, '**BREAK-GLASS** by @dana on [a'],
      [42, '@sec-lead: @dana broke glass o'],
    ]);
    expect(github.issues[1]!.body).toContain(
      '<!-- four-eyes:break-glass pr=42 by=dana at=2026-11-24T11:30:00Z sha=' + s.headSha + ' post=follow-up-issue -->',
    );
  });

  it('the follow-up issue opened but the process died before saving it: found by its marker, the mention made once', async () => {
    const s = scenario({ policy: BREAK_GLASS_POLICY });
    const app = await testApp(s);
    const { github, audit } = app;
    crashOnce(audit.outbox, 'done', (_id, result) => String(result).endsWith('/issues/901'));
    github.fail('POST /repos/acme/infra/issues/42/comments', { status: 500, applied: true });
    await breakGlassThenThreeReevaluations(s, app);
    expect(github.issues.map((i) => i.number)).toEqual([900, 901]);
    expect(github.comments.map((c) => c.issue)).toEqual([900, 42]);
    expect(await audit.outbox.pending('acme/infra', 42)).toEqual([]);
  });
});
