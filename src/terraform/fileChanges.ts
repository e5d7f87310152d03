import { baseName } from './modulePaths.js';
import { isTerraformPath } from './parseFile.js';
import type { SourceTree } from './sourceTree.js';
import { isGitMetadataPath } from './sourceTree.js';

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface FileChange {
  path: string;
  status: FileStatus;
  /** for `renamed`: the path in the base tree */
  previousPath?: string;
  terraform: boolean;
}

/**
 * Every file that differs between two trees, Terraform or not (later rules match CODEOWNERS,
 * workflows and the policy file by path), sorted by path. A file gone from one path and present
 * byte-for-byte at another is `renamed`; candidates with the same file name are paired first.
 * Empty files are never paired: their identity says nothing.
 */
export function compareFiles(base: SourceTree, head: SourceTree): FileChange[] {
  const baseFiles = contentByPath(base);
  const headFiles = contentByPath(head);
  const changes: FileChange[] = [];
  const deleted = [...baseFiles.keys()].filter((path) => !headFiles.has(path)).sort();
  const added = [...headFiles.keys()].filter((path) => !baseFiles.has(path)).sort();
  const renames = pairRenames(deleted, added, baseFiles, headFiles);
  const renamedFrom = new Set(renames.values());
  for (const [path, content] of baseFiles) {
    if (headFiles.has(path) && headFiles.get(path) !== content) changes.push(fileChange(path, 'modified'));
  }
  for (const path of deleted) if (!renamedFrom.has(path)) changes.push(fileChange(path, 'deleted'));
  for (const path of added) {
    const previousPath = renames.get(path);
    changes.push(previousPath === undefined ? fileChange(path, 'added') : fileChange(path, 'renamed', previousPath));
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function contentByPath(tree: SourceTree): Map<string, string> {
  // Committed packages are compared (a module source or a CI step may load code from them); only Git's own files are not.
  return new Map(tree.files.filter((file) => !isGitMetadataPath(file.path)).map((file) => [file.path, file.content]));
}

function fileChange(path: string, status: FileStatus, previousPath?: string): FileChange {
  const terraform = isTerraformPath(path) || (previousPath !== undefined && isTerraformPath(previousPath));
  return previousPath === undefined ? { path, status, terraform } : { path, status, previousPath, terraform };
}

/** head path → base path of each rename. */
function pairRenames(
  deleted: string[],
  added: string[],
  base: Map<string, string>,
  head: Map<string, string>,
): Map<string, string> {
  const candidates = new Map<string, string[]>();
  for (const path of deleted) {
    const content = base.get(path)!;
    if (content !== '') candidates.set(content, [...(candidates.get(content) ?? []), path]);
  }
  const renames = new Map<string, string>();
  for (const sameName of [true, false]) {
    for (const path of added) {
      const pool = candidates.get(head.get(path)!);
      if (renames.has(path) || !pool) continue;
      const i = pool.findIndex((previous) => !sameName || baseName(previous) === baseName(path));
      if (i >= 0) renames.set(path, pool.splice(i, 1)[0]!);
    }
  }
  return renames;
}
