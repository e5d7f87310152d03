import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditServices } from '../../src/audit/services.js';
import { BASE_SHA, HEAD_SHA, review, type Scenario, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent, reviewEvent } from './support/webhooks.js';

/*
 * An approval refused because the approver had a hand in the change is a blocked attempt: the
 * policy's owners are told on the pull request, one comment per reason, kept up to date rather
 * than repeated, and each attempt is recorded once in the audit log.
 */

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const OWNED = 'version: 1\nowners:\n  users: [sec-lead]\n  teams: [security]\n';
const person = (login: string) => ({ login, email: `${login}@acme.example`, name: login });

/** alice's PR, co-authored by carol (and dave), whom carol approves. */
function coAuthored(policy: string, coAuthors = ['carol']): Scenario {
  return scenario({
    policy,
    commits: [{ oid: HEAD_SHA, parents: [BASE_SHA], authors: [person('alice'), ...coAuthors.map(person)] }],
    reviews: [review('carol')],
  });
}

async function blockedRecords(audit: AuditServices) {
  const found = [];
  for await (const record of audit.records.records({ kinds: ['blocked-attempt'] }))
    found.push(JSON.parse(record.body).data);
  return found;
}

const NOTICE_MARKER = '<!-- four-eyes:blocked-attempt pr=42 reason=co-author -->';

describe('a co-author tries to approve', () => {
  it('the owners get one comment saying who and why, and the attempt is recorded', async () => {
    const s = coAuthored(OWNED);
    const { probot, github, audit } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.comments).toEqual([{ issue: 42, body: expect.any(String) }]);
    const body = github.comments[0]!.body;
    expect(body.split('\n')[0]).toBe(
      '@sec-lead @acme/security: an approval of this pull request was refused because the approver co-authored the change.',
    );
    expect(body).toContain(`- @carol (review ${s.reviews[0]!.id}, on ccccccc): carol co-authored ccccccc`);
    expect(body).toContain(NOTICE_MARKER);
    expect(await blockedRecords(audit)).toEqual([
      {
        decisionSeq: 1,
        headSha: HEAD_SHA,
        reviewId: s.reviews[0]!.id,
        login: 'carol',
        reason: 'co-author',
        detail: 'carol co-authored ccccccc',
        notified: true,
      },
    ]);
  });

  it('evaluated again, nothing is posted, edited or recorded again', async () => {
    const s = coAuthored(OWNED);
    const { probot, github, audit } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    github.requests.length = 0;
    await probot.receive(pullRequestEvent('labeled', s));
    await probot.receive(reviewEvent('edited', s, s.reviews[0]!));
    expect(github.apiRequests().filter((r) => r.includes('/issues'))).toEqual([]);
    expect(github.comments).toHaveLength(1);
    expect(await blockedRecords(audit)).toHaveLength(1);
  });

  it('a second co-author tries too: the same comment is edited to list both', async () => {
    const s = coAuthored(OWNED, ['carol', 'dave']);
    const { probot, github, audit } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    const dave = review('dave');
    s.reviews.push(dave);
    github.requests.length = 0;
    await probot.receive(reviewEvent('submitted', s, dave));
    expect(github.apiRequests().filter((r) => r.includes('/issues'))).toEqual([
      'GET /repos/acme/infra/issues/42/comments',
      'PATCH /repos/acme/infra/issues/comments/1',
    ]);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]!.body;
    expect(body.split('\n')[0]).toBe(
      '@sec-lead @acme/security: 2 approvals of this pull request were refused because the approver co-authored the change.',
    );
    expect(body).toContain('- @carol (review');
    expect(body).toContain('- @dave (review');
    expect((await blockedRecords(audit)).map((r) => [r.login, r.decisionSeq])).toEqual([
      ['carol', 1],
      ['dave', 4],
    ]);
  });

  it('GitHub made the comment but its answer was lost (502): the next evaluation finds it, and makes no second', async () => {
    const s = coAuthored(OWNED);
    const { probot, github } = await testApp(s);
    github.fail('POST /repos/acme/infra/issues/42/comments', { status: 502, applied: true });
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    github.requests.length = 0;
    await probot.receive(pullRequestEvent('labeled', s));
    expect(github.apiRequests().filter((r) => r.includes('/issues'))).toEqual([
      'GET /repos/acme/infra/issues/42/comments',
    ]);
    expect(github.comments).toHaveLength(1);
  });

  it.each([
    ['notifications.blocked_attempts: false', `${OWNED}notifications:\n  blocked_attempts: false\n`],
    ['no owners to tell', 'version: 1\n'],
  ])('%s: no comment, but the attempt is recorded', async (_case, policy) => {
    const s = coAuthored(policy);
    const { probot, github, audit } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.comments).toEqual([]);
    expect(github.apiRequests().filter((r) => r.includes('/issues'))).toEqual([]);
    expect(await blockedRecords(audit)).toEqual([
      expect.objectContaining({ login: 'carol', reason: 'co-author', notified: false }),
    ]);
  });

  it('an approval refused for another reason (stale) is no blocked attempt', async () => {
    const s = scenario({ policy: OWNED, reviews: [review('carol', 'APPROVED', { commitOid: 'a'.repeat(40) })] });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('labeled', s));
    expect(github.comments).toEqual([]);
    expect(await blockedRecords(audit)).toEqual([]);
  });
});
