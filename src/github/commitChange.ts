import { type AppCaches, changeKey, type PreparedChange } from './caches.js';
import type { ChangedFile } from './changedFiles.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { prepareChange } from './preparedChange.js';
import { readRepositoryTree, type TreeBlob } from './repositoryTree.js';

/**
 * The files that differ between two commits' trees, named as a pull request's file list names
 * them. Git records no renames: a moved file is a removal and an addition, which the change set
 * compares by address, so moving Terraform within a module changes nothing.
 */
export function treeChanges(base: readonly TreeBlob[], head: readonly TreeBlob[]): ChangedFile[] {
  const before = new Map(base.map((file) => [file.path, file.blobSha]));
  const after = new Map(head.map((file) => [file.path, file.blobSha]));
  const files: ChangedFile[] = [];
  for (const [path, blobSha] of after) {
    const was = before.get(path);
    if (was === undefined) files.push({ path, status: 'added', blobSha });
    else if (was !== blobSha) files.push({ path, status: 'modified', blobSha });
  }
  for (const path of before.keys()) if (!after.has(path)) files.push({ path, status: 'removed', blobSha: null });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The change from one commit to another (a merge commit's first parent to it, the last deployed
 * commit to the one deployed now), through the same pipeline as a pull request's: both trees,
 * the changed files and every module they affect, parsed and compared. Cached by the two SHAs.
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
  const listing = { files: treeChanges(baseTree, headTree), truncated: false };
  return prepareChange(octokit, repo, { listing, baseTree }, baseSha, headSha, caches, new Map());
}
