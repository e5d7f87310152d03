import { describe, expect, it } from 'vitest';
import type { Requirement } from '../../src/model/policy.js';
import type { ValidApproval } from '../../src/policy/approvals.js';
import type { PrFacts } from '../../src/policy/facts.js';
import { allocate, describePrincipals, qualifies } from '../../src/policy/requirements.js';
import { classification, facts, finding, HEAD, policy, rejections, review, run } from './support.js';

const critical = classification(finding('critical'));
const security: Requirement = { name: 'security review', approvals: 1, from: { users: [], teams: ['acme/security'] } };
const peer: Requirement = { name: 'peer review', approvals: 1, from: null };

function approval(reviewId: number, login: string): ValidApproval {
  return { reviewId, login, commitSha: HEAD, submittedAt: `2026-11-23T10:0${reviewId}:00Z`, retainedFrom: null };
}

/** Facts where sam is in acme/security and everyone else in no team. */
const teamFacts: PrFacts = facts({
  reviewers: {
    sam: { permission: 'write', teams: ['acme/security'] },
    carol: { permission: 'write', teams: [] },
    dave: { permission: 'write', teams: [] },
  },
});

describe('who qualifies for a requirement', () => {
  it.each([
    ['anyone, when the requirement names nobody', 'carol', null, true],
    ['a named user, whatever the case', 'Carol', { users: ['carol'], teams: [] }, true],
    ['a member of a named team', 'sam', { users: [], teams: ['acme/security'] }, true],
    ['a member of a team named without its organisation', 'sam', { users: [], teams: ['security'] }, true],
    ['a member of a team named in another case', 'sam', { users: [], teams: ['ACME/Security'] }, true],
    ['not a non-member', 'carol', { users: [], teams: ['acme/security'] }, false],
    ['not someone whose teams are unknown', 'zoe', { users: [], teams: ['acme/security'] }, false],
    ['not a team whose name only ends the same way', 'sam', { users: [], teams: ['acme/it-security'] }, false],
  ] as const)('%s', (_name, login, from, expected) => {
    expect(qualifies(login, from === null ? null : { users: [...from.users], teams: [...from.teams] }, teamFacts)).toBe(
      expected,
    );
  });

  it.each([
    [null, 'anyone independent'],
    [{ users: ['sam'], teams: [] }, 'sam'],
    [{ users: [], teams: ['acme/security'] }, 'a member of acme/security'],
    [{ users: ['sam', 'tom'], teams: ['acme/security'] }, 'sam, tom or a member of acme/security'],
  ] as const)('describes %j as "%s"', (from, words) => {
    expect(describePrincipals(from === null ? null : { users: [...from.users], teams: [...from.teams] })).toBe(words);
  });
});

