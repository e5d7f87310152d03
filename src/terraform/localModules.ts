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
  // A `//subdir` suffix (go-getter syntax) is not meaningful for local paths; Terraform reads the whole path.
  return normalizePath(callerDirectory === '.' ? source : `${callerDirectory}/${source}`);
}

/** `a/./b/../c` → `a/c` ('.' for the root); null when it climbs out of the tree. */
export function normalizePath(path: string): string | null {
  const segments: string[] = [];
  for (const part of path.split('/')) {
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

/**
 * Whether a configuration file's text may call a local module: a `module` block whose source is
 * a literal starting with `./` or `../`. A file without `module` and `./` calls none, and need not
 * be parsed to know it, unless an escape may spell either (`\u002e`, `\U0000002E`, JSON's
 * `\/`, or a JSON key `"\u006dodule"`).
 */
export function mayCallLocalModule(text: string): boolean {
  if (text.includes('\\u') || text.includes('\\U')) return true;
  return text.includes('module') && (text.includes('./') || text.includes('\\/'));
}
