import type { ScenarioRun } from './fakeActions.js';

/** A pull request as the fake GitHub serves it: everything a test varies, with sane defaults. */
export interface ScenarioFile {
  path: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  previousPath?: string;
  /** contents at the base (at previousPath for renames); undefined: absent */
  base?: string;
  /** contents at the head; undefined: absent */
  head?: string;
  /**
   * GitHub's `patch` in the file list: by default a diff of base and head when both are there
   * (test/support/unifiedDiff.ts); null: none (as for a very large diff); a string: served as is
   * (a patch that is not the file's).
   */
  patch?: string | null;
  /**
   * a submodule (a gitlink): `base` and `head` are its commit SHAs; the tree lists it as a
   * commit, GraphQL finds no blob for it, and its patch is `Subproject commit` lines, as GitHub does
   */
  submodule?: true;
  /** Git's mode at the head commit ('120000': a symbolic link, `head` its target's path); default a regular file */
  headMode?: string;
}

interface ScenarioCommit {
  oid: string;
  parents?: string[];
  /** author first, then co-authors; login null: not linked to an account */
  authors: { login: string | null; email: string; name: string }[];
  committer?: { login: string | null; email: string; name: string };
}

export interface ScenarioReview {
  id: number;
  login: string;
  bot?: boolean;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  commitOid: string;
  submittedAt: string;
  canPush?: boolean;
}

export interface Scenario {
  owner: string;
  name: string;
  ownerType: 'Organization' | 'User';
  number: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  baseRef: string;
  baseSha: string;
  headRef: string;
  headSha: string;
  author: { login: string; bot?: boolean };
  files: ScenarioFile[];
  /**
   * the repository's other files, the same at base and head (the tree also holds the changed
   * ones); `mode` '120000' lists one as a symbolic link, whose content is its target's path
   */
  unchangedFiles: { path: string; content: string; mode?: string }[];
  /** GitHub could not list the whole tree (more than 100,000 entries or 7 MB) */
  treeTruncated: boolean;
  /** GitHub's count of changed files (default: files.length) */
  changedFiles?: number;
  commits: ScenarioCommit[];
  reviews: ScenarioReview[];
  forcePushes: { login: string; afterOid: string; at: string }[];
  labels: string[];
  /** `.github/four-eyes.yml` at the base; null: none */
  policy: string | null;
  /** the org `.github` repository's `.github/four-eyes.yml`; null: none */
  orgPolicy: string | null;
  /** team slugs by login, for the teams query */
  teams: Record<string, string[]>;
  /** members (logins) by team slug, for the team members query; a team not listed is unknown */
  teamMembers?: Record<string, string[]>;
  /** associated PRs of a commit, for check suites of forks */
  associated: { number: number; headRefOid: string; state: string }[];
  /** GitHub Actions runs of the repository, with their artifacts (plans) */
  workflowRuns?: ScenarioRun[];
  /** the files of other commits (a merge group's parent and head), by SHA */
  trees?: Record<string, { path: string; content: string }[]>;
}

export const BASE_SHA = 'b'.repeat(40);
export const HEAD_SHA = 'c'.repeat(40);
export const OLD_HEAD_SHA = 'a'.repeat(40);

export const IAM_BASE = `resource "aws_iam_role" "deploy" {
  name = "deploy"
}
`;

export const IAM_HEAD = `resource "aws_iam_role" "deploy" {
  name = "deploy"
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
}
`;

export function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    owner: 'acme',
    name: 'infra',
    ownerType: 'Organization',
    number: 42,
    state: 'OPEN',
    baseRef: 'main',
    baseSha: BASE_SHA,
    headRef: 'feature/iam',
    headSha: HEAD_SHA,
    author: { login: 'alice' },
    files: [{ path: 'iam.tf', status: 'modified', base: IAM_BASE, head: IAM_HEAD }],
    unchangedFiles: [],
    treeTruncated: false,
    commits: [
      { oid: HEAD_SHA, parents: [BASE_SHA], authors: [{ login: 'alice', email: 'alice@acme.example', name: 'Alice' }] },
    ],
    reviews: [],
    forcePushes: [],
    labels: [],
    policy: null,
    orgPolicy: null,
    teams: {},
    associated: [],
    ...overrides,
  };
}

export function review(
  login: string,
  state: ScenarioReview['state'] = 'APPROVED',
  overrides: Partial<ScenarioReview> = {},
): ScenarioReview {
  return {
    id: Math.abs(hash(login + state + (overrides.commitOid ?? HEAD_SHA))),
    login,
    state,
    commitOid: HEAD_SHA,
    submittedAt: '2026-11-24T10:00:00Z',
    canPush: true,
    ...overrides,
  };
}

function hash(text: string): number {
  let h = 7;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
