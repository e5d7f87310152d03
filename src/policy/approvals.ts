import type { Policy } from '../model/policy.js';
import { type Exclusion, type ExclusionSet, isGitHubWebFlow } from './exclusions.js';
import type { PrFacts, ReviewFacts } from './facts.js';
import { type IdentityIndex, isBotLogin, sameLogin } from './identities.js';
import { listWords, shortSha } from './text.js';

type RejectionCode =
  | 'author'
  | 'commit-author'
  | 'committer'
  | 'co-author'
  | 'pusher'
  | 'deployer'
  | 'alias'
  | 'bot'
  | 'stale'
  | 'dismissed'
  | 'superseded'
  | 'no-write-permission'
  | 'not-in-required-team'
  | 'already-counted';

export interface RejectedApproval {
  reviewId: number;
  login: string;
  code: RejectionCode;
  reason: string;
  /** for not-in-required-team and already-counted: the requirement it could not fill */
  requirement?: string;
}

export interface ValidApproval {
  reviewId: number;
  login: string;
  commitSha: string;
  submittedAt: string;
  /** counted although given on an earlier SHA (retain_approvals: same-impact) */
  retainedFrom: string | null;
}

interface ChangeRequest {
  reviewId: number;
  login: string;
  commitSha: string;
}

export interface ReviewVerdicts {
  valid: ValidApproval[];
  rejected: RejectedApproval[];
  changesRequested: ChangeRequest[];
}

const WRITE_PERMISSIONS = new Set(['admin', 'maintain', 'write']);

/**
 * Judges every review: only a reviewer's latest review counts; it counts as an approval when it
 * is APPROVED, not dismissed, by a person independent of everyone who wrote, pushed or deploys
 * the change, not a bot, on the head SHA (or retained), by someone with write permission.
 */
export function judgeReviews(
  facts: PrFacts,
  policy: Policy,
  identities: IdentityIndex,
  exclusions: ExclusionSet,
  headDigest: string,
): ReviewVerdicts {
  const verdicts: ReviewVerdicts = { valid: [], rejected: [], changesRequested: [] };
  const latest = latestReviews(facts.reviews);
  for (const review of facts.reviews) {
    const newest = latest.get(review.reviewer.login.toLowerCase());
    if (review.state === 'APPROVED' && newest && newest !== review) {
      verdicts.rejected.push(
        reject(
          review,
          'superseded',
          `${review.reviewer.login}'s approval was superseded by their later review (${newest.state.toLowerCase().replace('_', ' ')}, ${newest.submittedAt})`,
        ),
      );
    }
  }
  for (const review of latest.values()) {
    const login = review.reviewer.login;
    const dismissed = review.dismissed || review.state === 'DISMISSED';
    if (review.state === 'CHANGES_REQUESTED' && !dismissed) {
      if (isEligible(review, facts, identities, exclusions))
        verdicts.changesRequested.push({ reviewId: review.id, login, commitSha: review.commitSha });
      continue;
    }
    if (review.state !== 'APPROVED' && review.state !== 'DISMISSED') continue;
    if (dismissed) {
      verdicts.rejected.push(reject(review, 'dismissed', `${login}'s approval was dismissed`));
      continue;
    }
    const rejection =
      independenceRejection(review, identities, exclusions) ??
      freshnessRejection(review, facts, policy, headDigest) ??
      permissionRejection(review, facts);
    if (rejection) verdicts.rejected.push(rejection);
    else
      verdicts.valid.push({
        reviewId: review.id,
        login,
        commitSha: review.commitSha,
        submittedAt: review.submittedAt,
        retainedFrom: review.commitSha === facts.headSha ? null : review.commitSha,
      });
  }
  verdicts.valid.sort((a, b) => compare(a.submittedAt, b.submittedAt) || a.reviewId - b.reviewId);
  verdicts.rejected.sort((a, b) => a.reviewId - b.reviewId);
  verdicts.changesRequested.sort((a, b) => a.reviewId - b.reviewId);
  return verdicts;
}

/** Each reviewer's latest review that expresses a verdict (comments do not change a verdict on GitHub). */
function latestReviews(reviews: readonly ReviewFacts[]): Map<string, ReviewFacts> {
  const latest = new Map<string, ReviewFacts>();
  for (const review of reviews) {
    if (review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    const key = review.reviewer.login.toLowerCase();
    const current = latest.get(key);
    const order = current ? compare(review.submittedAt, current.submittedAt) : 1;
    if (!current || order > 0 || (order === 0 && review.id > current.id)) {
      latest.set(key, review);
    }
  }
  return latest;
}

function isEligible(review: ReviewFacts, facts: PrFacts, identities: IdentityIndex, exclusions: ExclusionSet): boolean {
  return independenceRejection(review, identities, exclusions) === null && permissionRejection(review, facts) === null;
}

function independenceRejection(
  review: ReviewFacts,
  identities: IdentityIndex,
  exclusions: ExclusionSet,
): RejectedApproval | null {
  const login = review.reviewer.login;
  if (review.reviewer.isBot || isBotLogin(login))
    return reject(review, 'bot', `${login} is a bot; only people can approve`);
  const roles = exclusions.byPerson.get(identities.person(login));
  if (!roles || roles.length === 0) return null;
  // What the reviewer did with this very account comes first; otherwise they are an alias.
  const own = roles.filter((r) => sameLogin(r.login, login));
  if (own.length > 0) return reject(review, mostSevere(own).role, `${login} ${describeRoles(own)}`);
  const first = mostSevere(roles);
  const others = roles.filter((r) => sameLogin(r.login, first.login));
  return reject(review, 'alias', `${login} is an alias of ${first.login}, who ${describeRoles(others)}`);
}

const ROLE_ORDER: readonly Exclusion['role'][] = [
  'author',
  'commit-author',
  'committer',
  'co-author',
  'pusher',
  'deployer',
];

/** The most severe role; ties broken by login, so the facts' order never matters. */
function mostSevere(roles: readonly Exclusion[]): Exclusion {
  return [...roles].sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
      (a.login.toLowerCase() < b.login.toLowerCase() ? -1 : 1),
  )[0]!;
}

