import { globMatch } from '../util/glob.js';

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
  // Bounded, but large enough for a whole repository's paths: clearing it often costs more than it saves.
  if (cache.size > 200_000) cache.clear();
  cache.set(key, slashed);
  return slashed;
}

/**
 * The path as the blocks a `dynamic` block generates would have it: `dynamic "ingress" { content
 * { cidr_blocks = … } }` generates `ingress` blocks, so `dynamic.ingress[0].content.cidr_blocks`
 * is also `ingress[0].cidr_blocks`. Null for a path outside any dynamic block's content.
 */
export function generatedBlockPath(path: string): string | null {
  if (!path.includes('dynamic.')) return null;
  const generated = path.replace(/(^|\.)dynamic\.([^.[\]]+)(\[\d+\])\.content(?=\.|$)/g, '$1$2$3');
  return generated === path ? null : generated;
}

/** Rules see a dynamic block's content both as written and as the blocks it generates. */
export function configurationPathMatches(path: string, pattern: string): boolean {
  if (attributePathMatches(path, pattern)) return true;
  const generated = generatedBlockPath(path);
  return generated !== null && attributePathMatches(generated, pattern);
}

export function anyConfigurationPathMatches(paths: readonly string[], patterns: readonly string[]): boolean {
  return paths.some((path) => patterns.some((pattern) => configurationPathMatches(path, pattern)));
}
