import type { ValueTrace } from '../flow/sources.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { isLfsPointer } from '../terraform/lfsPointer.js';
import type { SourceTree } from '../terraform/sourceTree.js';

/** A changed file stored in Git LFS whose content a Terraform value is made of. */
export interface LfsRead {
  path: string;
  /** the first object and attribute that read it, as `address attribute` */
  readBy: string;
}

interface TracedChange {
  address: string;
  via?: readonly ValueTrace[];
}

/**
 * The changed files that are LFS pointers at either side and that a change's value came from
 * (the first step of one of its traces): what Terraform reads there is not in the tree. A
 * pointer nothing reads (an image beside the code) is not Terraform's concern.
 */
export function lfsReadFiles(
  files: readonly FileChange[],
  base: SourceTree,
  head: SourceTree,
  changes: readonly TracedChange[],
): LfsRead[] {
  const pointers = new Set(
    [...base.files, ...head.files].filter((file) => isLfsPointer(file.content)).map((file) => file.path),
  );
  if (pointers.size === 0) return [];
  const changed = new Set(files.map((file) => file.path).filter((path) => pointers.has(path)));
  const readBy = new Map<string, string>();
  for (const change of changes) {
    for (const trace of change.via ?? []) {
      const source = trace.steps[0]?.file;
      if (source !== undefined && changed.has(source) && !readBy.has(source))
        readBy.set(source, `${change.address} ${trace.path}`);
    }
  }
  return [...readBy]
    .map(([path, by]) => ({ path, readBy: by }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