/** "is the PR author; is the commit author of 1a2b3c4 and 5d6e7f8; pushed 1a2b3c4" — every reason, once. */
export function describeRoles(roles: readonly Exclusion[]): string {
  const shasByRole = new Map<Exclusion['role'], string[]>();
  for (const role of [...roles].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))) {
    const list = shasByRole.get(role.role) ?? [];
    if (role.sha && !list.includes(shortSha(role.sha))) list.push(shortSha(role.sha));
    shasByRole.set(role.role, list);
  }
  const phrases: string[] = [];
  for (const [role, shas] of shasByRole) {
    const of = listWords([...shas].sort()); // not the facts' order: the same PR reads the same
    switch (role) {
      case 'author':
        phrases.push('is the PR author');
        break;
      case 'commit-author':
        phrases.push(`is the commit author of ${of}`);
        break;
      case 'committer':
        phrases.push(`is the committer of ${of}`);
        break;
      case 'co-author':
        phrases.push(`co-authored ${of}`);
        break;
      case 'pusher':
        phrases.push(`pushed ${of}`);
        break;
      case 'deployer':
        phrases.push('is a configured deployer');
        break;
    }
  }
  return phrases.join('; ');
}

function freshnessRejection(
  review: ReviewFacts,
  facts: PrFacts,
  policy: Policy,
  headDigest: string,
): RejectedApproval | null {
  if (review.commitSha === facts.headSha) return null;
  const stale = `${review.reviewer.login} approved ${shortSha(review.commitSha)}, but the head is now ${shortSha(facts.headSha)}`;
  if (policy.retainApprovals !== 'same-impact')
    return reject(review, 'stale', `${stale}; ask for a new approval of the head`);
  const digest = facts.impactDigests[review.commitSha];
  if (digest === undefined)
    return reject(review, 'stale', `${stale}, and the impact of ${shortSha(review.commitSha)} is not known`);
  if (digest !== headDigest) return reject(review, 'stale', `${stale}, and the impact changed since`);
  if (!facts.commits.some((c) => c.sha === review.commitSha))
    return reject(review, 'stale', `${stale}, and ${shortSha(review.commitSha)} is no longer part of the PR`);
  const newcomers = newContributorsSince(review, facts);
  if (newcomers) return reject(review, 'stale', `${stale}, and ${newcomers} contributed since`);
  return null;
}

/**
 * Everyone who authored, co-authored, committed or pushed after the reviewed SHA without having
 * done so before, sorted (never in the facts' order), or null when nobody new appeared.
 */
function newContributorsSince(review: ReviewFacts, facts: PrFacts): string | null {
  const index = facts.commits.findIndex((c) => c.sha === review.commitSha);
  if (index < 0) return null;
  // GitHub's own web-flow committer (e.g. "Update branch") is not a person contributing.
  const loginsOf = (commits: PrFacts['commits']) =>
    commits
      .flatMap((c) => [...c.authors, c.committer])
      .filter((i) => !isGitHubWebFlow(i.email))
      .map((i) => (i.login ?? i.email ?? '?').toLowerCase());
  const before = new Set(loginsOf(facts.commits.slice(0, index + 1)));
  for (const push of facts.pushers) if (compare(push.at, review.submittedAt) <= 0) before.add(push.login.toLowerCase());
  const after = loginsOf(facts.commits.slice(index + 1));
  for (const push of facts.pushers) if (compare(push.at, review.submittedAt) > 0) after.push(push.login.toLowerCase());
  const newcomers = [...new Set(after.filter((login) => !before.has(login)))].sort();
  return newcomers.length ? listWords(newcomers) : null;
}

function permissionRejection(review: ReviewFacts, facts: PrFacts): RejectedApproval | null {
  const reviewer =
    facts.reviewers[review.reviewer.login] ?? findCaseInsensitive(facts.reviewers, review.reviewer.login);
  if (reviewer && WRITE_PERMISSIONS.has(reviewer.permission)) return null;
  const has = reviewer ? `has ${reviewer.permission} permission` : 'has no known permission on the repository';
  return reject(
    review,
    'no-write-permission',
    `${review.reviewer.login} ${has}; approvals count only from people with write access`,
  );
}

function findCaseInsensitive<T>(record: Record<string, T>, login: string): T | undefined {
  const key = Object.keys(record).find((k) => sameLogin(k, login));
  return key === undefined ? undefined : record[key];
}

function reject(review: ReviewFacts, code: RejectionCode, reason: string): RejectedApproval {
  return { reviewId: review.id, login: review.reviewer.login, code, reason };
}

/** ISO-8601 times, compared as instants (offsets may differ). */
function compare(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}
