import { type AppCaches, changeKey, type PreparedChange } from './caches.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { prepareChange } from './preparedChange.js';
import { readRepositoryTree } from './repositoryTree.js';
import { treeDiff } from './treeDiff.js';

/**
 * The change from one commit to another (a merge commit's first parent to it, the last deployed
 * commit to the one deployed now, a merge group's base to its head), through the same pipeline as
 * a pull request's: both trees, the files that differ (treeDiff.ts: renames and mode changes as
 * GitHub lists them for a pull request) and every module they affect, parsed and compared. The one
 * way two commits are compared, so the cache by the two SHAs holds one answer.
 */
export async function commitChange(
  octokit: GitHubClient,
  repo: RepositoryRef,
  baseSha: string,
  headSha: string,
  caches: AppCaches,
): Promise<PreparedChange> {
  const cached = caches.changes.get(changeKey(fullName(repo), baseSha, headSha));
  if (cached) return cached;
  const baseTree = await readRepositoryTree(octokit, repo, baseSha);
  const headTree = await readRepositoryTree(octokit, repo, headSha);
  const listing = { files: treeDiff(baseTree, headTree), truncated: false };
  return prepareChange(octokit, repo, { listing, baseTree }, baseSha, headSha, caches, new Map());
}
