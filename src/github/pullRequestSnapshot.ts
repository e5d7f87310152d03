import type { BlobShape, PageInfo, PullRequestResponse, PullRequestShape } from './graphqlShapes.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import type { PullRequestSnapshot } from './pullRequestFacts.js';
import { PAGED_CONNECTIONS, type PagedConnection, pullRequestQuery } from './queries.js';

class PullRequestNotFound extends Error {}

export interface SnapshotWithBlobs {
  snapshot: PullRequestSnapshot;
  ownerType: string;
  /** blobs looked up with the facts, by SHA; null when the SHA names no blob */
  blobs: Map<string, BlobShape | null>;
}

const CONNECTION_FIELD: Record<PagedConnection, 'commits' | 'reviews' | 'timelineItems' | 'labels'> = {
  commits: 'commits',
  reviews: 'reviews',
  timeline: 'timelineItems',
  labels: 'labels',
};

/**
 * The PR's facts in as few requests as GitHub allows: the first request carries the first page
 * of every connection (and, when given, blobs to look up by SHA at the same time); later
 * requests carry only the connections that have more pages.
 */
export async function fetchSnapshot(
  octokit: GitHubClient,
  repo: RepositoryRef,
  number: number,
  blobOids: string[] = [],
): Promise<SnapshotWithBlobs> {
  const cursors = new Map<PagedConnection, string | null>(PAGED_CONNECTIONS.map((c) => [c, null]));
  let result: SnapshotWithBlobs | null = null;
  let first = true;
  while (cursors.size > 0) {
    const oids = first ? blobOids : [];
    const variables: Record<string, unknown> = { owner: repo.owner, name: repo.name, number };
    for (const connection of PAGED_CONNECTIONS) {
      variables[connection] = cursors.has(connection);
      variables[`${connection}After`] = cursors.get(connection) ?? null;
    }
    oids.forEach((oid, i) => {
      variables[`o${i}`] = oid;
    });
    const response = await octokit.graphql<PullRequestResponse>(pullRequestQuery(oids.length), variables);
    const pr = response.repository?.pullRequest;
    if (!response.repository || !pr)
      throw new PullRequestNotFound(`pull request ${repo.owner}/${repo.name}#${number} was not found`);
    if (result === null) {
      result = { snapshot: emptySnapshot(repo, pr), ownerType: response.repository.owner.__typename, blobs: new Map() };
      for (const [i, oid] of oids.entries()) result.blobs.set(oid, blobOf(response.repository[`b${i}`]));
    }
    addPage(result.snapshot, pr, cursors);
    first = false;
  }
  return result!;
}

function emptySnapshot(repo: RepositoryRef, pr: PullRequestShape): PullRequestSnapshot {
  const { commits, reviews, timelineItems, labels, ...pullRequest } = pr;
  return {
    owner: repo.owner,
    name: repo.name,
    pullRequest,
    commitsTotal: commits?.totalCount ?? 0,
    commits: [],
    reviews: [],
    forcePushes: [],
    labels: [],
  };
}

function addPage(
  snapshot: PullRequestSnapshot,
  pr: PullRequestShape,
  cursors: Map<PagedConnection, string | null>,
): void {
  for (const connection of [...cursors.keys()]) {
    const page = pr[CONNECTION_FIELD[connection]];
    if (!page) throw new Error(`GitHub returned no ${connection} for pull request #${pr.number}`);
    if (connection === 'commits' && pr.commits) snapshot.commits.push(...pr.commits.nodes);
    if (connection === 'reviews' && pr.reviews) snapshot.reviews.push(...pr.reviews.nodes);
    if (connection === 'timeline' && pr.timelineItems) snapshot.forcePushes.push(...pr.timelineItems.nodes);
    if (connection === 'labels' && pr.labels) snapshot.labels.push(...pr.labels.nodes.map((l) => l.name));
    advance(cursors, connection, page.pageInfo);
  }
}

function advance(cursors: Map<PagedConnection, string | null>, connection: PagedConnection, pageInfo: PageInfo): void {
  if (pageInfo.hasNextPage && pageInfo.endCursor) cursors.set(connection, pageInfo.endCursor);
  else cursors.delete(connection);
}

export function blobOf(value: unknown): BlobShape | null {
  if (value === null || typeof value !== 'object' || typeof (value as BlobShape).oid !== 'string') return null;
  return value as BlobShape;
}
