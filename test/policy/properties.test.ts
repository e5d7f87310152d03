import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/config/policy.js';
import type { PrFacts, ReviewFacts } from '../../src/policy/facts.js';
import { classification, commit, facts, finding, HEAD, OLD, policy, run } from './support.js';

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'tf-bot'];
const person = fc.constantFrom(...PEOPLE);

const reviewArb = fc.record({
  login: person,
  state: fc.constantFrom<ReviewFacts['state']>('APPROVED', 'APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED'),
  onHead: fc.boolean(),
  minute: fc.integer({ min: 0, max: 59 }),
  dismissed: fc.boolean(),
});

const scenario = fc.record({
  author: person,
  commitAuthors: fc.array(fc.tuple(person, fc.array(person, { maxLength: 2 })), { minLength: 1, maxLength: 3 }),
  pushers: fc.array(person, { maxLength: 2 }),
  reviews: fc.array(reviewArb, { maxLength: 6 }),
  permissions: fc.dictionary(person, fc.constantFrom('admin', 'write', 'read', 'triage') as fc.Arbitrary<'admin' | 'write' | 'read' | 'triage'>),
  securityTeam: fc.subarray(PEOPLE),
  tier: fc.constantFrom('low', 'medium', 'high', 'critical') as fc.Arbitrary<'low' | 'medium' | 'high' | 'critical'>,
  approvals: fc.integer({ min: 0, max: 3 }),
  teamRequirement: fc.boolean(),
  distinct: fc.boolean(),
  deployers: fc.subarray(['tf-bot', 'erin']),
  alias: fc.option(fc.tuple(person, fc.constantFrom('alias-1', 'alias-2')), { nil: null }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { prFacts: PrFacts; rules: Policy } {
  const reviews: ReviewFacts[] = s.reviews.map((r, i) => ({
    id: i + 1, reviewer: { login: r.login, isBot: false }, state: r.state, commitSha: r.onHead ? HEAD : OLD,
    submittedAt: `2026-11-23T10:${String(r.minute).padStart(2, '0')}:00Z`, dismissed: r.dismissed,
  }));
  const reviewers: PrFacts['reviewers'] = {};
  for (const login of [...PEOPLE, 'alias-1', 'alias-2']) {
    reviewers[login] = { permission: s.permissions[login] ?? 'write', teams: s.securityTeam.includes(login) ? ['acme/security'] : [] };
  }
  const prFacts = facts({
    author: { login: s.author, isBot: false },
    commits: s.commitAuthors.map(([author, co], i) => commit(i === s.commitAuthors.length - 1 ? HEAD : `${OLD.slice(0, -1)}${i}`, author, co)),
    pushers: s.pushers.map((login) => ({ login, sha: HEAD, at: '2026-11-23T09:00:00Z', forced: false })),
    reviews,
  });
  prFacts.reviewers = reviewers;
  const rules = policy((p) => {
    p.distinct = s.distinct;
    p.deployers = s.deployers;
    p.tiers[s.tier] = [
      { name: 'main', approvals: s.approvals, from: null },
      ...(s.teamRequirement ? [{ name: 'security', approvals: 1, from: { users: [], teams: ['acme/security'] } }] : []),
    ];
    if (s.alias) p.identities = [{ name: null, logins: [s.alias[0], s.alias[1]], emails: [] }];
  });
  return { prFacts, rules };
}

function decideScenario(prFacts: PrFacts, rules: Policy, tier: Scenario['tier']) {
  return run(prFacts, classification(finding(tier)), rules);
}

/** Logins that are excluded in this scenario: the author, every contributor and pusher, deployers, and aliases of them. */
function excludedLogins(s: Scenario, rules: Policy): string[] {
  const direct = [s.author, ...s.commitAuthors.flatMap(([a, co]) => [a, ...co]), ...s.pushers, ...rules.deployers];
  const aliases = s.alias && direct.includes(s.alias[0]) ? [s.alias[1]] : [];
  return [...direct, ...aliases];
}

describe('properties of the decision', () => {
  it('an approval from an excluded identity never turns a non-success into success', () => {
    fc.assert(fc.property(scenario, fc.nat(), (s, pick) => {
      const { prFacts, rules } = build(s);
      const before = decideScenario(prFacts, rules, s.tier);
      if (before.conclusion === 'success') return;
      const excluded = excludedLogins(s, rules);
      const login = excluded[pick % excluded.length]!;
      const extra: ReviewFacts = { id: 999, reviewer: { login, isBot: false }, state: 'APPROVED', commitSha: HEAD, submittedAt: '2026-11-23T11:30:00Z', dismissed: false };
      const bot: ReviewFacts = { ...extra, id: 1000, reviewer: { login: 'helper[bot]', isBot: true } };
      const after = decideScenario({ ...prFacts, reviews: [...prFacts.reviews, extra, bot] }, rules, s.tier);
      expect(after.conclusion).not.toBe('success');
    }), { numRuns: 400 });
  });

  it('removing a counted approval never turns a non-success into success', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { prFacts, rules } = build(s);
      const before = decideScenario(prFacts, rules, s.tier);
      for (const counted of before.approvals.counted) {
        const after = decideScenario({ ...prFacts, reviews: prFacts.reviews.filter((r) => r.id !== counted.reviewId) }, rules, s.tier);
        if (before.conclusion !== 'success') expect(after.conclusion).not.toBe('success');
        // and it never helps either: fewer approvals cannot fill more slots
        const filled = (d: typeof before) => d.requirements.reduce((n, r) => n + Math.min(r.needed, r.satisfiedBy.length), 0);
        expect(filled(after)).toBeLessThanOrEqual(filled(before));
      }
    }), { numRuns: 300 });
  });

  it('the same inputs give the same decision', () => {
    fc.assert(fc.property(scenario, (s) => {
      const first = build(s);
      const second = build(s);
      expect(decideScenario(first.prFacts, first.rules, s.tier)).toEqual(decideScenario(second.prFacts, second.rules, s.tier));
    }), { numRuns: 200 });
  });

  it('the order of reviews in the facts does not change the conclusion', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { prFacts, rules } = build(s);
      const forward = decideScenario(prFacts, rules, s.tier);
      const reversed = decideScenario({ ...prFacts, reviews: [...prFacts.reviews].reverse() }, rules, s.tier);
      expect(reversed.conclusion).toBe(forward.conclusion);
    }), { numRuns: 200 });
  });
});
