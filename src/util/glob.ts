import { Minimatch } from 'minimatch';

const OPTIONS = { dot: true, nocomment: true, nonegate: true } as const;
const compiled = new Map<string, Minimatch>();

/** minimatch with compiled patterns cached: the catalog's globs are matched many times per PR. */
export function globMatch(subject: string, pattern: string): boolean {
  // Most patterns (resource types, attribute names) are plain names: minimatch would compare them as they are.
  if (isPlainName(pattern)) return subject === pattern;
  let matcher = compiled.get(pattern);
  if (!matcher) {
    matcher = new Minimatch(pattern, OPTIONS);
    compiled.set(pattern, matcher);
  }
  return matcher.match(subject);
}

/** No glob syntax, no path separator, not `.` or `..`: a pattern that matches itself only. */
function isPlainName(pattern: string): boolean {
  return pattern !== '' && pattern !== '.' && pattern !== '..' && !GLOB_OR_PATH.test(pattern);
}

const GLOB_OR_PATH = /[*?[\]{}()!+@\\/#]/;
