import { mayExportVariables } from '../terraform/configurationFiles.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { baseName, moduleDirectory } from '../terraform/modulePaths.js';
import { isTerraformPath } from '../terraform/parseFile.js';

import type { VarAssignment, VarFile } from './varFiles.js';

/** A set of variable values a root may be run with: the auto-loaded files, plus one `-var-file`. */
export interface VarContext {
  /** the var file's path relative to the root ('' for the auto-loaded values alone) */
  id: string;
  /** the var file's path in the tree, or null */
  file: string | null;
  /** whether the var file exists at the base and at the head */
  atBase: boolean;
  atHead: boolean;
}

/** The root a var file belongs to: its own directory's, else the nearest root above it. */
function rootOfVarFile(path: string, roots: ReadonlySet<string>): string | null {
  let known = rootMemo.get(roots);
  if (!known) {
    known = new Map();
    rootMemo.set(roots, known);
  }
  let root = known.get(path);
  if (root === undefined) {
    root = nearestRoot(path, roots);
    known.set(path, root);
  }
  return root;
}

const rootMemo = new WeakMap<ReadonlySet<string>, Map<string, string | null>>();

function nearestRoot(path: string, roots: ReadonlySet<string>): string | null {
  let dir = moduleDirectory(path);
  for (;;) {
    if (roots.has(dir)) return dir;
    if (dir === '.') return null;
    dir = moduleDirectory(dir);
  }
}

/** The auto-loaded values alone: every root's first context. */
export const AUTO_LOADED: VarContext = { id: '', file: null, atBase: true, atHead: true };

/** Picks at most `slots` of a root's unchanged var-file contexts, keeping their order. */
export type ContextChooser = (candidates: readonly VarContext[], slots: number) => VarContext[];

/** Auto-loaded files count only in the root's own directory; every other var file is a `-var-file` candidate. */
function isAutoLoadedFor(file: VarFile, root: string): boolean {
  return file.autoLoaded && moduleDirectory(file.path) === root;
}

/** Which var files a root may be run with: its own, and those no root owns that set its variables. */
export type VarFileOwner = (root: string, file: VarFile) => boolean;

/**
 * A var file under a root belongs to it. One no root owns (`vars/prod.tfvars` beside
 * `stacks/*`) is passed with `-var-file=../../vars/prod.tfvars` to some root: to every root that
 * declares a variable it sets, as far as Four Eyes can tell.
 */
export function varFileOwner(
  roots: ReadonlySet<string>,
  declared: (root: string) => ReadonlySet<string>,
): VarFileOwner {
  return (root, file) => {
    const owner = file.anyRoot ? null : rootOfVarFile(file.path, roots);
    if (owner !== null) return owner === root;
    const variables = declared(root);
    return file.assignments.some((assignment) => variables.has(assignment.name));
  };
}

/** A context's id: the file's path from its root, or `//` and its tree path for a file outside the root. */
function contextId(root: string, path: string): string {
  if (root === '.') return path;
  return path.startsWith(root + '/') ? path.slice(root.length + 1) : '//' + path;
}

function contextPath(root: string, id: string): string {
  if (id.startsWith('//')) return id.slice(2);
  return root === '.' ? id : `${root}/${id}`;
}

/** How many var-file contexts of a root are resolved, besides its auto-loaded values. */
export interface ContextLimits {
  /** var files whose values change: each is a change of its own, so one left out is a change not judged */
  changed: number;
  /** the others: their values only show where a change of the code lands under them */
  unchanged: number;
}

/** A root's contexts, and its changed var files beyond the limit: their values are not followed. */
export interface RootContexts {
  contexts: VarContext[];
  unresolved: VarContext[];
}

/**
 * The contexts a root is resolved in: the auto-loaded values, each var file that belongs to it
 * (at base or head) and changed its values, and of the unchanged ones those `choose` picks (see
 * contextRelevance.ts; by default the first by name), within `limits`. A changed var file beyond
 * the limit is `unresolved`: a change Four Eyes does not judge, so it must not pass unseen.
 */
