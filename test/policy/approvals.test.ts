import { describe, expect, it } from 'vitest';
import { impactDigest } from '../../src/policy/digest.js';
import type { PrFacts } from '../../src/policy/facts.js';
import { classification, commit, facts, finding, HEAD, OLD, policy, rejections, review, run } from './support.js';

/** Each case: the facts (and policy) of a PR needing one approval, and the verdict on one review. */
type Case = [name: string, prFacts: PrFacts, expected: [code: string, reason: string][], counted: string[]];

const high = classification(finding('high'));
const headDigest = impactDigest(high.findings);
const retain = policy((p) => { p.retainApprovals = 'same-impact'; });

describe('each approval is counted or rejected with a reason', () => {
  const cases: Case[] = [
    ['an independent approval counts', facts({ reviews: [review('carol', 'APPROVED')] }), [], ['carol']],
    ['the author cannot approve', facts({ reviews: [review('alice', 'APPROVED')] }),
      [['author', 'alice is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee']], []],
    ['a commit author of another commit cannot approve', facts({ commits: [commit(OLD, 'bob'), commit(HEAD, 'alice')], reviews: [review('bob', 'APPROVED')] }),
      [['commit-author', 'bob is the commit author of 0ddba11; is the committer of 0ddba11']], []],
    ['a co-author cannot approve', facts({ commits: [commit(HEAD, 'alice', ['bob'])], reviews: [review('bob', 'APPROVED')] }),
      [['co-author', 'bob co-authored beadfee']], []],
    ['a pusher cannot approve, even one who pushed after approving', facts({
      pushers: [{ login: 'alice', sha: OLD, at: '2026-11-23T08:00:00Z', forced: false }, { login: 'carol', sha: HEAD, at: '2026-11-23T11:00:00Z', forced: true }],
      reviews: [review('carol', 'APPROVED', { submittedAt: '2026-11-23T10:00:00Z' })],
    }), [['pusher', 'carol pushed beadfee']], []],
    ['a bot cannot approve (flag)', facts({ reviews: [review('renovate', 'APPROVED', { isBot: true })] }),
      [['bot', 'renovate is a bot; only people can approve']], []],
    ['a bot cannot approve ([bot] login)', facts({ reviews: [review('helper[bot]', 'APPROVED')] }),
      [['bot', 'helper[bot] is a bot; only people can approve']], []],
    ['an approval of an older commit is stale', facts({ reviews: [review('carol', 'APPROVED', { commitSha: OLD })] }),
      [['stale', 'carol approved 0ddba11, but the head is now beadfee; ask for a new approval of the head']], []],
    ['a dismissed approval does not count', facts({ reviews: [review('carol', 'APPROVED', { dismissed: true })] }),
      [['dismissed', "carol's approval was dismissed"]], []],
    ['an approval superseded by a later request for changes', facts({
      reviews: [review('carol', 'APPROVED', { submittedAt: '2026-11-23T10:00:00Z' }), review('carol', 'CHANGES_REQUESTED', { submittedAt: '2026-11-23T11:00:00Z' })],
    }), [['superseded', "carol's approval was superseded by their later review (changes requested, 2026-11-23T11:00:00Z)"]], []],
    ['a comment after an approval does not supersede it', facts({
      reviews: [review('carol', 'APPROVED', { submittedAt: '2026-11-23T10:00:00Z' }), review('carol', 'COMMENTED', { submittedAt: '2026-11-23T11:00:00Z' })],
    }), [], ['carol']],
    ['read permission is not enough', facts({ reviews: [review('carol', 'APPROVED')], reviewers: { carol: { permission: 'read', teams: [] } } }),
      [['no-write-permission', 'carol has read permission; approvals count only from people with write access']], []],
    ['unknown permission is not enough', facts({ reviews: [review('carol', 'APPROVED')], reviewers: { carol: undefined as never } }),
      [['no-write-permission', 'carol has no known permission on the repository; approvals count only from people with write access']], []],
  ];
  it.each(cases)('%s', (_name, prFacts, expected, counted) => {
    const decision = run(prFacts, high);
    expect(rejections(decision)).toEqual(expected);
    expect(decision.approvals.counted.map((c) => c.login)).toEqual(counted);
    // the superseding request for changes blocks on its own (see "changes requested" below)
    const blocked = prFacts.reviews.some((r) => r.state === 'CHANGES_REQUESTED');
    expect(decision.conclusion).toBe(blocked ? 'failure' : counted.length >= 1 ? 'success' : 'action_required');
  });

  it('the author approving through an alias is rejected as an alias', () => {
    const aliased = policy((p) => { p.identities = [{ name: 'Alice', logins: ['alice', 'alice-admin'], emails: [] }]; });
    const decision = run(facts({ reviews: [review('alice-admin', 'APPROVED')] }), high, aliased);
    expect(rejections(decision)).toEqual([['alias', 'alice-admin is an alias of alice, who is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee']]);
  });

  it('a deployer cannot approve, nor their alias', () => {
    const deployers = policy((p) => {
      p.deployers = ['tf-bot'];
      p.identities = [{ name: null, logins: ['tf-bot', 'tf-operator'], emails: [] }];
    });
    const decision = run(facts({ reviews: [review('tf-bot', 'APPROVED'), review('tf-operator', 'APPROVED')] }), high, deployers);
    expect(rejections(decision)).toEqual([
      ['deployer', 'tf-bot is a configured deployer'],
      ['alias', 'tf-operator is an alias of tf-bot, who is a configured deployer'],
    ]);
  });

  it('a force-push by a third person excludes them and makes earlier approvals stale', () => {
    const decision = run(facts({
      pushers: [{ login: 'alice', sha: OLD, at: '2026-11-23T08:00:00Z', forced: false }, { login: 'mallory', sha: HEAD, at: '2026-11-23T11:00:00Z', forced: true }],
      reviews: [review('carol', 'APPROVED', { commitSha: OLD }), review('mallory', 'APPROVED')],
    }), high);
    expect(rejections(decision).map(([code]) => code)).toEqual(['stale', 'pusher']);
    expect(decision.conclusion).toBe('action_required');
  });
});

