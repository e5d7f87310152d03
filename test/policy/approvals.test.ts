import { describe, expect, it } from 'vitest';
import { impactDigest } from '../../src/policy/digest.js';
import type { PrFacts } from '../../src/policy/facts.js';
import {
  classification,
  commit,
  committedBy,
  facts,
  finding,
  HEAD,
  OLD,
  policy,
  push,
  rejections,
  review,
  run,
} from './support.js';

/** Each case: the facts (and policy) of a PR needing one approval, and the verdict on one review. */
type Case = [name: string, prFacts: PrFacts, expected: [code: string, reason: string][], counted: string[]];

const high = classification(finding('high'));
const headDigest = impactDigest(high.findings);
const retain = policy((p) => {
  p.retainApprovals = 'same-impact';
});

describe('each approval is counted or rejected with a reason', () => {
  const cases: Case[] = [
    ['an independent approval counts', facts({ reviews: [review('carol', 'APPROVED')] }), [], ['carol']],
    [
      'the author cannot approve',
      facts({ reviews: [review('alice', 'APPROVED')] }),
      [
        [
          'author',
          'alice is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee',
        ],
      ],
      [],
    ],
    [
      'a commit author of another commit cannot approve',
      facts({ commits: [commit(OLD, 'bob'), commit(HEAD, 'alice')], reviews: [review('bob', 'APPROVED')] }),
      [['commit-author', 'bob is the commit author of 0ddba11; is the committer of 0ddba11']],
      [],
    ],
    [
      'a co-author cannot approve',
      facts({ commits: [commit(HEAD, 'alice', ['bob'])], reviews: [review('bob', 'APPROVED')] }),
      [['co-author', 'bob co-authored beadfee']],
      [],
    ],
    [
      'a pusher cannot approve, even one who pushed after approving',
      facts({
        pushers: [
          { login: 'alice', sha: OLD, at: '2026-11-23T08:00:00Z', forced: false },
          { login: 'carol', sha: HEAD, at: '2026-11-23T11:00:00Z', forced: true },
        ],
        reviews: [review('carol', 'APPROVED', { submittedAt: '2026-11-23T10:00:00Z' })],
      }),
      [['pusher', 'carol pushed beadfee']],
      [],
    ],
    [
      'a bot cannot approve (flag)',
      facts({ reviews: [review('renovate', 'APPROVED', { isBot: true })] }),
      [['bot', 'renovate is a bot; only people can approve']],
      [],
    ],
    [
      'a bot cannot approve ([bot] login)',
      facts({ reviews: [review('helper[bot]', 'APPROVED')] }),
      [['bot', 'helper[bot] is a bot; only people can approve']],
      [],
    ],
    [
      'an approval of an older commit is stale',
      facts({ reviews: [review('carol', 'APPROVED', { commitSha: OLD })] }),
      [['stale', 'carol approved 0ddba11, but the head is now beadfee; ask for a new approval of the head']],
      [],
    ],
    [
      'a dismissed approval does not count',
      facts({ reviews: [review('carol', 'APPROVED', { dismissed: true })] }),
      [['dismissed', "carol's approval was dismissed"]],
      [],
    ],
    [
      'an approval superseded by a later request for changes',
      facts({
        reviews: [
          review('carol', 'APPROVED', { submittedAt: '2026-11-23T10:00:00Z' }),
          review('carol', 'CHANGES_REQUESTED', { submittedAt: '2026-11-23T11:00:00Z' }),
        ],
      }),
      [
        [
          'superseded',
          "carol's approval was superseded by their later review (changes requested, 2026-11-23T11:00:00Z)",
        ],
      ],
      [],
    ],
    [
      'a comment after an approval does not supersede it',
      facts({
        reviews: [
          review('carol', 'APPROVED', { submittedAt: '2026-11-23T10:00:00Z' }),
          review('carol', 'COMMENTED', { submittedAt: '2026-11-23T11:00:00Z' }),
        ],
      }),
      [],
      ['carol'],
    ],
    [
      'read permission is not enough',
      facts({ reviews: [review('carol', 'APPROVED')], reviewers: { carol: { permission: 'read', teams: [] } } }),
      [['no-write-permission', 'carol has read permission; approvals count only from people with write access']],
      [],
    ],
    [
      'unknown permission is not enough',
      facts({ reviews: [review('carol', 'APPROVED')], reviewers: { carol: undefined as never } }),
      [
        [
          'no-write-permission',
          'carol has no known permission on the repository; approvals count only from people with write access',
        ],
      ],
      [],
    ],
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
    const aliased = policy((p) => {
      p.identities = [{ name: 'Alice', logins: ['alice', 'alice-admin'], emails: [] }];
    });
    const decision = run(facts({ reviews: [review('alice-admin', 'APPROVED')] }), high, aliased);
    expect(rejections(decision)).toEqual([
      [
        'alias',
        'alice-admin is an alias of alice, who is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee',
      ],
    ]);
  });

  it('a deployer cannot approve, nor their alias', () => {
    const deployers = policy((p) => {
      p.deployers = ['tf-bot'];
      p.identities = [{ name: null, logins: ['tf-bot', 'tf-operator'], emails: [] }];
    });
    const decision = run(
      facts({ reviews: [review('tf-bot', 'APPROVED'), review('tf-operator', 'APPROVED')] }),
      high,
      deployers,
    );
    expect(rejections(decision)).toEqual([
      ['deployer', 'tf-bot is a configured deployer'],
      ['alias', 'tf-operator is an alias of tf-bot, who is a configured deployer'],
    ]);
  });

  it('a force-push by a third person excludes them and makes earlier approvals stale', () => {
    const decision = run(
      facts({
        pushers: [
          { login: 'alice', sha: OLD, at: '2026-11-23T08:00:00Z', forced: false },
          { login: 'mallory', sha: HEAD, at: '2026-11-23T11:00:00Z', forced: true },
        ],
        reviews: [review('carol', 'APPROVED', { commitSha: OLD }), review('mallory', 'APPROVED')],
      }),
      high,
    );
    expect(rejections(decision).map(([code]) => code)).toEqual(['stale', 'pusher']);
    expect(decision.conclusion).toBe('action_required');
  });
});

