import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/classify/classify.js';
import type { Policy, Principals, Requirement, RequirementTier } from '../../src/model/policy.js';
import { type Decision, decide } from '../../src/policy/decision.js';
import { impactDigest } from '../../src/policy/digest.js';
import type { CommitFacts, GitIdentity, Permission, PrFacts, ReviewFacts } from '../../src/policy/facts.js';
import { classification, facts, finding, HEAD, NOW, policy } from './support.js';

/**
 * Random pull requests: people with second accounts (`<name>-alt`) and commit e-mails the policy
 * may map, commits with co-authors and other committers, pushes, reviews on the head and on
 * earlier commits, permissions, teams; and random policies: requirements with `from`,
 * `distinct`, deployers, identities, retained approvals.
 */
const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina'] as const;
const ALIASES = PEOPLE.map((p) => `${p}-alt`);
const TEAMS = ['acme/security', 'acme/platform'];
const TIERS: RequirementTier[] = ['low', 'medium', 'high', 'critical'];
const SHAS = [
  'c0ffee0000000000000000000000000000000001',
  'c0ffee0000000000000000000000000000000002',
  'c0ffee0000000000000000000000000000000003',
  HEAD,
];
const person = fc.constantFrom(...PEOPLE);
const account = fc.constantFrom(...PEOPLE, ...ALIASES);

/** Who a commit identity is: a linked login, an e-mail only (mapped by the policy when `mapped`), or GitHub's web flow. */
const gitIdentity = fc.oneof(
  { weight: 6, arbitrary: account.map((login) => ({ kind: 'linked' as const, login })) },
  { weight: 1, arbitrary: person.map((login) => ({ kind: 'email' as const, login })) },
);
type IdentitySpec = { kind: 'linked' | 'email'; login: string };

const commitArb = fc.record({
  author: gitIdentity,
  coAuthors: fc.array(gitIdentity, { maxLength: 2 }),
  committer: fc.oneof(fc.constant<'author'>('author'), fc.constant<'web-flow'>('web-flow'), gitIdentity),
});

const reviewArb = fc.record({
  login: fc.oneof({ weight: 8, arbitrary: account }, { weight: 1, arbitrary: fc.constant('renovate[bot]') }),
  isBot: fc.constantFrom(false, false, false, true), // the flag, independent of the login
  state: fc.constantFrom<ReviewFacts['state']>(
    'APPROVED',
    'APPROVED',
    'APPROVED',
    'CHANGES_REQUESTED',
    'COMMENTED',
    'DISMISSED',
    'PENDING',
  ),
  sha: fc.integer({ min: 0, max: SHAS.length - 1 }),
  /** few distinct minutes, so reviews at the same instant are common */
  minute: fc.integer({ min: 0, max: 9 }),
  /** GitHub writes UTC with Z; other sources may write an offset: the same instant either way */
  offset: fc.constantFrom('Z', 'Z', 'Z', '+00:00', '+01:00'),
  dismissed: fc.constantFrom(false, false, true),
});

const principals: fc.Arbitrary<Principals | null> = fc.oneof(
  fc.constant(null),
  fc.record({ users: fc.subarray([...PEOPLE, ...ALIASES], { maxLength: 3 }), teams: fc.subarray(TEAMS) }),
);
const requirementArb: fc.Arbitrary<Requirement> = fc
  .record({ approvals: fc.integer({ min: 0, max: 2 }), from: principals })
  .map((r) => ({ name: '', ...r }));

