import { describe, expect, it } from 'vitest';
import type { RejectedApproval } from '../../src/policy/approvals.js';
import { blockedAttemptNotices } from '../../src/policy/blockedAttempts.js';
import { commit, facts, HEAD, OLD, policy, push, review, run } from './support.js';

const OWNERS = { users: ['sec-lead'], teams: ['acme/security'] };
const owned = () =>
  policy((p) => {
    p.owners = OWNERS;
  });

const refused = (reviewId: number, login: string, code: RejectedApproval['code']): RejectedApproval => ({
  reviewId,
  login,
  code,
  reason: `${login} (${code})`,
});

describe('which refused approvals are blocked attempts', () => {
  it('those of people who had a hand in the change, grouped by reason in a fixed order, attempts by review id', () => {
    const notices = blockedAttemptNotices([
      refused(9, 'erin', 'pusher'),
      refused(4, 'carol', 'co-author'),
      refused(2, 'dave', 'co-author'),
      refused(5, 'bob-work', 'alias'),
      refused(6, 'deploy-bot', 'deployer'),
      refused(7, 'frank', 'commit-author'),
      refused(8, 'gus', 'committer'),
      refused(1, 'alice-2', 'author'),
    ]);
    expect(notices.map((n) => [n.reason, n.attempts.map((a) => a.login)])).toEqual([
      ['author', ['alice-2']],
      ['commit-author', ['frank']],
      ['committer', ['gus']],
      ['co-author', ['dave', 'carol']],
      ['pusher', ['erin']],
      ['deployer', ['deploy-bot']],
      ['alias', ['bob-work']],
    ]);
    expect(notices[3]!.attempts[0]).toEqual({ reviewId: 2, login: 'dave', detail: 'dave (co-author)' });
  });

  it.each([
    'bot',
    'stale',
    'dismissed',
    'superseded',
    'no-write-permission',
    'not-in-required-team',
    'already-counted',
  ] as const)('not an approval refused as %s', (code) => {
    expect(blockedAttemptNotices([refused(1, 'carol', code)])).toEqual([]);
  });
});

describe('the blocked-attempt notification of a decision', () => {
  it('a co-author approving: one notification to the owners, with who and why', () => {
    const decision = run(
      facts({ commits: [commit(HEAD, 'alice', ['carol'])], reviews: [review('carol', 'APPROVED')] }),
      undefined,
      owned(),
    );
    const reviewId = decision.approvals.rejected[0]!.reviewId;
    expect(decision.notifications).toEqual([
      {
        kind: 'blocked-attempt',
        to: OWNERS,
        message:
          'carol tried to approve acme/infra#7 at beadfee and was refused: the approver co-authored the change (carol co-authored beadfee)',
        blocked: {
          reason: 'co-author',
          attempts: [{ reviewId, login: 'carol', detail: 'carol co-authored beadfee' }],
        },
      },
    ]);
  });

  it('one notification per reason', () => {
    const decision = run(
      facts({
        commits: [commit(OLD, 'alice', ['carol']), commit(HEAD, 'alice', ['dave'])],
        pushers: [push('alice', HEAD, '2026-11-23T09:00:00Z'), push('erin', HEAD, '2026-11-23T09:30:00Z')],
        reviews: [review('carol', 'APPROVED'), review('dave', 'APPROVED'), review('erin', 'APPROVED')],
      }),
      undefined,
      owned(),
    );
    expect(decision.notifications.map((n) => [n.blocked?.reason, n.blocked?.attempts.map((a) => a.login)])).toEqual([
      ['co-author', ['carol', 'dave']],
      ['pusher', ['erin']],
    ]);
    expect(decision.notifications[0]!.message).toBe(
      'carol and dave tried to approve acme/infra#7 at beadfee and were refused: the approver co-authored the change (carol co-authored 0ddba11; dave co-authored beadfee)',
    );
  });

  it.each([
    [
      'notifications.blocked_attempts is false',
      policy((p) => {
        p.owners = OWNERS;
        p.notifications.blockedAttempts = false;
      }),
    ],
    ['the policy names no owners to tell', policy()],
  ])('none when %s (the refusal itself stays in the decision)', (_case, rules) => {
    const decision = run(
      facts({ commits: [commit(HEAD, 'alice', ['carol'])], reviews: [review('carol', 'APPROVED')] }),
      undefined,
      rules,
    );
    expect(decision.notifications).toEqual([]);
    expect(decision.approvals.rejected.map((r) => r.code)).toEqual(['co-author']);
  });

  it('none for an independent approval, or one refused for another reason', () => {
    const decision = run(
      facts({ reviews: [review('carol', 'APPROVED'), review('dave', 'APPROVED', { commitSha: OLD })] }),
      undefined,
      owned(),
    );
    expect(decision.approvals.rejected.map((r) => r.code)).toEqual(['stale']);
    expect(decision.notifications).toEqual([]);
  });
});