describe('filling requirements', () => {
  it('with distinct, a person who could fill either slot goes where nobody else can', () => {
    // sam is listed first and could take "peer review", which would leave security open
    const allocation = allocate([peer, security], [approval(1, 'sam'), approval(2, 'carol')], true, teamFacts);
    expect(allocation.requirements.map((r) => [r.name, r.satisfiedBy, r.missing])).toEqual([
      ['peer review', ['carol'], 0],
      ['security review', ['sam'], 0],
    ]);
    expect(allocation.notCounted).toEqual([]);
  });

  it('with distinct, a lone approval from a team member fills the team’s slot, not one anyone could fill', () => {
    const allocation = allocate([peer, security], [approval(1, 'sam')], true, teamFacts);
    expect(allocation.requirements.map((r) => [r.name, r.satisfiedBy, r.missing])).toEqual([
      ['peer review', [], 1],
      ['security review', ['sam'], 0],
    ]);
  });

  it('with distinct, one person cannot fill two requirements: the second is told why', () => {
    const allocation = allocate([security, peer], [approval(1, 'sam')], true, teamFacts);
    expect(allocation.requirements.map((r) => [r.name, r.satisfiedBy, r.missing])).toEqual([
      ['security review', ['sam'], 0],
      ['peer review', [], 1],
    ]);
    expect(allocation.notCounted).toEqual([
      {
        reviewId: 1,
        login: 'sam',
        code: 'already-counted',
        requirement: 'peer review',
        reason: 'sam already counts for "security review"; with distinct approvals one person fills one slot',
      },
    ]);
  });

  it('without distinct, one person fills every requirement they qualify for', () => {
    const allocation = allocate([security, peer], [approval(1, 'sam')], false, teamFacts);
    expect(allocation.requirements.map((r) => [r.name, r.satisfiedBy, r.missing])).toEqual([
      ['security review', ['sam'], 0],
      ['peer review', ['sam'], 0],
    ]);
    expect(allocation.counted).toEqual([
      { reviewId: 1, login: 'sam', requirement: 'peer review', retainedFrom: null },
      { reviewId: 1, login: 'sam', requirement: 'security review', retainedFrom: null },
    ]);
  });

  it('without distinct, an approval counted for two open requirements is not also "already counted"', () => {
    const two = (r: Requirement): Requirement => ({ ...r, approvals: 2 });
    const allocation = allocate([two(peer), two(security)], [approval(1, 'sam')], false, teamFacts);
    expect(allocation.requirements.map((r) => [r.name, r.satisfiedBy, r.missing])).toEqual([
      ['peer review', ['sam'], 1],
      ['security review', ['sam'], 1],
    ]);
    expect(allocation.notCounted).toEqual([]);
  });

  it('an approval that qualifies for no open requirement names the first one it could not fill', () => {
    const lead: Requirement = { name: 'lead review', approvals: 1, from: { users: ['sam'], teams: ['acme/leads'] } };
    const allocation = allocate([lead], [approval(1, 'carol')], true, teamFacts);
    expect(allocation.notCounted).toEqual([
      {
        reviewId: 1,
        login: 'carol',
        code: 'not-in-required-team',
        requirement: 'lead review',
        reason: 'carol is not sam or a member of acme/leads, as "lead review" requires',
      },
    ]);
  });

  it('approvals beyond what is needed are neither counted nor rejected', () => {
    const allocation = allocate([peer], [approval(1, 'carol'), approval(2, 'dave')], true, teamFacts);
    expect(allocation.counted).toEqual([
      { reviewId: 1, login: 'carol', requirement: 'peer review', retainedFrom: null },
    ]);
    expect(allocation.notCounted).toEqual([]);
  });

  it('a requirement of zero approvals is met by nobody', () => {
    expect(allocate([{ ...peer, approvals: 0 }], [], true, teamFacts).requirements).toEqual([
      { name: 'peer review', needed: 0, from: null, satisfiedBy: [], missing: 0 },
    ]);
  });
});

describe('requirements in the decision', () => {
  const twoTeams = policy((p) => {
    p.tiers.critical = [
      security,
      { name: 'platform review', approvals: 1, from: { users: [], teams: ['acme/platform'] } },
    ];
  });
  const reviewers = {
    sam: { permission: 'write' as const, teams: ['acme/security', 'acme/platform'] },
    pat: { permission: 'write' as const, teams: ['acme/platform'] },
  };

  it('a member of both teams and a member of one fill both requirements', () => {
    const decision = run(
      facts({ reviews: [review('sam', 'APPROVED'), review('pat', 'APPROVED')], reviewers }),
      critical,
      twoTeams,
    );
    expect(decision.requirements.map((r) => [r.name, r.satisfiedBy])).toEqual([
      ['security review', ['sam']],
      ['platform review', ['pat']],
    ]);
    expect(decision).toMatchObject({
      conclusion: 'success',
      title: 'Critical impact: 2 of 2 independent approvals',
      nextSteps: ['Nothing more: every requirement is met.'],
    });
  });

  it('a member of both teams alone fills one, and the next step asks for the other', () => {
    const decision = run(facts({ reviews: [review('sam', 'APPROVED')], reviewers }), critical, twoTeams);
    expect(decision.conclusion).toBe('action_required');
    expect(decision.title).toBe('Critical impact: 1 of 2 independent approvals');
    expect(rejections(decision)).toEqual([
      [
        'already-counted',
        'sam already counts for "security review"; with distinct approvals one person fills one slot',
      ],
    ]);
    expect(decision.nextSteps).toEqual([
      'Get 1 more approval for "platform review" from a member of acme/platform with write access who did not author, commit, co-author or push to this PR (excluded: alice), on the head commit.',
    ]);
  });

  it('the default names: "independent approvals" for critical, "independent approval" otherwise', () => {
    expect(run(facts(), critical).requirements).toEqual([
      { name: 'independent approvals', needed: 2, from: null, satisfiedBy: [], missing: 2 },
    ]);
    expect(run(facts(), classification(finding('medium'))).requirements).toEqual([
      { name: 'independent approval', needed: 1, from: null, satisfiedBy: [], missing: 1 },
    ]);
  });

  it('the tier is the highest finding, and its requirements apply', () => {
    const decision = run(
      facts({ reviews: [review('carol', 'APPROVED')] }),
      classification(finding('low'), finding('critical', { address: 'aws_iam_policy.admin' }), finding('medium')),
    );
    expect(decision.tier).toBe('critical');
    expect(decision.title).toBe('Critical impact: 1 of 2 independent approvals');
  });
});
