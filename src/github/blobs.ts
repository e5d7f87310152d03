import type { BlobShape } from './graphqlShapes.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { blobOf } from './pullRequestSnapshot.js';
import { blobsQuery } from './queries.js';

/** File contents looked up per GraphQL request: GitHub answers 100 `object(expression:)` aliases comfortably. */
export const BLOBS_PER_REQUEST = 100;

export interface BlobText {
  oid: string;
  text: string;
}

/**
 * The contents at `<sha>:<path>` expressions, BLOBS_PER_REQUEST per GraphQL request. Contents
 * GraphQL will not give as text (binary, or truncated because large) come from the REST blob API,
 * so no file is judged on part of its text. Null: nothing at that path.
 */
export async function fetchBlobs(octokit: GitHubClient, repo: RepositoryRef, expressions: string[], known = new Map<string, BlobShape | null>()): Promise<Map<string, BlobText | null>> {
  const shapes = new Map(known);
  const missing = expressions.filter((e) => !shapes.has(e));
  for (let start = 0; start < missing.length; start += BLOBS_PER_REQUEST) {
    const batch = missing.slice(start, start + BLOBS_PER_REQUEST);
    const variables: Record<string, unknown> = { owner: repo.owner, name: repo.name };
    batch.forEach((expression, i) => { variables[`e${i}`] = expression; });
    const response = await octokit.graphql<{ repository: Record<string, unknown> | null }>(blobsQuery(batch.length), variables);
    if (!response.repository) throw new Error(`repository ${repo.owner}/${repo.name} was not found while reading files`);
    batch.forEach((expression, i) => shapes.set(expression, blobOf(response.repository![`b${i}`])));
  }
  const texts = new Map<string, BlobText | null>();
  for (const expression of expressions) {
    const shape = shapes.get(expression) ?? null;
    if (shape === null) texts.set(expression, null);
    else if (shape.text !== null && !shape.isTruncated) texts.set(expression, { oid: shape.oid, text: shape.text });
    else texts.set(expression, { oid: shape.oid, text: await restBlob(octokit, repo, shape.oid) });
  }
  return texts;
}

async function restBlob(octokit: GitHubClient, repo: RepositoryRef, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getBlob({ owner: repo.owner, repo: repo.name, file_sha: sha });
  return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
}
