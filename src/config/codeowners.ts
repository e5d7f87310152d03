/**
 * GitHub's CODEOWNERS file, read and matched as GitHub does. No npm parser is faithful to it
 * (they follow gitignore, where `docs/*` owns nested files and `!` negates), so this one follows
 * GitHub's documented rules, which docs/owners.md lists and test/config/codeowners.test.ts checks
 * against GitHub's own examples:
 *
 * - GitHub uses the first of `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS` it finds.
 * - Each line is a pattern and its owners (`@login`, `@org/team`, an e-mail address), separated by
 *   whitespace; `\` escapes the next character (a space in a path). `#` starts a comment, at the
 *   start of a line or after an owner; escaping it does not work (GitHub ignores such a line).
 * - The last line whose pattern matches a path wins; a line without owners leaves the path unowned.
 * - A pattern starting with `/` is anchored at the root, and so is one with a `/` inside it; one
 *   without (`*.js`, `logs`, `apps/`) matches at any depth. A trailing `/` matches what is inside
 *   a directory. `*` and `?` never match `/`; `**` as a segment matches any number of directories.
 * - A pattern that matches a directory owns everything beneath it, except that a last segment of
 *   a lone `*` matches only the directory's files (`docs/*` owns `docs/a.md`, not `docs/b/c.md`).
 * - Paths are case sensitive. Negation (`!`) and character ranges (`[ ]`) are not supported:
 *   GitHub ignores such lines, and so does Four Eyes, saying so.
 * - An owner that is none of the three forms is kept as written: nobody can approve as it, so
 *   the check does not pass on it (fail closed) and says why.
 */

/** Where GitHub looks, in its order: the first file found is the only one used. */
export const CODEOWNERS_PATHS: readonly string[] = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

export interface CodeownersEntry {
  /** 1-based line number */
  line: number;
  pattern: string;
  /** as written: `@login`, `@org/team` or an e-mail address; empty: the line leaves its paths unowned */
  owners: string[];
  matcher: RegExp;
}

/** A line GitHub ignores or cannot use as written, and why. */
interface CodeownersProblem {
  line: number;
  message: string;
}

export interface Codeowners {
  /** the file's path in the repository (`.github/CODEOWNERS`) */
  path: string;
  /** where it was read, for messages: `main:.github/CODEOWNERS` */
  source: string;
  entries: CodeownersEntry[];
  problems: CodeownersProblem[];
}

/** The CODEOWNERS file GitHub uses among a tree's paths, or null when it has none. */
export function codeownersPath(paths: Iterable<string>): string | null {
  const present = new Set(paths);
  return CODEOWNERS_PATHS.find((path) => present.has(path)) ?? null;
}

/** The CODEOWNERS file of a tree, parsed; null when the tree has none. */
export function codeownersOfTree(
  files: readonly { path: string; content: string }[],
  sourcePrefix = '',
): Codeowners | null {
  const path = codeownersPath(files.map((file) => file.path));
  const file = path === null ? undefined : files.find((f) => f.path === path);
  return file ? parseCodeowners(file.path, file.content, sourcePrefix + file.path) : null;
}

export function parseCodeowners(path: string, text: string, source = path): Codeowners {
  const entries: CodeownersEntry[] = [];
  const problems: CodeownersProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const parsed = parseLine(raw.replace(/\r$/, ''));
    if (parsed === null) return;
    for (const message of parsed.problems) problems.push({ line, message });
    if (parsed.entry) entries.push({ line, ...parsed.entry });
  });
  return { path, source, entries, problems };
}

/** The line that decides who owns a path: the last one matching it, or null when none does. */
export function codeownersEntryFor(codeowners: Codeowners, path: string): CodeownersEntry | null {
  for (let i = codeowners.entries.length - 1; i >= 0; i--) {
    if (codeowners.entries[i]!.matcher.test(path)) return codeowners.entries[i]!;
  }
  return null;
}

/** An owner as written, sorted into the kind GitHub takes it for. */
export function ownerKind(owner: string): 'user' | 'team' | 'email' | 'invalid' {
  if (/^@[A-Za-z0-9](?:[A-Za-z0-9_-]*)$/.test(owner)) return 'user';
  if (/^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(owner)) return 'team';
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(owner)) return 'email';
  return 'invalid';
}

type ParsedLine = { entry: Omit<CodeownersEntry, 'line'> | null; problems: string[] };

/** null: a blank line or a comment. */
function parseLine(text: string): ParsedLine | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  if (trimmed.startsWith('\\#'))
    return { entry: null, problems: ['escaping "#" does not work in CODEOWNERS: GitHub ignores this line'] };
  const tokens = tokenize(trimmed);
  const [pattern, ...owners] = tokens;
  if (pattern === undefined) return null;
  const patternProblem = problemOfPattern(pattern);
  if (patternProblem) return { entry: null, problems: [`${patternProblem}: GitHub ignores this line`] };
  const problems = owners
    .filter((owner) => ownerKind(owner) === 'invalid')
    .map(
      (owner) =>
        `"${owner}" is not an owner GitHub understands (@login, @org/team or an e-mail address): nobody can approve as it`,
    );
  return { entry: { pattern, owners, matcher: patternMatcher(pattern) }, problems };
}

/** Whitespace-separated tokens up to a comment; `\` keeps the next character (a space) in its token. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '#') break;
    if (ch === '\\' && i + 1 < text.length && text[i + 1] !== '#') {
      current += ch + text[++i];
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (current) tokens.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current) tokens.push(current);
  return tokens;
}

function problemOfPattern(pattern: string): string | null {
  if (pattern.startsWith('!')) return `"${pattern}" negates a pattern, which CODEOWNERS does not support`;
  if (/[[\]]/.test(pattern.replace(/\\./g, '')))
    return `"${pattern}" uses a character range ([ ]), which CODEOWNERS does not support`;
  if (pattern.endsWith('\\') && !pattern.endsWith('\\\\')) return `"${pattern}" ends with a lone backslash`;
  if (pattern.replace(/\//g, '') === '') return `"${pattern}" names no path`;
  return null;
}

/** The pattern as a regular expression over a POSIX path relative to the root. */
function patternMatcher(pattern: string): RegExp {
  const anchored = pattern.startsWith('/');
  let body = anchored ? pattern.slice(1) : pattern;
  const directory = body.endsWith('/');
  if (directory) body = body.slice(0, -1);
  const segments = body.split('/');
  // Without a slash before its end, a pattern matches at any depth, as if it began with **/.
  const floating = !anchored && segments.length === 1;
  if (directory) segments.push('**');
  let source = floating && segments[0] !== '**' ? '(?:.*/)?' : '';
  let slash = false;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      if (last) source += (slash ? '/' : '') + '.+';
      else if (!slash) source += '(?:.*/)?';
      else source += '(?:/.+)?';
      return;
    }
    source += (slash ? '/' : '') + segmentSource(segment);
    slash = true;
  });
  const lastSegment = segments[segments.length - 1];
  // What a pattern names is also every path beneath it, unless it ends in a lone * (docs/*).
  if (lastSegment !== '**' && lastSegment !== '*') source += '(?:/.+)?';
  return new RegExp(`^${source}$`);
}

function segmentSource(segment: string): string {
  if (segment === '*') return '[^/]+';
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '\\' && i + 1 < segment.length) out += escapeRegex(segment[++i]!);
    else if (ch === '*') {
      while (segment[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else out += escapeRegex(ch);
  }
  return out;
}

function escapeRegex(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? '\\' + ch : ch;
}
