/** One revision of a repository's files, as the pure core sees them: no file system, no Git. */
export interface SourceFile {
  /** POSIX path relative to the tree root */
  path: string;
  content: string;
  /** Git's blob SHA of the content, when known: a key for caching its parse */
  blobSha?: string;
}

export interface SourceTree {
  files: SourceFile[];
}

/** Directories that never hold configuration under review: tool caches and VCS metadata. */
const IGNORED_DIRECTORIES = new Set(['.git', '.terraform', 'node_modules']);

export function isIgnoredPath(path: string): boolean {
  return path.split('/').some((segment) => IGNORED_DIRECTORIES.has(segment));
}
