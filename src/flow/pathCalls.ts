import { normalizePath } from '../terraform/localModules.js';
import type { Expression } from '../terraform/model.js';
import { foldedCall } from './staticCalls.js';

type Call = Extract<Expression, { kind: 'call' }>;

/** Stand-ins that no string function alters (no letters, no space): `path.module`, `path.root`, a part not known. */
const MODULE_MARK = '\u0000\u0001\u0000';
const ROOT_MARK = '\u0000\u0002\u0000';
const UNKNOWN_MARK = '\u0000\u0003\u0000';
const ANY_PATH = /^/;

/** Functions that name the path they are given: `abspath("p.json")` is the file beside the root, as `"p.json"` is. */
const SAME_PATH = new Set(['abspath', 'pathexpand']);

interface PathScope {
  root: string;
  dir: string;
}

/**
 * A file path built by functions (`format("%s/p.json", path.module)`, `join("/", [path.module,
 * "p.json"])`, `abspath("p.json")`): the text it folds to, and whether that text starts from the
 * module's or the root's directory (then it is a path of the tree already). Null where any part
 * is not known, or a path reference lands anywhere but at the start.
 */
export function foldedPathText(expr: Expression, scope: PathScope): { text: string; fromTreeRoot: boolean } | null {
  const text = foldedText(expr, false);
  if (text === null || text.includes(UNKNOWN_MARK)) return null;
  const anchored = anchoredAtStart(text, scope);
  if (anchored === null || anchored.includes('\u0000')) return null;
  return { text: anchored, fromTreeRoot: anchored !== text };
}

/**
 * The tree paths a file function's argument may name when part of it is known only at apply time
 * (`"${path.module}/policies/${terraform.workspace}.json"`, `file(var.policy_path)`): a pattern
 * whose unknown parts (and, for a glob, its wildcards) match anything; where nothing of it is known, the files under the module's
 * and the root's directories (null with `spelledOnly`). Null for an absolute path, which is outside the tree.
 */
export function possiblePaths(
  expr: Expression,
  scope: PathScope,
  options: { glob?: boolean; spelledOnly?: boolean } = {},
): RegExp | null {
  const folded = foldedText(expr, true) ?? UNKNOWN_MARK;
  // A glob's wildcards (`manifests/*.yaml`) match anything, as unknown parts do.
  return markedPathPattern(options.glob ? folded.replace(/[*?]+/g, UNKNOWN_MARK) : folded, scope, options);
}

/**
 * The words of a command with a part known only at apply time (`bash ${path.module}/scripts/${var.name}.sh`,
 * `["python3", var.program]`), each as the files it may name: a pattern per such word. Words
 * written out whole are the caller's to look up (fileFunctions.filesNamedIn).
 */
