import { describe, expect, it } from 'vitest';
import type { PrFacts } from '../../src/policy/facts.js';
import {
  classification,
  commit,
  committedBy,
  excludedPeople,
  facts,
  finding,
  HEAD,
  OLD,
  policy,
  push,
  review,
  run,
} from './support.js';

const high = classification(finding('high'));
const unlinked = (role: string, sha: string, who: string) => ({
  code: 'unattributed-commit',
  reason: `the ${role} of ${sha}, ${who}, is not linked to a GitHub account; link the e-mail to the account, or map it under identities in the policy`,
});

describe('everyone excluded from approving, and why', () => {
  const cases: [name: string, prFacts: PrFacts, rules: ReturnType<typeof policy>, excluded: [string, string][]][] = [
    [
      'the author who wrote and pushed the only commit',
      facts(),
      policy(),
      [['alice', 'is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee']],
    ],
    [
      'a co-author, a committer and a pusher besides the author',
      facts({
        commits: [
          commit(OLD, 'alice', ['bob']),
          committedBy(commit(HEAD, 'alice'), { login: 'carol', email: 'carol@acme.example' }),
        ],
        pushers: [push('alice', OLD, '2026-11-23T08:00:00Z'), push('dave', HEAD, '2026-11-23T09:00:00Z', true)],
      }),
      policy(),
      [
        [
          'alice',
          'is the PR author; is the commit author of 0ddba11 and beadfee; is the committer of 0ddba11; pushed 0ddba11',
        ],
        ['bob', 'co-authored 0ddba11'],
        ['carol', 'is the committer of beadfee'],
        ['dave', 'pushed beadfee'],
      ],
    ],
    [
      'configured deployers',
      facts(),
      policy((p) => {
        p.deployers = ['tf-bot', 'atlantis[bot]'];
      }),
      [
        ['alice', 'is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee'],
        ['atlantis[bot]', 'is a configured deployer'],
        ['tf-bot', 'is a configured deployer'],
      ],
    ],
    [
      'an identity the policy maps by e-mail',
      facts({ commits: [commit(HEAD, 'alice', [null])] }),
      policy((p) => {
        p.identities = [{ name: 'Gus', logins: ['gus'], emails: ['ghost@acme.example'] }];
      }),
      [
        ['alice', 'is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee'],
        ['gus', 'co-authored beadfee'],
      ],
    ],
    [
      'the author of a merge of the base branch (conservatively: every commit author)',
      facts({
        commits: [commit(OLD, 'alice'), { ...commit(HEAD, 'erin'), isMergeOfBase: true }],
      }),
      policy(),
      [
        ['alice', 'is the PR author; is the commit author of 0ddba11; is the committer of 0ddba11; pushed beadfee'],
        ['erin', 'is the commit author of beadfee; is the committer of beadfee'],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, prFacts, rules, excluded) => {
    expect(excludedPeople(run(prFacts, high, rules))).toEqual(excluded);
  });

  it('next steps name the excluded people in alphabetical order, whatever the order of the facts', () => {
    const pushes = [push('zed', HEAD, '2026-11-23T09:00:00Z'), push('mia', HEAD, '2026-11-23T09:30:00Z')];
    for (const pushers of [pushes, [...pushes].reverse()]) {
      expect(run(facts({ pushers }), high).nextSteps).toEqual([
        'Get 1 more approval for "independent approval" from anyone independent with write access who did not author, commit, co-author or push to this PR (excluded: alice, mia and zed), on the head commit.',
      ]);
    }
  });

  it('next steps name the excluded people', () => {
    const decision = run(
      facts({ commits: [commit(HEAD, 'alice', ['bob'])] }),
      high,
      policy((p) => {
        p.deployers = ['tf-bot'];
      }),
    );
    expect(decision.nextSteps).toEqual([
      'Get 1 more approval for "independent approval" from anyone independent with write access who did not author, commit, co-author or push to this PR (excluded: alice, bob and tf-bot), on the head commit.',
    ]);
  });
});

describe('commit identities GitHub cannot link to an account', () => {
  const approved = { reviews: [review('carol', 'APPROVED')] };
  const webFlow = { login: null, email: 'noreply@github.com', name: 'GitHub' };
  const cases: [
    name: string,
    prFacts: PrFacts,
    rules: ReturnType<typeof policy>,
    blocking: ReturnType<typeof unlinked>[],
  ][] = [
    [
      'an unlinked commit author (who is then also the committer)',
      facts({ ...approved, commits: [commit(HEAD, null)] }),
      policy(),
      [
        unlinked('author', 'beadfee', 'Someone <someone@acme.example>'),
        unlinked('committer', 'beadfee', 'Someone <someone@acme.example>'),
      ],
    ],
    [
      'an unlinked co-author',
      facts({ ...approved, commits: [commit(HEAD, 'alice', [null])] }),
      policy(),
      [unlinked('co-author', 'beadfee', 'Ghost <ghost@acme.example>')],
    ],
    [
      'an unlinked committer',
      facts({
        ...approved,
        commits: [committedBy(commit(HEAD, 'alice'), { login: null, email: 'ci@acme.example', name: 'CI' })],
      }),
      policy(),
      [unlinked('committer', 'beadfee', 'CI <ci@acme.example>')],
    ],
    [
      'an identity with neither name nor e-mail',
      facts({ ...approved, commits: [committedBy(commit(HEAD, 'alice'), { login: null, email: null })] }),
      policy(),
      [unlinked('committer', 'beadfee', 'an unknown identity')],
    ],
    [
      'mapped by the policy (e-mails compare case-insensitively)',
      facts({ ...approved, commits: [commit(HEAD, null, [], 'Alice@Acme.Example')] }),
      policy((p) => {
        p.identities = [{ name: 'Alice', logins: ['alice'], emails: ['alice@acme.example'] }];
      }),
      [],
    ],
    [
      "committed by GitHub's web flow",
      facts({ ...approved, commits: [committedBy(commit(HEAD, 'alice'), webFlow)] }),
      policy(),
      [],
    ],
  ];
  it.each(cases)('%s', (_name, prFacts, rules, blocking) => {
    const decision = run(prFacts, high, rules);
    expect(decision.blocking).toEqual(blocking);
    expect(decision.conclusion).toBe(blocking.length ? 'failure' : 'success');
  });

  it('blocks even when the approvals are there, and says what to do in the title and next steps', () => {
    const decision = run(facts({ ...approved, commits: [commit(HEAD, 'alice', [null])] }), high);
    expect(decision.title).toBe(
      'Blocked: the co-author of beadfee, Ghost <ghost@acme.example>, is not linked to a GitHub account',
    );
    expect(decision.nextSteps).toEqual([
      'The co-author of beadfee, Ghost <ghost@acme.example>, is not linked to a GitHub account; link the e-mail to the account, or map it under identities in the policy.',
    ]);
  });

  it('a mapped identity is excluded like a linked one', () => {
    const rules = policy((p) => {
      p.identities = [{ name: 'Gus', logins: ['gus', 'gus-admin'], emails: ['ghost@acme.example'] }];
    });
    const decision = run(
      facts({ commits: [commit(HEAD, 'alice', [null])], reviews: [review('gus-admin', 'APPROVED')] }),
      high,
      rules,
    );
    expect(decision.approvals.rejected.map((r) => [r.code, r.reason])).toEqual([
      ['alias', 'gus-admin is an alias of gus, who co-authored beadfee'],
    ]);
    expect(decision.conclusion).toBe('action_required');
  });
});
