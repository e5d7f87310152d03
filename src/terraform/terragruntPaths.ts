import { normalizePath } from './localModules.js';
import type { Expression } from './model.js';
import { moduleDirectory } from './modulePaths.js';

/**
 * The repository path an include's `path` names, relative to the deployment's file:
 * `find_in_parent_folders()` (the nearest `terragrunt.hcl` above the deployment's directory),
 * `find_in_parent_folders("root.hcl")`, a path written out (`"../common/terragrunt.hcl"`), or
 * one built with `get_terragrunt_dir()`, `get_repo_root()`, or `dirname()` of the above. Null
 * for anything else.
 */
export function includedPath(expr: Expression, file: string, exists: (path: string) => boolean): string | null {
  const directory = moduleDirectory(file);
  const resolved = pathText(expr, directory, exists);
  if (resolved === null || resolved.startsWith('/')) return null;
  return normalizePath(directory === '.' ? resolved : `${directory}/${resolved}`);
}

/** The text of a path expression, relative to `directory` (the deployment's); null when not known. */
function pathText(expr: Expression, directory: string, exists: (path: string) => boolean): string | null {
  if (expr.kind === 'parens') return pathText(expr.inner, directory, exists);
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : null;
  if (expr.kind === 'call') return callText(expr, directory, exists);
  if (expr.kind !== 'template') return null;
  let out = '';
  for (const part of expr.parts) {
    if (part.kind === 'text') out += part.value;
    else if (part.kind === 'interpolation') {
      const inner = pathText(part.expr, directory, exists);
      if (inner === null) return null;
      out += inner;
    } else return null;
  }
  return out;
}

function callText(
  call: Extract<Expression, { kind: 'call' }>,
  directory: string,
  exists: (path: string) => boolean,
): string | null {
  const up = upToTop(directory);
  switch (call.name) {
    case 'get_terragrunt_dir':
      return '.';
    case 'get_repo_root':
      return up;
    case 'dirname': {
      const inner = call.args.length === 1 ? pathText(call.args[0]!, directory, exists) : null;
      if (inner === null) return null;
      const slash = inner.lastIndexOf('/');
      return slash < 0 ? '.' : inner.slice(0, slash) || '/';
    }
    case 'find_in_parent_folders': {
      const name = call.args.length === 0 ? 'terragrunt.hcl' : pathText(call.args[0]!, directory, exists);
      if (name === null) return null;
      // Terragrunt looks from the directory above the deployment's up to the top.
      let relative = '..';
      for (let above = directory; above !== '.'; relative += '/..') {
        above = moduleDirectory(above);
        const candidate = normalizePath(above === '.' ? name : `${above}/${name}`);
        if (candidate !== null && exists(candidate)) return `${relative}/${name}`;
      }
      return null;
    }
    default:
      return null;
  }
}

/** The way from a directory up to the repository's top, as a relative path: `live/prod` → `../..`. */
export function upToTop(directory: string): string {
  return directory === '.' ? '.' : directory.replace(/[^/]+/g, '..');
}