export function contextsOf(
  baseRoot: string | null,
  headRoot: string | null,
  baseFiles: readonly VarFile[],
  headFiles: readonly VarFile[],
  owns: { base: VarFileOwner; head: VarFileOwner },
  changed: readonly FileChange[],
  limits: ContextLimits,
  choose: ContextChooser = (candidates, slots) => candidates.slice(0, slots),
): RootContexts {
  const found = new Map<string, VarContext>();
  const add = (root: string | null, files: readonly VarFile[], side: 'atBase' | 'atHead') => {
    if (root === null) return;
    const owner = side === 'atBase' ? owns.base : owns.head;
    for (const file of files) {
      if (isAutoLoadedFor(file, root) || !owner(root, file)) continue;
      const id = contextId(root, file.path);
      const context = found.get(id) ?? { id, file: file.path, atBase: false, atHead: false };
      context[side] = true;
      if (side === 'atHead') context.file = file.path;
      found.set(id, context);
    }
  };
  add(baseRoot, baseFiles, 'atBase');
  add(headRoot, headFiles, 'atHead');
  const changedPaths = new Set(changed.flatMap((file) => [file.path, file.previousPath ?? file.path]));
  // A file counts as changed when the values it sets do: a workflow changes far more often than
  // its TF_VAR_s, and a var file reformatted or commented sets what it set (it is then one of the
  // unchanged ones, which give the same values at both sides).
  const valuesChanged = (path: string) => assignmentsText(baseFiles, path) !== assignmentsText(headFiles, path);
  // Changed files first; of the others, a workflow's values after every var file's, so that a root
  // with many var files is still resolved with as many of them as before workflows counted.
  const rank = (context: VarContext) =>
    changedPaths.has(context.file!) && valuesChanged(context.file!) ? 0 : mayExportVariables(context.file!) ? 2 : 1;
  const ordered = [...found.values()].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const changedValues = ordered.filter((context) => rank(context) === 0);
  const unchanged = ordered.filter((context) => rank(context) !== 0);
  const chosen = limits.unchanged > 0 && unchanged.length > 0 ? choose(unchanged, limits.unchanged) : [];
  return {
    contexts: [AUTO_LOADED, ...changedValues.slice(0, limits.changed), ...chosen],
    unresolved: changedValues.slice(limits.changed),
  };
}

/** Terraform's order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name; later files win. */
function loadOrder(a: VarFile, b: VarFile): number {
  const rank = (file: VarFile) =>
    baseName(file.path) === 'terraform.tfvars' ? 0 : baseName(file.path) === 'terraform.tfvars.json' ? 1 : 2;
  return rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** The variable values of a root in one context. */
export function valuesFor(
  root: string,
  context: VarContext,
  files: readonly VarFile[],
  owns: VarFileOwner,
): Map<string, VarAssignment> {
  const values = new Map<string, VarAssignment>();
  const chosen = files.filter((file) => isAutoLoadedFor(file, root)).sort(loadOrder);
  if (context.id !== '') {
    const path = contextPath(root, context.id);
    const extra = files.find((file) => file.path === path && owns(root, file));
    if (extra) chosen.push(extra);
  }
  for (const file of chosen) for (const assignment of file.assignments) values.set(assignment.name, assignment);
  return values;
}

/** Directories whose Terraform code may read other files of the tree (by `reads`: terraform/fileReads.ts). */
export function readsFiles(files: ReadonlyMap<string, string>, reads: (text: string) => boolean): Set<string> {
  const dirs = new Set<string>();
  for (const [path, content] of files) {
    if (isTerraformPath(path) && reads(content)) dirs.add(moduleDirectory(path));
  }
  return dirs;
}

/** The values a var file sets, as text: equal when it sets the same. */
function assignmentsText(files: readonly VarFile[], path: string): string {
  const file = files.find((candidate) => candidate.path === path);
  return file ? file.assignments.map((assignment) => `${assignment.name}=${assignment.text}`).join('\n') : '';
}
