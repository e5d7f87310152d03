import { Minimatch } from 'minimatch';

const OPTIONS = { dot: true, nocomment: true, nonegate: true } as const;
const compiled = new Map<string, Minimatch>();

/** minimatch with compiled patterns cached: the catalog's globs are matched many times per PR. */
export function globMatch(subject: string, pattern: string): boolean {
  let matcher = compiled.get(pattern);
  if (!matcher) {
    matcher = new Minimatch(pattern, OPTIONS);
    compiled.set(pattern, matcher);
  }
  return matcher.match(subject);
}
