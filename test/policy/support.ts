import type { Classification, Finding } from '../../src/classify/classify.js';
import { defaultPolicy, type Policy, type Tier } from '../../src/model/policy.js';
import { type Decision, decide } from '../../src/policy/decision.js';
import type { CommitFacts, PrFacts, ReviewFacts } from '../../src/policy/facts.js';

export const HEAD = 'beadfee000000000000000000000000000000002';
export const OLD = '0ddba11000000000000000000000000000000001';
const BASE = 'ba5e000000000000000000000000000000000000';
export const NOW = new Date('2026-11-23T12:00:00Z');

/** A commit by `login` (null login: GitHub could not attribute it), optionally co-authored. */
export function commit(
  sha: string,
  login: string | null,
  coAuthors: (string | null)[] = [],
  email = `${login ?? 'someone'}@acme.example`,
): CommitFacts {
  return {
    sha,
    parents: [BASE],
    authors: [
      { login, email, name: login ?? 'Someone', role: 'author' },
      ...coAuthors.map((c) => ({
        login: c,
        email: `${c ?? 'ghost'}@acme.example`,
        name: c ?? 'Ghost',
        role: 'co-author' as const,
      })),
    ],
    committer: { login, email, name: login ?? 'Someone' },
    isMergeOfBase: false,
  };
}

let nextReviewId = 1;

export function review(
  login: string,
  state: ReviewFacts['state'],
  options: Partial<Omit<ReviewFacts, 'reviewer' | 'state'>> & { isBot?: boolean } = {},
): ReviewFacts {
  const { isBot = false, ...rest } = options;
  return {
    id: nextReviewId++,
    reviewer: { login, isBot },
    state,
    commitSha: HEAD,
    submittedAt: '2026-11-23T10:00:00Z',
    dismissed: false,
    ...rest,
  };
}

/** Facts for a PR by alice, one commit on the head; every named reviewer has write permission. */
export function facts(overrides: Partial<PrFacts> = {}): PrFacts {
  const reviews = overrides.reviews ?? [];
  const reviewers: PrFacts['reviewers'] = {};
  for (const r of reviews) reviewers[r.reviewer.login] = { permission: 'write', teams: [] };
  return {
    repository: { owner: 'acme', name: 'infra' },
    number: 7,
    baseBranch: 'main',
    baseSha: BASE,
    headSha: HEAD,
    author: { login: 'alice', isBot: false },
    commits: [commit(HEAD, 'alice')],
    pushers: [{ login: 'alice', sha: HEAD, at: '2026-11-23T09:00:00Z', forced: false }],
    labels: [],
    breakGlass: [],
    impactDigests: {},
    limits: { filesTruncated: false, commitsTruncated: false },
    ...overrides,
    reviews,
    reviewers: { ...reviewers, ...overrides.reviewers },
  };
}

export function finding(tier: Exclude<Tier, 'none'>, overrides: Partial<Finding> = {}): Finding {
  return {
    module: '.',
    address: 'aws_iam_role.ci',
    kind: 'resource',
    action: 'update',
    tier,
    ruleId: 'identity.aws.iam',
    rationale: 'changes IAM',
    file: 'main.tf',
    line: 1,
    changedPaths: ['name'],
    ...overrides,
  };
}

export function classification(...findings: Finding[]): Classification {
  const order: Tier[] = ['none', 'low', 'medium', 'high', 'critical'];
  const tier = findings.reduce<Tier>((t, f) => (order.indexOf(f.tier) > order.indexOf(t) ? f.tier : t), 'none');
  return { tier, findings, warnings: [] };
}

export function policy(adjust: (p: Policy) => void = () => {}): Policy {
  const p = defaultPolicy();
  adjust(p);
  return p;
}

export function run(
  prFacts: PrFacts,
  classified: Classification = classification(finding('high')),
  rules: Policy = policy(),
  now = NOW,
): Decision {
  return decide({
    facts: prFacts,
    classification: classified,
    policy: { source: 'test', errors: [], policy: rules },
    now,
  });
}

/** `[code, reason]` of each approval that was not counted. */
export function rejections(decision: Decision): [string, string][] {
  return decision.approvals.rejected.map((r) => [r.code, r.reason]);
}

/** A push of `sha` by `login` at `at` (ISO-8601). */
export function push(login: string, sha: string, at: string, forced = false): PrFacts['pushers'][number] {
  return { login, sha, at, forced };
}

/** The same commit with another committer (a rebase by someone else, GitHub's web flow). */
export function committedBy(base: CommitFacts, committer: CommitFacts['committer']): CommitFacts {
  return { ...base, committer };
}

/** `/four-eyes break-glass` comment facts, made at 11:00 on `sha` (the head by default). */
export function breakGlassRequest(
  author: string,
  text: string,
  sha = HEAD,
  at = '2026-11-23T11:00:00Z',
): PrFacts['breakGlass'][number] {
  return { author, text, at, sha };
}

/** `[login, reason]` of everyone excluded from approving. */
export function excludedPeople(decision: Decision): [string, string][] {
  return decision.excluded.map((e) => [e.login, e.reason]);
}
