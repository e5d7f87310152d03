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

/** Slashed forms by path, with and without indices: asked for every (path, pattern) pair the rules try. */
const withIndices = new Map<string, string>();
const withoutIndices = new Map<string, string>();

function toSlashed(path: string, dropIndices: boolean): string {
  const cache = dropIndices ? withoutIndices : withIndices;
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  // `a[0].b` → `a/#0/b` (indices kept) or `a/b` (dropped).
  const segments: string[] = [];
  for (const part of path.split(/(\[[^\]]*\])|\./)) {
    if (part === undefined || part === '') continue;
    if (!part.startsWith('[')) segments.push(part);
    else if (!dropIndices) segments.push('#' + part.slice(1, -1));
  }
  const slashed = segments.join('/');
  // Bounded, but large enough for a whole repository's or plan's paths: clearing often costs more than it saves.
  if (cache.size > 500_000) cache.clear();
  cache.set(path, slashed);
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
  // Every path (the value matchers that look inside every attribute): no glob needed.
  if (pattern === '**') return true;
  let answers = answersByPattern.get(pattern);
  if (answers === undefined) {
    answers = new Map();
    answersByPattern.set(pattern, answers);
  }
  let answer = answers.get(path);
  if (answer === undefined) {
    const generated = generatedBlockPath(path);
    answer = attributePathMatches(path, pattern) || (generated !== null && attributePathMatches(generated, pattern));
    // Bounded per pattern; a plan's thousands of objects of one type share their paths, so this rarely clears.
    if (answers.size > 50_000) answers.clear();
    answers.set(path, answer);
  }
  return answer;
}

/**
 * Answers by pattern, then path: every rule asks about every path of every object it judges, and
 * objects of one type have the same paths, so each (path, pattern) pair is globbed once.
 */
const answersByPattern = new Map<string, Map<string, boolean>>();

export function anyConfigurationPathMatches(paths: readonly string[], patterns: readonly string[]): boolean {
  return paths.some((path) => patterns.some((pattern) => configurationPathMatches(path, pattern)));
}
