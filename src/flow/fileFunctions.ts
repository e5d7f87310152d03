import { createHash } from 'node:crypto';
import { normalizePath } from '../terraform/localModules.js';
import type { Expression } from '../terraform/model.js';
import { globMatch } from '../util/glob.js';
import { foldedPathText } from './pathCalls.js';

/** Functions whose result is (or is derived from) a file's content. */
export const CONTENT_FUNCTIONS: ReadonlySet<string> = new Set([
  'file',
  'templatefile',
  'filebase64',
  'filemd5',
  'filesha1',
  'filesha256',
  'filesha512',
  'filebase64sha256',
  'filebase64sha512',
]);

/** The files of one revision, for the functions that read them. */
export interface FileReader {
  content(path: string): string | undefined;
  /** the content when the file was read, without asking for it when it was not (`askedNotRead`) */
  readContent(path: string): string | undefined;
  paths(): readonly string[];
  /** the files asked for that exist but were not read (`SourceTree.notRead`), sorted */
  askedNotRead(): string[];
}

export function fileReader(files: ReadonlyMap<string, string>, notRead: ReadonlySet<string> = new Set()): FileReader {
  let sorted: string[] | null = null;
  const asked = new Set<string>();
  return {
    content: (path) => {
      const content = files.get(path);
      if (content === undefined && notRead.has(path)) asked.add(path);
      return content;
    },
    readContent: (path) => files.get(path),
    paths: () => (sorted ??= [...new Set([...files.keys(), ...notRead])].sort()),
    askedNotRead: () => [...asked].sort(),
  };
}

export function contentDigest(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

/** Where `path.module` and friends point, as paths of the tree. */
export interface PathScope {
  root: string;
  dir: string;
}

/**
 * The tree path a file function's first argument names, when it is known statically: a literal,
 * or a template of literals and `path.module` / `path.root` / `path.cwd`. Relative paths are read
 * from the root module's directory, where Terraform runs. Null for anything else (a path built
 * from `each.value`, or an absolute path outside the repository).
 */
export function fileFunctionPath(expr: Expression, scope: PathScope): string | null {
  const spelled = spelledPath(expr, scope);
  if (spelled === null || spelled.text.startsWith('/')) return null;
  return normalizePath(spelled.fromTreeRoot ? spelled.text : join(scope.root, spelled.text));
}

function spelledPath(expr: Expression, scope: PathScope): { text: string; fromTreeRoot: boolean } | null {
  return writtenPath(expr, scope) ?? foldedPathText(expr, scope);
}

function writtenPath(expr: Expression, scope: PathScope): { text: string; fromTreeRoot: boolean } | null {
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? { text: expr.value, fromTreeRoot: false } : null;
  if (expr.kind === 'parens') return writtenPath(expr.inner, scope);
  const single = pathReference(expr, scope);
  if (single !== null) return { text: single, fromTreeRoot: true };
  if (expr.kind !== 'template') return null;
  let text = '';
  let fromTreeRoot = false;
  for (const [i, part] of expr.parts.entries()) {
    if (part.kind === 'text') {
      text += part.value;
    } else if (part.kind === 'interpolation') {
      const reference = pathReference(part.expr, scope);
      if (reference !== null) {
        if (i === 0) fromTreeRoot = true;
        text += reference;
      } else if (part.expr.kind === 'literal' && part.expr.value !== null) {
        text += String(part.expr.value);
      } else {
        return null;
      }
    } else {
      return null;
    }
  }
  return { text, fromTreeRoot };
}

function pathReference(expr: Expression, scope: PathScope): string | null {
  if (expr.kind !== 'getAttr' || expr.target.kind !== 'variable' || expr.target.name !== 'path') return null;
  if (expr.name === 'module') return scope.dir;
  if (expr.name === 'root' || expr.name === 'cwd') return scope.root;
  return null;
}

function join(dir: string, path: string): string {
  return dir === '.' ? path : `${dir}/${path}`;
}

/** `fileset(dir, pattern)`: the files under `dir` matching the pattern, with their path relative to `dir`. */
export function filesMatching(files: FileReader, dir: string, pattern: string): { path: string; relative: string }[] {
  const prefix = dir === '.' ? '' : dir + '/';
  return files
    .paths()
    .filter((path) => path.startsWith(prefix))
    .map((path) => ({ path, relative: path.slice(prefix.length) }))
    .filter((file) => globMatch(file.relative, pattern));
}

const SCRIPT_TOKEN = /[A-Za-z0-9_@%+=:,./~-]+/g;

/**
 * Files of the tree that a command line names (`bash ${path.module}/scripts/deploy.sh`,
 * `["python3", "scripts/x.py"]`): what a provisioner or an external program runs. A token counts
 * when it is the path of a file, read from the module's directory or the root's.
 */
export function filesNamedIn(texts: readonly string[], scope: PathScope, files: FileReader): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const token of text.match(SCRIPT_TOKEN) ?? []) {
      if (!token.includes('.') && !token.includes('/')) continue;
      for (const base of [scope.dir, scope.root, '.']) {
        const path = normalizePath(join(base, token.replace(/^\.\//, '')));
        if (path !== null && files.content(path) !== undefined) {
          found.add(path);
          break;
        }
      }
    }
  }
  return [...found].sort();
}
