import { parseCodeowners } from '../config/codeowners.js';
import { isValidPolicy, type PolicyInForce } from '../config/policyInForce.js';
import type { LruCache } from '../util/lruCache.js';
import { type BlobContent, readBlobs } from './blobs.js';
import type { PreparedChange } from './caches.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';

/**
 * The policy in force with the base's CODEOWNERS, when it takes owners from it: read from the
 * base commit like the policy itself, so a PR that edits CODEOWNERS is judged by the file it
 * changes. A file that cannot be read fails the evaluation (reported, tried again), never the
 * owners silently.
 */
export async function withBaseCodeowners(
  octokit: GitHubClient,
  repo: RepositoryRef,
  policy: PolicyInForce,
  prepared: PreparedChange,
  baseRef: string,
  blobs: LruCache<string, BlobContent>,
): Promise<PolicyInForce> {
  if (!isValidPolicy(policy) || !policy.policy.ownership.fromCodeowners) return policy;
  const found = prepared.baseCodeowners ?? null;
  if (found === null) return { ...policy, codeowners: null };
  const contents = await readBlobs(octokit, repo, new Map([[found.blobSha, 'source']]), blobs);
  const text = contents.get(found.blobSha)?.text;
  if (text === undefined || text === null)
    throw new Error(`the base's ${found.path} (blob ${found.blobSha.slice(0, 7)}) could not be read`);
  return { ...policy, codeowners: parseCodeowners(found.path, text, `${baseRef}:${found.path}`) };
}
