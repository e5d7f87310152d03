/**
 * Module sources that name a directory of the same repository. Terraform treats a source as a
 * local path only when it starts with `./` or `../`; anything else (registry, Git, archives,
 * an absolute path) is code that is not under review here.
 */
export function isLocalModuleSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/**
 * The directory a local `source` names, relative to the tree root ('.' for the root), from the
 * directory of the calling module; null when the source is not local or leaves the tree.
 */
export function localModuleDirectory(callerDirectory: string, source: string): string | null {
  if (!isLocalModuleSource(source)) return null;
  const segments = callerDirectory === '.' ? [] : callerDirectory.split('/');
  // A `//subdir` suffix (go-getter syntax) is not meaningful for local paths; Terraform reads the whole path.
  for (const part of source.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length === 0) return null;
      segments.pop();
    } else {
      segments.push(part);
    }
  }
  return segments.length === 0 ? '.' : segments.join('/');
}
