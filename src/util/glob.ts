import { Minimatch } from 'minimatch';

const OPTIONS = { dot: true, nocomment: true, nonegate: true } as const;

/** A pattern as compiled once: null for a plain name; else minimatch and what it said of each subject so far. */
type Compiled = { matcher: Minimatch; answers: Map<string, boolean> } | null;
const compiled = new Map<string, Compiled>();
/** Patterns remembered: every policy's, in an app serving many repositories. */
const MAX_PATTERNS = 50_000;

/** Subjects remembered per pattern: resource types and rule ids are few, file paths can be many. */
const MAX_ANSWERS = 10_000;

/**
 * minimatch with compiled patterns and answers cached: the catalog's globs are matched against
 * the same few resource types for every rule of every change (a thousand changes, tens of
 * thousands of matches).
 */
export function globMatch(subject: string, pattern: string): boolean {
  let known = compiled.get(pattern);
  if (known === undefined) {
    // Most patterns (resource types, attribute names) are plain names: minimatch would compare them as they are.
    known = isPlainName(pattern) ? null : { matcher: new Minimatch(pattern, OPTIONS), answers: new Map() };
    if (compiled.size >= MAX_PATTERNS) compiled.clear();
    compiled.set(pattern, known);
  }
  if (known === null) return subject === pattern;
  let answer = known.answers.get(subject);
  if (answer === undefined) {
    answer = known.matcher.match(subject);
    if (known.answers.size >= MAX_ANSWERS) known.answers.clear();
    known.answers.set(subject, answer);
  }
  return answer;
}

/** No glob syntax, no path separator, not `.` or `..`: a pattern that matches itself only. */
function isPlainName(pattern: string): boolean {
  return pattern !== '' && pattern !== '.' && pattern !== '..' && !GLOB_OR_PATH.test(pattern);
}

const GLOB_OR_PATH = /[*?[\]{}()!+@\\/#]/;