describe('retain_approvals: same-impact', () => {
  const twoCommits = (coAuthor: string[] = []) => [commit(OLD, 'alice'), commit(HEAD, 'alice', coAuthor)];
  it.each([
    ['same digest, no newcomer: the approval is retained', { [OLD]: headDigest }, [], []],
    [
      'the impact changed since',
      { [OLD]: 'sha256:' + '0'.repeat(64) },
      [],
      [['stale', 'carol approved 0ddba11, but the head is now beadfee, and the impact changed since']],
    ],
    [
      'the earlier impact is unknown',
      {},
      [],
      [['stale', 'carol approved 0ddba11, but the head is now beadfee, and the impact of 0ddba11 is not known']],
    ],
    [
      'a new co-author appeared since',
      { [OLD]: headDigest },
      ['dan'],
      [['stale', 'carol approved 0ddba11, but the head is now beadfee, and dan contributed since']],
    ],
  ] as const)('%s', (_name, digests, coAuthor, expected) => {
    const decision = run(
      facts({
        commits: twoCommits([...coAuthor]),
        impactDigests: { ...digests },
        reviews: [review('carol', 'APPROVED', { commitSha: OLD })],
      }),
      high,
      retain,
    );
    expect(rejections(decision)).toEqual(expected);
    expect(decision.conclusion).toBe(expected.length === 0 ? 'success' : 'action_required');
  });
});

