import type { ChangedFile } from './changedFiles.js';
import type { TreeBlob } from './repositoryTree.js';

/**
 * The files that differ between two commits' trees, in the shape GitHub lists a pull request's
 * files: what the PR path reads a change from, so a change between any two commits (a merge
 * group's parent and head) is read, classified and digested exactly as a pull request's is.
 * A path whose blob or mode differs is modified (`changed` for a mode alone); one only at a side
 * is removed or added; a removed and an added file with the same blob are a rename, as GitHub
 * shows an unchanged file that moved. Ordered by path: the same trees give the same list.
 */
export function treeDiff(base: readonly TreeBlob[], head: readonly TreeBlob[]): ChangedFile[] {
  const before = new Map(base.map((file) => [file.path, file]));
  const after = new Map(head.map((file) => [file.path, file]));
  const files: ChangedFile[] = [];
  const removed: TreeBlob[] = [];
  const added: TreeBlob[] = [];
  for (const file of base) if (!after.has(file.path)) removed.push(file);
  for (const file of head) {
    const old = before.get(file.path);
    if (!old) added.push(file);
    else if (old.blobSha !== file.blobSha) files.push({ path: file.path, status: 'modified', blobSha: file.blobSha });
    else if ((old.mode ?? null) !== (file.mode ?? null))
      files.push({ path: file.path, status: 'changed', blobSha: file.blobSha });
  }
  // Each removed blob pairs with one added file of the same blob, in path order.
  const movedFrom = new Map<string, TreeBlob[]>();
  for (const file of removed) movedFrom.set(file.blobSha, [...(movedFrom.get(file.blobSha) ?? []), file]);
  const paired = new Set<TreeBlob>();
  for (const file of added) {
    const from = movedFrom.get(file.blobSha)?.shift();
    if (from) {
      paired.add(from);
      files.push({ path: file.path, status: 'renamed', previousPath: from.path, blobSha: file.blobSha });
    } else files.push({ path: file.path, status: 'added', blobSha: file.blobSha });
  }
  for (const file of removed) if (!paired.has(file)) files.push({ path: file.path, status: 'removed', blobSha: null });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
