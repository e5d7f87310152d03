import type {
  BreakGlassRequest,
  CommitFacts,
  GitIdentity,
  PrFacts,
  PushFacts,
  ReviewerFacts,
  ReviewFacts,
} from '../policy/facts.js';
import { GITHUB_MAX_COMMITS } from '../policy/facts.js';
import { sameLogin } from '../policy/identities.js';
import type { Actor, CommitNode, ForcePushNode, GitActorShape, PullRequestShape, ReviewNode } from './graphqlShapes.js';

/** One pull request as GitHub's GraphQL API described it, every page of every connection gathered. */
export interface PullRequestSnapshot {
  owner: string;
  name: string;
  pullRequest: Omit<PullRequestShape, 'commits' | 'reviews' | 'timelineItems' | 'labels'>;
  commitsTotal: number;
  commits: CommitNode[];
  reviews: ReviewNode[];
  forcePushes: ForcePushNode[];
  labels: string[];
}

/** What only the app's own records know (webhook history) and what costs extra requests. */
export interface RecordedActivity {
  /** pushes to the head branch's name: those of the PR's commits count (a branch name outlives PRs) */
  branchPushes: PushFacts[];
  /** pushes seen as this PR's `synchronize`: all count */
  pullRequestPushes: PushFacts[];
  breakGlass: BreakGlassRequest[];
  impactDigests: Record<string, string>;
  /** team slugs (`org/slug`) by reviewer login, for the reviewers a team requirement needs */
  teams: Record<string, string[]>;
  filesTruncated: boolean;
}

/**
 * PR facts from a snapshot: GitHub's shapes translated once, here, into our own. Bots are named
 * as webhooks name them (`name[bot]`); a deleted account is `ghost`.
 */
export function factsFromSnapshot(snapshot: PullRequestSnapshot, activity: RecordedActivity): PrFacts {
  const pr = snapshot.pullRequest;
  const commitShas = new Set(snapshot.commits.map((node) => node.commit.oid));
  const countedPushes = new Set(pullRequestShas(snapshot));
  return {
    repository: { owner: snapshot.owner, name: snapshot.name },
    number: pr.number,
    baseBranch: pr.baseRefName,
    baseSha: pr.baseRefOid,
    headSha: pr.headRefOid,
    author: person(pr.author),
    commits: snapshot.commits.map((node) => commitFacts(node, commitShas)),
    pushers: [
      ...activity.branchPushes.filter((push) => countedPushes.has(push.sha)),
      ...activity.pullRequestPushes,
      ...forcePushes(snapshot.forcePushes),
    ],
    reviews: snapshot.reviews.flatMap(reviewFacts),
    reviewers: reviewerFacts(snapshot.reviews, activity.teams),
    labels: snapshot.labels,
    breakGlass: activity.breakGlass,
    impactDigests: activity.impactDigests,
    limits: {
      filesTruncated: activity.filesTruncated,
      commitsTruncated: snapshot.commitsTotal > GITHUB_MAX_COMMITS || snapshot.commits.length < snapshot.commitsTotal,
    },
  };
}

/** The SHAs whose branch pushes count as pushes to the pull request: its commits and its head. */
export function pullRequestShas(snapshot: PullRequestSnapshot): string[] {
  return [...new Set([...snapshot.commits.map((node) => node.commit.oid), snapshot.pullRequest.headRefOid])];
}

/** The commits reviews were given on: the heads whose impact digests `retain_approvals: same-impact` compares. */
export function reviewedShas(snapshot: PullRequestSnapshot): string[] {
  return [...new Set(snapshot.reviews.flatMap((node) => (node.commit ? [node.commit.oid] : [])))];
}

export function loginOf(actor: Actor | null | undefined): string {
  if (!actor) return 'ghost';
  return actor.__typename === 'Bot' && !actor.login.endsWith('[bot]') ? `${actor.login}[bot]` : actor.login;
}

function person(actor: Actor | null): { login: string; isBot: boolean } {
  return { login: loginOf(actor), isBot: actor?.__typename === 'Bot' };
}

function identity(actor: GitActorShape | null): GitIdentity {
  return { login: actor?.user?.login ?? null, email: actor?.email ?? null, name: actor?.name ?? null };
}

function commitFacts(node: CommitNode, prCommits: Set<string>): CommitFacts {
  const { commit } = node;
  const parents = commit.parents.nodes.map((p) => p.oid);
  return {
    sha: commit.oid,
    parents,
    // GitHub lists the Git author first, then every Co-authored-by trailer it could read.
    authors: commit.authors.nodes.map((author, i) => ({
      ...identity(author),
      role: i === 0 ? ('author' as const) : ('co-author' as const),
    })),
    committer: identity(commit.committer),
    // A merge whose other parent is not one of the PR's commits brings the base branch in.
    isMergeOfBase: parents.length > 1 && parents.slice(1).some((parent) => !prCommits.has(parent)),
  };
}

function forcePushes(nodes: ForcePushNode[]): PushFacts[] {
  return nodes.flatMap((node) =>
    node.createdAt && node.afterCommit
      ? [{ login: loginOf(node.actor), sha: node.afterCommit.oid, at: node.createdAt, forced: true }]
      : [],
  );
}

function reviewFacts(node: ReviewNode): ReviewFacts[] {
  // Pending reviews are drafts only their author sees; they are not reviews yet.
  if (node.state === 'PENDING' || node.databaseId === null || node.submittedAt === null || node.commit === null)
    return [];
  return [
    {
      id: node.databaseId,
      reviewer: person(node.author),
      state: node.state,
      commitSha: node.commit.oid,
      submittedAt: node.submittedAt,
      dismissed: node.state === 'DISMISSED',
    },
  ];
}

/**
 * Write access as GitHub reports it on each review (`authorCanPushToRepository`), the latest
 * review's word; and the team memberships of everyone the decision asks about, reviewer or not
 * (the author for exceptions, break-glass requesters), so a permission granted to a team works
 * for them as it does for a person named in the policy.
 */
function reviewerFacts(reviews: ReviewNode[], teams: Record<string, string[]>): Record<string, ReviewerFacts> {
  const reviewers: Record<string, ReviewerFacts> = {};
  const teamsOf = (login: string) =>
    teams[login] ?? Object.entries(teams).find(([other]) => sameLogin(other, login))?.[1] ?? [];
  const latestFirst = [...reviews].sort((a, b) => Date.parse(b.submittedAt ?? '') - Date.parse(a.submittedAt ?? ''));
  for (const review of latestFirst) {
    const login = loginOf(review.author);
    if (login in reviewers) continue;
    reviewers[login] = { permission: review.authorCanPushToRepository ? 'write' : 'read', teams: teamsOf(login) };
  }
  for (const login of Object.keys(teams)) {
    // Without a review GitHub reports no write access; only reviews approve, so 'read' grants nothing here.
    if (!Object.keys(reviewers).some((known) => sameLogin(known, login)))
      reviewers[login] = { permission: 'read', teams: teamsOf(login) };
  }
  return reviewers;
}

/** The logins whose team memberships matter: approvers of a PR whose policy has team requirements. */
export function approvers(snapshot: PullRequestSnapshot): string[] {
  return [...new Set(snapshot.reviews.filter((r) => r.state === 'APPROVED').map((r) => loginOf(r.author)))].sort();
}
