/**
 * PR facts: everything the separation-of-duties decision needs to know about one pull request
 * at one head commit, in our own terms (not GitHub's API shapes). The app gathers them from
 * webhooks and the API, the CLI from a JSON file or a local Git repository, tests build them by
 * hand. Published as config-schema/pr-facts.schema.json.
 */

/** A Git identity: the GitHub login when GitHub (or the policy) can attribute it. */
export interface GitIdentity {
  login: string | null;
  email: string | null;
  name?: string | null;
}

export interface CommitFacts {
  sha: string;
  parents: string[];
  /** the author and every `Co-authored-by` identity, author first */
  authors: (GitIdentity & { role: 'author' | 'co-author' })[];
  committer: GitIdentity;
  /** a merge of the base branch into the head branch (its author did not write the PR's change) */
  isMergeOfBase: boolean;
}

export interface PushFacts {
  login: string;
  /** the head SHA after the push */
  sha: string;
  /** ISO-8601 */
  at: string;
  forced: boolean;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewFacts {
  id: number;
  reviewer: { login: string; isBot: boolean };
  state: ReviewState;
  /** the head SHA the review was submitted on */
  commitSha: string;
  /** ISO-8601 */
  submittedAt: string;
  dismissed: boolean;
}

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface ReviewerFacts {
  permission: Permission;
  /** team slugs, as `org/slug` */
  teams: string[];
}

export interface BreakGlassRequest {
  author: string;
  /** the whole comment text, `/four-eyes break-glass <reason>` */
  text: string;
  at: string;
  /** the head SHA when the comment was made */
  sha: string;
}

export interface PrFacts {
  repository: { owner: string; name: string };
  number: number;
  baseBranch: string;
  baseSha: string;
  headSha: string;
  author: { login: string; isBot: boolean };
  commits: CommitFacts[];
  pushers: PushFacts[];
  reviews: ReviewFacts[];
  /** by login, for the reviewers whose approvals matter */
  reviewers: Record<string, ReviewerFacts>;
  labels: string[];
  breakGlass: BreakGlassRequest[];
  /** impact digests of earlier head SHAs, for `retain_approvals: same-impact` */
  impactDigests: Record<string, string>;
  /** what could not be seen: GitHub lists at most 3000 files and 250 commits */
  limits: { filesTruncated: boolean; commitsTruncated: boolean };
}

/** GitHub's hard limits: beyond them the lists are silently cut, so Four Eyes fails closed. */
export const GITHUB_MAX_FILES = 3000;
export const GITHUB_MAX_COMMITS = 250;
