import type { ChangedFile } from './changedFiles.js';
import type { TreeBlob } from './repositoryTree.js';

/** The files of a pull request's two sides, each with its blob. */
export interface PullRequestSides {
  base: TreeBlob[];
  head: TreeBlob[];
}

/**
 * The base commit's files, and the files merging the PR would leave: the base's with the PR's
 * changes applied. Not the head commit's tree: a file the base branch changed after the PR
 * branched is older there, and would read as the PR reverting that change.
 */
export function pullRequestSides(baseTree: TreeBlob[], files: ChangedFile[]): PullRequestSides {
  const head = new Map(baseTree.map((blob) => [blob.path, blob]));
  for (const file of files) {
    if (file.status === 'unchanged') continue;
    if (file.status === 'renamed' && file.previousPath !== undefined) head.delete(file.previousPath);
    if (file.status === 'removed' || file.blobSha === null) head.delete(file.path);
    else head.set(file.path, { path: file.path, blobSha: file.blobSha, size: null });
  }
  return { base: baseTree, head: [...head.values()] };
}

/** The paths the PR changes at each side: where a file was (unless added or copied), where it is (unless removed). */
export function changedPaths(files: ChangedFile[]): { base: Set<string>; head: Set<string> } {
  const base = new Set<string>();
  const head = new Set<string>();
  for (const file of files) {
    if (file.status === 'unchanged') continue;
    if (file.status !== 'added' && file.status !== 'copied') base.add(file.previousPath ?? file.path);
    if (file.status !== 'removed') head.add(file.path);
  }
  return { base, head };
}