describe('retain_approvals: same-impact', () => {
  const twoCommits = (coAuthor: string[] = []) => [commit(OLD, 'alice'), commit(HEAD, 'alice', coAuthor)];
  it.each([
    ['same digest, no newcomer: the approval is retained', { [OLD]: headDigest }, [], []],
    ['the impact changed since', { [OLD]: 'sha256:' + '0'.repeat(64) }, [], [['stale', 'carol approved 0ddba11, but the head is now beadfee, and the impact changed since']]],
    ['the earlier impact is unknown', {}, [], [['stale', 'carol approved 0ddba11, but the head is now beadfee, and the impact of 0ddba11 is not known']]],
    ['a new co-author appeared since', { [OLD]: headDigest }, ['dan'], [['stale', 'carol approved 0ddba11, but the head is now beadfee, and dan contributed since']]],
  ] as const)('%s', (_name, digests, coAuthor, expected) => {
    const decision = run(facts({ commits: twoCommits([...coAuthor]), impactDigests: { ...digests }, reviews: [review('carol', 'APPROVED', { commitSha: OLD })] }), high, retain);
    expect(rejections(decision)).toEqual(expected);
    expect(decision.conclusion).toBe(expected.length === 0 ? 'success' : 'action_required');
  });
});

describe('changes requested', () => {
  it('blocks until the reviewer approves or the review is dismissed, even if someone else approves', () => {
    const blocked = run(facts({ reviews: [review('carol', 'CHANGES_REQUESTED'), review('dave', 'APPROVED')] }), high);
    expect(blocked.conclusion).toBe('failure');
    expect(blocked.blocking).toEqual([{ code: 'changes-requested', reason: 'carol requested changes (on beadfee); it blocks until they approve or the review is dismissed' }]);
    const approvedLater = run(facts({ reviews: [review('carol', 'CHANGES_REQUESTED', { submittedAt: '2026-11-23T09:00:00Z' }), review('carol', 'APPROVED')] }), high);
    expect(approvedLater.conclusion).toBe('success');
    const dismissed = run(facts({ reviews: [review('carol', 'CHANGES_REQUESTED', { dismissed: true }), review('dave', 'APPROVED')] }), high);
    expect(dismissed.conclusion).toBe('success');
  });

  it('a change request by someone who could not approve anyway does not block', () => {
    const decision = run(facts({ reviews: [review('alice', 'CHANGES_REQUESTED'), review('dave', 'APPROVED')] }), high);
    expect(decision.conclusion).toBe('success');
  });
});

it('HEAD is the head SHA used throughout', () => {
  expect(facts().headSha).toBe(HEAD);
});
