/** The parts of GitHub's GraphQL responses the app reads (see queries.ts). Only the edge sees these. */

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Actor {
  __typename: string;
  login: string;
}

export interface GitActorShape {
  email: string | null;
  name: string | null;
  user: { login: string } | null;
}

export interface CommitNode {
  commit: {
    oid: string;
    parents: { nodes: { oid: string }[] };
    authors: { nodes: GitActorShape[] };
    committer: GitActorShape | null;
  };
}

export interface ReviewNode {
  databaseId: number | null;
  state: 'PENDING' | 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED';
  submittedAt: string | null;
  authorCanPushToRepository: boolean;
  commit: { oid: string } | null;
  /** null for a deleted account ("ghost") */
  author: Actor | null;
}

export interface ForcePushNode {
  createdAt?: string;
  actor?: Actor | null;
  afterCommit?: { oid: string } | null;
}

export interface PullRequestShape {
  number: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  changedFiles: number;
  baseRefName: string;
  baseRefOid: string;
  headRefName: string;
  headRefOid: string;
  author: Actor | null;
  commits?: { totalCount: number; pageInfo: PageInfo; nodes: CommitNode[] };
  reviews?: { pageInfo: PageInfo; nodes: ReviewNode[] };
  timelineItems?: { pageInfo: PageInfo; nodes: ForcePushNode[] };
  labels?: { pageInfo: PageInfo; nodes: { name: string }[] };
}

export interface BlobShape {
  oid: string;
  text: string | null;
  isTruncated: boolean;
  isBinary: boolean | null;
  byteSize: number;
}

export interface PullRequestResponse {
  repository:
    | ({ owner: { __typename: string }; pullRequest: PullRequestShape | null } & Record<string, unknown>)
    | null;
}