export function unknownWordPatterns(expr: Expression, scope: PathScope): RegExp[] {
  const texts =
    expr.kind === 'tuple'
      ? expr.items.map((item) => foldedText(item, true) ?? UNKNOWN_MARK)
      : [foldedText(expr, true) ?? UNKNOWN_MARK];
  // Shell punctuation around a word is no part of a path: `"$(cat ${var.f})"`, `'${var.s}';`.
  const words = texts
    .flatMap((text) => text.split(/\s+/))
    .map((word) => word.replace(/^["'$(`]+|["')`;&|]+$/g, ''))
    .filter((word) => word !== '');
  const patterns: RegExp[] = [];
  // The word after an interpreter (or a reader such as `cat`) and its flags is the script it runs.
  let scriptNext = false;
  for (const [index, word] of words.entries()) {
    const isScript: boolean = scriptNext && !word.startsWith('-');
    if (isScript) scriptNext = false;
    if (INTERPRETERS.has(baseNameOf(word))) scriptNext = true;
    if (!word.includes(UNKNOWN_MARK)) continue;
    // A word of which nothing is spelled runs something only as the program or as that script
    // (`python3 -u ${var.script}`, `sh -c "$(cat ${var.f})"`); elsewhere it is an argument
    // (`az feature register --namespace ${…}`, `bash -c "az keyvault secret show --id '${…}'"`).
    const unspelled = spellsNothing(word);
    if (unspelled && index > 0 && !isScript) continue;
    const pattern = markedPathPattern(word, scope, { spelledOnly: false });
    // Of a word of which nothing is written, only a file that is a script by its name may be what it runs.
    if (pattern) patterns.push(unspelled ? new RegExp(`(?=${SCRIPT_FILE})${pattern.source}`) : pattern);
  }
  return patterns;
}

/** A script by its name: an interpreter's extension, or no extension at all (`bin/deploy`). */
const SCRIPT_FILE = '(?:.*\\.(?:sh|bash|zsh|ksh|ps1|psm1|py|js|mjs|cjs|ts|rb|pl|bat|cmd)|(?:.*/)?[^./]+)$';

/** Programs that run (or, `cat`, read out) a script named after them. */
const INTERPRETERS = new Set([
  'cat',
  'bash',
  'sh',
  'zsh',
  'source',
  '.',
  'python',
  'python3',
  'node',
  'pwsh',
  'powershell',
  'ruby',
  'perl',
]);

function baseNameOf(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function markedPathPattern(text: string, scope: PathScope, options: { spelledOnly?: boolean }): RegExp | null {
  if (text.startsWith('/')) return null;
  // A mark cut by a string function (`substr`) leaves a stray character: nothing is known then.
  if (marksAs(text, '').includes('\u0000')) return withinDirectories([scope.dir, scope.root]);
  const anchored = anchoredAtStart(text, scope);
  // Where the path starts is not known when it starts with an unknown part (or names path.module midway).
  const path =
    anchored === null
      ? UNKNOWN_MARK + text
      : anchored !== text || text.startsWith(UNKNOWN_MARK)
        ? anchored
        : join(scope.root, text);
  const generic = marksAs(path, UNKNOWN_MARK);
  // `..` after an unknown part climbs out of a directory not known.
  const unknownAt = generic.indexOf(UNKNOWN_MARK);
  if (unknownAt >= 0 && generic.slice(unknownAt).split('/').includes('..'))
    return withinDirectories([scope.dir, scope.root]);
  const normalized = normalizePath(generic);
  if (normalized === null) return null;
  // Nothing spelled at all (`file(var.credentials_path)`): a file of the module's or the root's
  // own directories, not every changed file of the repository (a Makefile, a CI definition);
  // one elsewhere stays an unreached value that names this read.
  if (spellsNothing(normalized)) return options.spelledOnly ? null : withinDirectories([scope.dir, scope.root]);
  const source = normalized.split(UNKNOWN_MARK).map(escapedForRegExp).join('.*');
  return new RegExp(`^${source}$`);
}

/** The files under a module's and its root's directories: where a path of which nothing is spelled may lead. */
export function ownDirectories(scope: PathScope): RegExp {
  return withinDirectories([scope.dir, scope.root]);
}

function withinDirectories(dirs: readonly string[]): RegExp {
  if (dirs.includes('.')) return ANY_PATH;
  const escaped = [...new Set(dirs)].map(escapedForRegExp);
  return new RegExp(`^(${escaped.join('|')})/`);
}

/** Only marks, dots and slashes: nothing of the path is written. */
function spellsNothing(text: string): boolean {
  return marksAs(text, '').replace(/[./]/g, '') === '';
}

function escapedForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every mark (path references and unknown parts alike) replaced by `by`. */
function marksAs(text: string, by: string): string {
  return [MODULE_MARK, ROOT_MARK, UNKNOWN_MARK].reduce((out, mark) => out.split(mark).join(by), text);
}

/** `path.module` / `path.root` at the start replaced by the tree directory; null where one is anywhere else. */
function anchoredAtStart(text: string, scope: PathScope): string | null {
  for (const [mark, dir] of [
    [MODULE_MARK, scope.dir],
    [ROOT_MARK, scope.root],
  ] as const) {
    if (!text.includes(mark)) continue;
    if (!text.startsWith(mark)) return null;
    const rest = text.slice(mark.length);
    if (rest.includes(MODULE_MARK) || rest.includes(ROOT_MARK)) return null;
    return dir + rest;
  }
  return text;
}

function join(dir: string, path: string): string {
  return dir === '.' ? path : `${dir}/${path}`;
}

function foldedText(expr: Expression, unknownAsMark: boolean): string | null {
  const folded = foldedPath(expr, unknownAsMark);
  return folded?.kind === 'literal' && typeof folded.value === 'string' ? folded.value : null;
}

/**
 * The expression with path references as marks and every call folded that can be. A part not
 * known is null, or the unknown mark when `unknownAsMark` (a string function carries it along:
 * `format("%s.json", var.env)` is any name ending in `.json`).
 */
function foldedPath(expr: Expression, unknownAsMark: boolean): Expression | null {
  const unknown = (): Expression | null =>
    unknownAsMark ? { kind: 'literal', value: UNKNOWN_MARK, range: expr.range } : null;
  switch (expr.kind) {
    case 'literal':
      return expr;
    case 'parens':
      return foldedPath(expr.inner, unknownAsMark);
    case 'getAttr': {
      if (expr.target.kind !== 'variable' || expr.target.name !== 'path') return unknown();
      const mark =
        expr.name === 'module' ? MODULE_MARK : expr.name === 'root' || expr.name === 'cwd' ? ROOT_MARK : null;
      return mark === null ? unknown() : { kind: 'literal', value: mark, range: expr.range };
    }
    case 'tuple': {
      const items = expr.items.map((item) => foldedPath(item, unknownAsMark));
      return items.every((item) => item !== null) ? { ...expr, items: items as Expression[] } : null;
    }
    case 'template': {
      let value = '';
      for (const part of expr.parts) {
        if (part.kind === 'text') {
          value += part.value;
          continue;
        }
        const inner = part.kind === 'interpolation' ? foldedPath(part.expr, unknownAsMark) : unknown();
        if (inner?.kind !== 'literal' || inner.value === null) return unknown();
        value += String(inner.value);
      }
      return { kind: 'literal', value, range: expr.range };
    }
    case 'call': {
      const args = expr.args.map((arg) => foldedPath(arg, unknownAsMark));
      if (!args.every((arg) => arg !== null)) return null;
      if (SAME_PATH.has(expr.name) && args.length === 1) return sameLiteralPath(args[0]!) ?? unknown();
      return foldedCall(expr as Call, args as Expression[]) ?? unknown();
    }
    default:
      return unknown();
  }
}

/** `pathexpand("~/x")` is a home directory, outside the tree: not known. */
function sameLiteralPath(arg: Expression): Expression | null {
  if (arg.kind !== 'literal' || typeof arg.value !== 'string' || arg.value.startsWith('~')) return null;
  return arg;
}
