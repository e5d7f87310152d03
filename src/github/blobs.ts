import type { LruCache } from '../util/lruCache.js';
import type { BlobShape } from './graphqlShapes.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { blobOf } from './pullRequestSnapshot.js';
import { blobsQuery } from './queries.js';
import { READ_LIMITS } from './readLimits.js';

/** Blobs looked up per GraphQL request: GitHub answers 100 `object(oid:)` aliases comfortably. */
export const BLOBS_PER_REQUEST = 100;

/** A blob as read: immutable, so cached by its SHA across evaluations and repositories' PRs. */
export interface BlobContent {
  byteSize: number;
  binary: boolean;
  /** null when binary or too large to be read as a value (see BlobUse) */
  text: string | null;
}

/**
 * What a blob is read for. `source`: Terraform and the policy file, always read in full (binary
 * or large ones through the REST blob API, so the parser judges every byte). `value`: any other
 * changed file, read when it is text of at most READ_LIMITS.changedFileBytes; otherwise it is
 * compared by blob.
 */
export type BlobUse = 'source' | 'value';

/** Whether what is known of a blob is all a use needs. */
function satisfies(content: BlobContent, use: BlobUse): boolean {
  return (
    content.text !== null || (use === 'value' && (content.binary || content.byteSize > READ_LIMITS.changedFileBytes))
  );
}

/**
 * The blobs wanted, by SHA: from the cache, from `prefetched` (looked up with the facts), or
 * BLOBS_PER_REQUEST per GraphQL request; what GraphQL does not give whole as text comes from the
 * REST blob API when the use needs it. A SHA that names no blob is left out of the answer.
 */
export async function readBlobs(
  octokit: GitHubClient,
  repo: RepositoryRef,
  wanted: ReadonlyMap<string, BlobUse>,
  cache: LruCache<string, BlobContent>,
  prefetched: ReadonlyMap<string, BlobShape | null> = new Map(),
): Promise<Map<string, BlobContent>> {
  const contents = new Map<string, BlobContent>();
  const shapes = new Map<string, BlobShape | null>();
  for (const [oid, use] of wanted) {
    const cached = cache.get(oid);
    if (cached && satisfies(cached, use)) contents.set(oid, cached);
    else if (prefetched.has(oid)) shapes.set(oid, prefetched.get(oid)!);
  }
  const missing = [...wanted.keys()].filter((oid) => !contents.has(oid) && !shapes.has(oid));
  for (const [oid, shape] of await lookUpBlobs(octokit, repo, missing)) shapes.set(oid, shape);
  for (const [oid, shape] of shapes) {
    if (shape === null) continue;
    const content = await contentOf(octokit, repo, shape, wanted.get(oid)!);
    cache.set(oid, content);
    contents.set(oid, content);
  }
  return contents;
}

/** GraphQL `object(oid:)` lookups, BLOBS_PER_REQUEST per request. */
async function lookUpBlobs(
  octokit: GitHubClient,
  repo: RepositoryRef,
  oids: string[],
): Promise<Map<string, BlobShape | null>> {
  const shapes = new Map<string, BlobShape | null>();
  for (let start = 0; start < oids.length; start += BLOBS_PER_REQUEST) {
    const batch = oids.slice(start, start + BLOBS_PER_REQUEST);
    const variables: Record<string, unknown> = { owner: repo.owner, name: repo.name };
    batch.forEach((oid, i) => {
      variables[`o${i}`] = oid;
    });
    const response = await octokit.graphql<{ repository: Record<string, unknown> | null }>(
      blobsQuery(batch.length),
      variables,
    );
    if (!response.repository)
      throw new Error(`repository ${repo.owner}/${repo.name} was not found while reading files`);
    for (const [i, oid] of batch.entries()) shapes.set(oid, blobOf(response.repository[`b${i}`]));
  }
  return shapes;
}

async function contentOf(
  octokit: GitHubClient,
  repo: RepositoryRef,
  shape: BlobShape,
  use: BlobUse,
): Promise<BlobContent> {
  const { byteSize } = shape;
  // GraphQL gives no text for binary blobs; isBinary may be null when GitHub could not tell.
  const binary = shape.isBinary === true || (shape.text === null && !shape.isTruncated);
  const tooLarge = byteSize > READ_LIMITS.changedFileBytes;
  if (use === 'value' && (binary || tooLarge)) return { byteSize, binary, text: null };
  if (shape.text !== null && !shape.isTruncated && !binary) return { byteSize, binary, text: shape.text };
  return { byteSize, binary, text: await restBlob(octokit, repo, shape.oid) };
}

async function restBlob(octokit: GitHubClient, repo: RepositoryRef, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getBlob({ owner: repo.owner, repo: repo.name, file_sha: sha });
  return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
}
