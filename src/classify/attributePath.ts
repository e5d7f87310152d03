import { globMatch } from './glob.js';

/**
 * Glob matching over attribute paths (`ingress[0].cidr_blocks`, `lifecycle.prevent_destroy`).
 * Segments are separated by `.`; `[i]` indices are segments of their own. A pattern without any
 * index (`ingress.cidr_blocks`) matches whatever the indices are; `[*]` matches any one index;
 * `*` one name, `**` any number of segments.
 */
export function attributePathMatches(path: string, pattern: string): boolean {
  const patternHasIndex = /\[[^\]]*\]/.test(pattern);
  const subject = toSlashed(path, !patternHasIndex);
  return globMatch(subject, toSlashed(pattern, false));
}

const cache = new Map<string, string>();

function toSlashed(path: string, dropIndices: boolean): string {
  const key = (dropIndices ? '1' : '0') + path;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const segments: string[] = [];
  for (const part of path.split(/(\[[^\]]*\])|\./)) {
    if (part === undefined || part === '') continue;
    if (part.startsWith('[')) {
      if (!dropIndices) segments.push('#' + part.slice(1, -1));
    } else {
      segments.push(part);
    }
  }
  const slashed = segments.join('/');
  if (cache.size > 10_000) cache.clear();
  cache.set(key, slashed);
  return slashed;
}

export function anyPathMatches(paths: readonly string[], patterns: readonly string[]): boolean {
  return paths.some((path) => patterns.some((pattern) => attributePathMatches(path, pattern)));
}