describe('changes requested', () => {
  it('blocks until the reviewer approves or the review is dismissed, even if someone else approves', () => {
    const blocked = run(facts({ reviews: [review('carol', 'CHANGES_REQUESTED'), review('dave', 'APPROVED')] }), high);
    expect(blocked.conclusion).toBe('failure');
    expect(blocked.blocking).toEqual([
      {
        code: 'changes-requested',
        reason: 'carol requested changes (on beadfee); it blocks until they approve or the review is dismissed',
      },
    ]);
    const approvedLater = run(
      facts({
        reviews: [
          review('carol', 'CHANGES_REQUESTED', { submittedAt: '2026-11-23T09:00:00Z' }),
          review('carol', 'APPROVED'),
        ],
      }),
      high,
    );
    expect(approvedLater.conclusion).toBe('success');
    const dismissed = run(
      facts({ reviews: [review('carol', 'CHANGES_REQUESTED', { dismissed: true }), review('dave', 'APPROVED')] }),
      high,
    );
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

describe('more reasons an approval does not count', () => {
  const aliases = (...logins: string[]) =>
    policy((p) => {
      p.identities = [{ name: null, logins, emails: [] }];
    });
  const cases: [
    name: string,
    prFacts: PrFacts,
    rules: ReturnType<typeof policy>,
    expected: [string, string][],
    counted: string[],
  ][] = [
    [
      'the committer of a commit someone else wrote (a rebase)',
      facts({
        commits: [committedBy(commit(HEAD, 'alice'), { login: 'bob', email: 'bob@acme.example' })],
        reviews: [review('bob', 'APPROVED')],
      }),
      policy(),
      [['committer', 'bob is the committer of beadfee']],
      [],
    ],
    [
      'a commit author of several commits is named with all of them',
      facts({ commits: [commit(OLD, 'bob'), commit(HEAD, 'bob')], reviews: [review('bob', 'APPROVED')] }),
      policy(),
      [['commit-author', 'bob is the commit author of 0ddba11 and beadfee; is the committer of 0ddba11 and beadfee']],
      [],
    ],
    [
      'the author, whatever the case of the login',
      facts({ reviews: [review('Alice', 'APPROVED')] }),
      policy(),
      [
        [
          'author',
          'Alice is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee',
        ],
      ],
      [],
    ],
    [
      'a co-author approving through an alias',
      facts({ commits: [commit(HEAD, 'alice', ['bob'])], reviews: [review('bob-work', 'APPROVED')] }),
      aliases('bob', 'bob-work'),
      [['alias', 'bob-work is an alias of bob, who co-authored beadfee']],
      [],
    ],
    [
      'a pusher approving through an alias',
      facts({ pushers: [push('mallory', HEAD, '2026-11-23T09:00:00Z')], reviews: [review('mal2', 'APPROVED')] }),
      aliases('mallory', 'mal2'),
      [['alias', 'mal2 is an alias of mallory, who pushed beadfee']],
      [],
    ],
    [
      'an alias listed first in the policy approving for the second',
      facts({ reviews: [review('alice-admin', 'APPROVED')] }),
      aliases('alice-admin', 'alice'),
      [
        [
          'alias',
          'alice-admin is an alias of alice, who is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee',
        ],
      ],
      [],
    ],
    [
      'a co-author the policy maps by e-mail',
      facts({ commits: [commit(HEAD, 'alice', [null])], reviews: [review('gus', 'APPROVED')] }),
      policy((p) => {
        p.identities = [{ name: 'Gus', logins: ['gus'], emails: ['GHOST@acme.example'] }];
      }),
      [['co-author', 'gus co-authored beadfee']],
      [],
    ],
    [
      'an approver who pushed (not forced) after approving',
      facts({
        pushers: [push('alice', OLD, '2026-11-23T08:00:00Z'), push('carol', HEAD, '2026-11-23T10:30:00Z')],
        reviews: [review('carol', 'APPROVED', { submittedAt: '2026-11-23T10:00:00Z' })],
      }),
      policy(),
      [['pusher', 'carol pushed beadfee']],
      [],
    ],
    [
      'a deployer that is a GitHub App is rejected as a bot',
      facts({ reviews: [review('atlantis[bot]', 'APPROVED')] }),
      policy((p) => {
        p.deployers = ['atlantis[bot]'];
      }),
      [['bot', 'atlantis[bot] is a bot; only people can approve']],
      [],
    ],
    [
      'triage permission is not enough',
      facts({ reviews: [review('carol', 'APPROVED')], reviewers: { carol: { permission: 'triage', teams: [] } } }),
      policy(),
      [['no-write-permission', 'carol has triage permission; approvals count only from people with write access']],
      [],
    ],
    [
      'no permission at all',
      facts({ reviews: [review('carol', 'APPROVED')], reviewers: { carol: { permission: 'none', teams: [] } } }),
      policy(),
      [['no-write-permission', 'carol has none permission; approvals count only from people with write access']],
      [],
    ],
    [
      'an approval whose review state is DISMISSED',
      facts({ reviews: [review('carol', 'DISMISSED')] }),
      policy(),
      [['dismissed', "carol's approval was dismissed"]],
      [],
    ],
    [
      'an approval superseded by a later approval of the head counts once',
      facts({
        reviews: [
          review('carol', 'APPROVED', { commitSha: OLD, submittedAt: '2026-11-23T09:00:00Z' }),
          review('carol', 'APPROVED', { submittedAt: '2026-11-23T10:00:00Z' }),
        ],
      }),
      policy(),
      [['superseded', "carol's approval was superseded by their later review (approved, 2026-11-23T10:00:00Z)"]],
      ['carol'],
    ],
    [
      'an approval superseded by a dismissed request for changes',
      facts({
        reviews: [
          review('carol', 'APPROVED', { submittedAt: '2026-11-23T09:00:00Z' }),
          review('carol', 'CHANGES_REQUESTED', { submittedAt: '2026-11-23T10:00:00Z', dismissed: true }),
        ],
      }),
      policy(),
      [
        [
          'superseded',
          "carol's approval was superseded by their later review (changes requested, 2026-11-23T10:00:00Z)",
        ],
      ],
      [],
    ],
    ['a pending review is no verdict', facts({ reviews: [review('carol', 'PENDING')] }), policy(), [], []],
    [
      'admin and maintain permissions count, whatever the case of the login',
      facts({
        reviews: [review('Carol', 'APPROVED'), review('dave', 'APPROVED')],
        reviewers: { carol: { permission: 'admin', teams: [] }, dave: { permission: 'maintain', teams: [] } },
      }),
      policy((p) => {
        p.tiers.high = [{ name: 'two', approvals: 2, from: null }];
      }),
      [],
      ['Carol', 'dave'],
    ],
  ];
  it.each(cases)('%s', (_name, prFacts, rules, expected, counted) => {
    const decision = run(prFacts, high, rules);
    expect(rejections(decision)).toEqual(expected);
    expect(decision.approvals.counted.map((c) => c.login)).toEqual(counted);
    expect(decision.conclusion).toBe(counted.length > 0 ? 'success' : 'action_required');
  });

  it('a force-push by a third person: they cannot approve, and approvals of the old SHA are stale', () => {
    const decision = run(
      facts({
        pushers: [push('alice', OLD, '2026-11-23T08:00:00Z'), push('mallory', HEAD, '2026-11-23T11:00:00Z', true)],
        reviews: [
          review('carol', 'APPROVED', { commitSha: OLD, submittedAt: '2026-11-23T09:00:00Z' }),
          review('mallory', 'APPROVED'),
        ],
      }),
      high,
    );
    expect(rejections(decision)).toEqual([
      ['stale', 'carol approved 0ddba11, but the head is now beadfee; ask for a new approval of the head'],
      ['pusher', 'mallory pushed beadfee'],
    ]);
    expect(decision.excluded.map((e) => e.login)).toEqual(['alice', 'mallory']);
  });
});

describe('retain_approvals: same-impact, more cases', () => {
  const reviewedOld = review('carol', 'APPROVED', { commitSha: OLD, submittedAt: '2026-11-23T10:00:00Z' });
  const base = {
    commits: [commit(OLD, 'alice'), commit(HEAD, 'alice')],
    impactDigests: { [OLD]: headDigest },
    reviews: [reviewedOld],
  };

  it('a push since by someone who had not contributed makes the approval stale', () => {
    const decision = run(
      facts({
        ...base,
        pushers: [push('alice', OLD, '2026-11-23T08:00:00Z'), push('mallory', HEAD, '2026-11-23T11:00:00Z', true)],
      }),
      high,
      retain,
    );
    expect(rejections(decision)).toEqual([
      ['stale', 'carol approved 0ddba11, but the head is now beadfee, and mallory contributed since'],
    ]);
  });

  it('every newcomer since is named, whatever the order of the pushes', () => {
    const pushes = [
      push('alice', OLD, '2026-11-23T08:00:00Z'),
      push('zed', HEAD, '2026-11-23T11:00:00Z'),
      push('mallory', HEAD, '2026-11-23T11:00:00Z'),
    ];
    for (const pushers of [pushes, [...pushes].reverse()]) {
      const decision = run(facts({ ...base, pushers }), high, retain);
      expect(rejections(decision)).toEqual([
        ['stale', 'carol approved 0ddba11, but the head is now beadfee, and mallory and zed contributed since'],
      ]);
    }
  });

  it('a push since by the author, who had contributed before, keeps it', () => {
    const decision = run(
      facts({
        ...base,
        pushers: [push('alice', OLD, '2026-11-23T08:00:00Z'), push('alice', HEAD, '2026-11-23T11:00:00Z')],
      }),
      high,
      retain,
    );
    expect(rejections(decision)).toEqual([]);
    expect(decision.approvals.counted).toEqual([
      { reviewId: reviewedOld.id, login: 'carol', requirement: 'independent approval', retainedFrom: OLD },
    ]);
    expect(decision.conclusion).toBe('success');
  });

  it('a new commit author since makes it stale', () => {
    const decision = run(facts({ ...base, commits: [commit(OLD, 'alice'), commit(HEAD, 'bob')] }), high, retain);
    expect(rejections(decision)).toEqual([
      ['stale', 'carol approved 0ddba11, but the head is now beadfee, and bob contributed since'],
    ]);
  });

  it('without retain_approvals the same impact does not help', () => {
    const decision = run(facts(base), high);
    expect(rejections(decision)).toEqual([
      ['stale', 'carol approved 0ddba11, but the head is now beadfee; ask for a new approval of the head'],
    ]);
  });

  it('a reviewed commit that is no longer part of the PR (history rewritten) says so plainly', () => {
    const decision = run(facts({ ...base, commits: [commit(HEAD, 'alice')] }), high, retain);
    expect(rejections(decision)).toEqual([
      ['stale', 'carol approved 0ddba11, but the head is now beadfee, and 0ddba11 is no longer part of the PR'],
    ]);
  });

  it("GitHub's web flow committing a base-branch merge since is no new contributor", () => {
    // the author pressed "Update branch": GitHub commits the merge; the impact is unchanged
    const merge = committedBy(
      { ...commit(HEAD, 'alice'), parents: [OLD, 'ba5e000000000000000000000000000000000001'], isMergeOfBase: true },
      { login: null, email: 'noreply@github.com', name: 'GitHub' },
    );
    const decision = run(facts({ ...base, commits: [commit(OLD, 'alice'), merge] }), high, retain);
    expect(rejections(decision)).toEqual([]);
    expect(decision.conclusion).toBe('success');
  });
});

describe('changes requested, more cases', () => {
  const blockedBy = (login: string, sha = HEAD) => ({
    code: 'changes-requested',
    reason: `${login} requested changes (on ${sha.slice(0, 7)}); it blocks until they approve or the review is dismissed`,
  });
  it.each([
    [
      'a later comment does not lift it',
      [
        review('carol', 'CHANGES_REQUESTED', { submittedAt: '2026-11-23T09:00:00Z' }),
        review('carol', 'COMMENTED'),
        review('dave', 'APPROVED'),
      ],
      [blockedBy('carol')],
    ],
    [
      'a request on an older commit still blocks',
      [review('carol', 'CHANGES_REQUESTED', { commitSha: OLD }), review('dave', 'APPROVED')],
      [blockedBy('carol', OLD)],
    ],
    ['a request by a bot does not block', [review('lint[bot]', 'CHANGES_REQUESTED'), review('dave', 'APPROVED')], []],
    [
      'a request by someone without write permission does not block',
      [review('eve', 'CHANGES_REQUESTED'), review('dave', 'APPROVED')],
      [],
    ],
    ['a request by a pusher does not block', [review('alice', 'CHANGES_REQUESTED'), review('dave', 'APPROVED')], []],
    ['a request in a DISMISSED state does not block', [review('carol', 'DISMISSED'), review('dave', 'APPROVED')], []],
  ] as const)('%s', (_name, reviews, blocking) => {
    const decision = run(facts({ reviews: [...reviews], reviewers: { eve: { permission: 'read', teams: [] } } }), high);
    expect(decision.blocking).toEqual(blocking);
    expect(decision.conclusion).toBe(blocking.length ? 'failure' : 'success');
  });

  it('two requests block with both named; the title shows the first and how many more', () => {
    const decision = run(
      facts({
        reviews: [
          review('carol', 'CHANGES_REQUESTED'),
          review('dave', 'CHANGES_REQUESTED'),
          review('erin', 'APPROVED'),
        ],
      }),
      high,
    );
    expect(decision.blocking).toEqual([blockedBy('carol'), blockedBy('dave')]);
    expect(decision.title).toBe('Blocked: carol requested changes (on beadfee) (+1 more)');
    expect(decision.nextSteps).toEqual([
      'Carol requested changes (on beadfee); it blocks until they approve or the review is dismissed.',
      'Dave requested changes (on beadfee); it blocks until they approve or the review is dismissed.',
    ]);
  });
});

describe('the facts’ order never decides', () => {
  it('of two reviews at the same instant (written with different offsets), the later id is the latest, in either order', () => {
    const approve = review('carol', 'APPROVED', { submittedAt: '2026-11-23T10:00:00Z' });
    const requestChanges = review('carol', 'CHANGES_REQUESTED', { submittedAt: '2026-11-23T11:00:00+01:00' });
    for (const reviews of [
      [approve, requestChanges],
      [requestChanges, approve],
    ]) {
      const decision = run(facts({ reviews }), high);
      expect(decision.conclusion).toBe('failure');
      expect(rejections(decision)).toEqual([
        [
          'superseded',
          "carol's approval was superseded by their later review (changes requested, 2026-11-23T11:00:00+01:00)",
        ],
      ]);
    }
  });

  it('requests for changes block in the order they were made (by review id), whatever the facts’ order', () => {
    const first = review('dave', 'CHANGES_REQUESTED');
    const second = review('carol', 'CHANGES_REQUESTED');
    for (const reviews of [
      [first, second],
      [second, first],
    ]) {
      const decision = run(facts({ reviews }), high);
      expect(decision.blocking.map((b) => b.reason.split(' ')[0])).toEqual(['dave', 'carol']);
      expect(decision.title).toBe('Blocked: dave requested changes (on beadfee) (+1 more)');
    }
  });

  it('an account that itself pushed is rejected for its own push, even when its other account pushed first', () => {
    const rules = policy((p) => {
      p.identities = [{ name: 'Carol', logins: ['carol', 'carol-alt'], emails: [] }];
    });
    const pushes = [push('carol-alt', OLD, '2026-11-23T08:00:00Z'), push('carol', HEAD, '2026-11-23T09:00:00Z')];
    for (const pushers of [pushes, [...pushes].reverse()]) {
      const decision = run(facts({ pushers, reviews: [review('carol', 'APPROVED')] }), high, rules);
      expect(rejections(decision)).toEqual([['pusher', 'carol pushed beadfee']]);
    }
  });

  it('an alias is described by the roles of the account it stands for, most severe first', () => {
    const rules = policy((p) => {
      p.identities = [{ name: 'Alice', logins: ['alice', 'alice-admin', 'alice-ci'], emails: [] }];
    });
    const decision = run(
      facts({
        pushers: [push('alice-ci', HEAD, '2026-11-23T09:00:00Z')],
        reviews: [review('alice-admin', 'APPROVED')],
      }),
      high,
      rules,
    );
    expect(rejections(decision)).toEqual([
      [
        'alias',
        'alice-admin is an alias of alice, who is the PR author; is the commit author of beadfee; is the committer of beadfee',
      ],
    ]);
  });
});