const scenario = fc.record({
  author: account,
  commits: fc.array(commitArb, { minLength: 1, maxLength: 4 }),
  pushers: fc.array(
    fc.record({
      login: account,
      sha: fc.integer({ min: 0, max: SHAS.length - 1 }),
      minute: fc.integer({ min: 0, max: 59 }),
      forced: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  reviews: fc.array(reviewArb, { maxLength: 7 }),
  permissions: fc.dictionary(
    fc.constantFrom(...PEOPLE, ...ALIASES),
    fc.constantFrom<Permission>('admin', 'maintain', 'write', 'write', 'triage', 'read', 'none'),
  ),
  teams: fc.dictionary(fc.constantFrom(...PEOPLE, ...ALIASES), fc.subarray(TEAMS)),
  findings: fc.array(fc.record({ tier: fc.constantFrom(...TIERS), n: fc.integer({ min: 0, max: 3 }) }), {
    maxLength: 3,
  }),
  requirements: fc.option(fc.array(requirementArb, { minLength: 1, maxLength: 3 }), { nil: null }),
  distinct: fc.boolean(),
  retain: fc.boolean(),
  deployers: fc.subarray([...PEOPLE, 'tf-bot']),
  /** people whose second account the policy lists */
  aliased: fc.subarray([...PEOPLE]),
  /** people whose e-mail the policy maps */
  mapped: fc.subarray([...PEOPLE]),
  /** impact digest of each earlier SHA: the head's, another, or unknown */
  digests: fc.array(fc.constantFrom('same', 'other', 'unknown'), {
    minLength: SHAS.length - 1,
    maxLength: SHAS.length - 1,
  }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** 10:mm UTC, written with `offset` */
const at = (minute: number, offset = 'Z') =>
  `2026-11-23T${offset === '+01:00' ? '11' : '10'}:${String(minute).padStart(2, '0')}:00${offset}`;
const owner = (login: string) => login.replace(/-alt$/, '');

function identity(spec: IdentitySpec): GitIdentity {
  return spec.kind === 'linked'
    ? { login: spec.login, email: `${owner(spec.login)}@acme.example`, name: spec.login }
    : { login: null, email: `${spec.login}@home.example`, name: spec.login };
}

function build(s: Scenario): { prFacts: PrFacts; rules: Policy; findings: Finding[] } {
  const findings = s.findings.map((f, i) =>
    finding(f.tier, { address: `aws_s3_bucket.b${i}`, changedPaths: [`attr${f.n}`] }),
  );
  const commits: CommitFacts[] = s.commits.map((c, i) => {
    const sha = i === s.commits.length - 1 ? HEAD : SHAS[i]!;
    const author = identity(c.author);
    return {
      sha,
      parents: [i === 0 ? 'ba5e000000000000000000000000000000000000' : SHAS[i - 1]!],
      authors: [
        { ...author, role: 'author' as const },
        ...c.coAuthors.map((co) => ({ ...identity(co), role: 'co-author' as const })),
      ],
      committer:
        c.committer === 'author'
          ? author
          : c.committer === 'web-flow'
            ? { login: null, email: 'noreply@github.com', name: 'GitHub' }
            : identity(c.committer),
      isMergeOfBase: false,
    };
  });
  const shaAt = (i: number) => (i >= commits.length - 1 ? HEAD : commits[i]!.sha);
  const reviews: ReviewFacts[] = s.reviews.map((r, i) => ({
    id: 100 + i,
    reviewer: { login: r.login, isBot: r.isBot },
    state: r.state,
    commitSha: shaAt(r.sha),
    submittedAt: at(r.minute, r.offset),
    dismissed: r.dismissed,
  }));
  const reviewers: PrFacts['reviewers'] = {};
  for (const login of [...PEOPLE, ...ALIASES])
    reviewers[login] = { permission: s.permissions[login] ?? 'write', teams: s.teams[login] ?? [] };
  const digest = impactDigest(findings);
  const impactDigests: Record<string, string> = {};
  commits.slice(0, -1).forEach((c, i) => {
    const kind = s.digests[i];
    if (kind === 'same') impactDigests[c.sha] = digest;
    if (kind === 'other') impactDigests[c.sha] = 'sha256:' + '0'.repeat(64);
  });
  const prFacts = facts({
    author: { login: s.author, isBot: false },
    commits,
    pushers: s.pushers.map((p) => ({ login: p.login, sha: shaAt(p.sha), at: at(p.minute), forced: p.forced })),
    reviews,
    impactDigests,
  });
  prFacts.reviewers = reviewers;
  const rules = policy((p) => {
    p.distinct = s.distinct;
    p.retainApprovals = s.retain ? 'same-impact' : 'head-only';
    p.deployers = s.deployers;
    if (s.requirements) {
      for (const tier of TIERS) p.tiers[tier] = s.requirements.map((r, i) => ({ ...r, name: `${tier} ${i}` }));
    }
    p.identities = PEOPLE.filter((who) => s.aliased.includes(who) || s.mapped.includes(who)).map((who) => ({
      name: who,
      logins: s.aliased.includes(who) ? [who, `${who}-alt`] : [who],
      emails: s.mapped.includes(who) ? [`${who}@home.example`] : [],
    }));
  });
  return { prFacts, rules, findings };
}

function decideFor(prFacts: PrFacts, rules: Policy, findings: Finding[]): Decision {
  return decide({
    facts: prFacts,
    classification: classification(...findings),
    policy: { source: 'test', errors: [], policy: rules },
    now: NOW,
  });
}

/** Every account that may not approve: its people's roles (as the design lists them), their listed second accounts, and bots. */
function excludedAccounts(s: Scenario, prFacts: PrFacts, rules: Policy): string[] {
  const loginOf = (i: GitIdentity) =>
    i.login ?? (i.email && PEOPLE.find((p) => s.mapped.includes(p) && i.email === `${p}@home.example`)) ?? null;
  const direct = [
    prFacts.author.login,
    ...prFacts.commits.flatMap((c) => [...c.authors, c.committer].map(loginOf)),
    ...prFacts.pushers.map((p) => p.login),
    ...rules.deployers,
  ].filter((l): l is string => l !== null && l !== undefined);
  const people = new Set(direct.map((l) => (s.aliased.includes(owner(l) as never) ? owner(l) : l)));
  const accounts = [...people].flatMap((p) => (s.aliased.includes(p as never) ? [p, `${p}-alt`] : [p]));
  return [...new Set([...direct, ...accounts, 'renovate[bot]', 'dependabot[bot]'])];
}

const RUNS = 600;

describe('properties of the decision', () => {
  it('an approval from an excluded identity never turns a non-success into success', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), fc.integer({ min: 0, max: 59 }), fc.boolean(), (s, pick, minute, onHead) => {
        const { prFacts, rules, findings } = build(s);
        const before = decideFor(prFacts, rules, findings);
        if (before.conclusion === 'success') return;
        const excluded = excludedAccounts(s, prFacts, rules);
        const login = excluded[pick % excluded.length]!;
        const extra: ReviewFacts = {
          id: 999,
          reviewer: { login, isBot: login.endsWith('[bot]') },
          state: 'APPROVED',
          commitSha: onHead ? HEAD : prFacts.commits[0]!.sha,
          submittedAt: at(minute),
          dismissed: false,
        };
        const after = decideFor({ ...prFacts, reviews: [...prFacts.reviews, extra] }, rules, findings);
        expect(after.conclusion).not.toBe('success');
        expect(after.approvals.counted.map((c) => c.reviewId)).not.toContain(999);
      }),
      { numRuns: RUNS },
    );
  });

  it('removing a counted approval never turns failure or action_required into success, and never fills more slots', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { prFacts, rules, findings } = build(s);
        const before = decideFor(prFacts, rules, findings);
        const filled = (d: Decision) =>
          d.requirements.reduce((n, r) => n + Math.min(r.needed, r.satisfiedBy.length), 0);
        for (const reviewId of new Set(before.approvals.counted.map((c) => c.reviewId))) {
          const after = decideFor(
            { ...prFacts, reviews: prFacts.reviews.filter((r) => r.id !== reviewId) },
            rules,
            findings,
          );
          if (before.conclusion !== 'success') expect(after.conclusion).not.toBe('success');
          expect(filled(after)).toBeLessThanOrEqual(filled(before));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a request for changes never turns a non-success into success', () => {
    fc.assert(
      fc.property(scenario, account, fc.integer({ min: 0, max: 59 }), (s, login, minute) => {
        const { prFacts, rules, findings } = build(s);
        const before = decideFor(prFacts, rules, findings);
        if (before.conclusion === 'success') return;
        const request: ReviewFacts = {
          id: 999,
          reviewer: { login, isBot: false },
          state: 'CHANGES_REQUESTED',
          commitSha: HEAD,
          submittedAt: at(minute),
          dismissed: false,
        };
        expect(decideFor({ ...prFacts, reviews: [...prFacts.reviews, request] }, rules, findings).conclusion).not.toBe(
          'success',
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('no counted approval comes from an excluded account, and success means every requirement is met', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { prFacts, rules, findings } = build(s);
        const decision = decideFor(prFacts, rules, findings);
        const excluded = new Set(excludedAccounts(s, prFacts, rules).map((l) => l.toLowerCase()));
        for (const counted of decision.approvals.counted) expect(excluded.has(counted.login.toLowerCase())).toBe(false);
        if (decision.conclusion === 'success' && !decision.exception && !decision.breakGlass) {
          expect(decision.requirements.filter((r) => r.missing > 0)).toEqual([]);
        }
        if (decision.blocking.length > 0) expect(decision.conclusion).toBe('failure');
      }),
      { numRuns: RUNS },
    );
  });

  it('the same inputs give the same decision', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const first = build(s);
        const second = build(s);
        expect(decideFor(first.prFacts, first.rules, first.findings)).toEqual(
          decideFor(second.prFacts, second.rules, second.findings),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('the order of reviews in the facts does not change the decision', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat()), (s, keys) => {
        const { prFacts, rules, findings } = build(s);
        const shuffled = prFacts.reviews
          .map((r, i) => ({ r, k: keys[i] ?? i }))
          .sort((a, b) => a.k - b.k)
          .map(({ r }) => r);
        expect(decideFor({ ...prFacts, reviews: shuffled }, rules, findings)).toEqual(
          decideFor(prFacts, rules, findings),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('the order of pushes in the facts does not change the decision (pushes are listed as they happened, but ties and clock skew exist)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { prFacts, rules, findings } = build(s);
        expect(decideFor({ ...prFacts, pushers: [...prFacts.pushers].reverse() }, rules, findings)).toEqual(
          decideFor(prFacts, rules, findings),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('the order of findings does not change the decision, apart from the findings list itself', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { prFacts, rules, findings } = build(s);
        const { findings: forward, ...rest } = decideFor(prFacts, rules, findings);
        const { findings: backward, ...restReversed } = decideFor(prFacts, rules, [...findings].reverse());
        expect(restReversed).toEqual(rest);
        expect(backward).toEqual([...forward].reverse());
      }),
      { numRuns: RUNS },
    );
  });
});
