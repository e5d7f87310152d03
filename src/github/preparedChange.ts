import { POLICY_PATH } from '../config/loadPolicy.js';
import { buildChangeSet } from '../terraform/changeSet.js';
import { fetchBlobs } from './blobs.js';
import { cachedParser, changeKey, type AppCaches, type PreparedChange } from './caches.js';
import type { ChangedFileList } from './changedFiles.js';
import type { BlobShape } from './graphqlShapes.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { contentExpressions, pullRequestTrees } from './pullRequestTrees.js';

/**
 * The change between base and head from the listed files: contents of the files that matter
 * (some may already have come with the facts query), parsed with the blob cache, compared, and
 * cached by the two SHAs.
 */
export async function prepareChange(
  octokit: GitHubClient, repo: RepositoryRef, listing: ChangedFileList, baseSha: string, headSha: string,
  caches: AppCaches, prefetched: Map<string, BlobShape | null>,
): Promise<PreparedChange> {
  const expressions = contentExpressions(listing.files, baseSha, headSha);
  const contents = await fetchBlobs(octokit, repo, expressions, prefetched);
  const trees = pullRequestTrees(listing.files, baseSha, headSha, contents);
  const changeSet = buildChangeSet(trees.base, trees.head, { parse: cachedParser(caches.parses) });
  const policyChanged = listing.files.some((file) => file.path === POLICY_PATH && file.status !== 'removed');
  const sourceBytes = [...trees.base.files, ...trees.head.files].reduce((sum, file) => sum + (file.blobSha === undefined ? 0 : file.content.length), 0);
  const prepared: PreparedChange = {
    changeSet,
    sourceBytes,
    filesTruncated: listing.truncated,
    proposedPolicyText: policyChanged ? contents.get(`${headSha}:${POLICY_PATH}`)?.text ?? null : null,
  };
  caches.changes.set(changeKey(fullName(repo), baseSha, headSha), prepared);
  return prepared;
}
