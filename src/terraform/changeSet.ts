import { changedPaths } from './attributeDiff.js';
import type { ComparableObject, ObjectRef } from './comparableObjects.js';
import { comparableObjects, objectKey } from './comparableObjects.js';
import type { FileChange } from './fileChanges.js';
import { compareFiles } from './fileChanges.js';
import type { InventoryProblem, ObjectKind } from './inventory.js';
import { buildInventory, compareText } from './inventory.js';
import type { Attribute, Diagnostic, Expression, ParsedFile } from './model.js';
import { isUnderstood } from './model.js';
import { moduleDirectory } from './modulePaths.js';
import { isTerraformPath, parseTerraformFile } from './parseFile.js';
import { expressionText } from './printer.js';
import type { SourceFile, SourceTree } from './sourceTree.js';
import { isIgnoredPath } from './sourceTree.js';

export type { ObjectRef } from './comparableObjects.js';
export type { FileChange, FileStatus } from './fileChanges.js';

export type ChangeAction = 'create' | 'update' | 'delete' | 'move';

export interface Change {
  kind: ObjectKind;
  module: string;
  address: string;
  action: ChangeAction;
  /** for update and move: the attribute paths whose canonical text differs, sorted (see attributeDiff.ts) */
  changedPaths: string[];
  /** absent for create */
  base?: ObjectRef;
  /** absent for delete */
  head?: ObjectRef;
  /** for move */
  from?: { module: string; address: string };
}

export interface Unparsed {
  side: 'base' | 'head';
  path: string;
  diagnostics: Diagnostic[];
}

export interface ChangeSet {
  /** sorted by module, then address */
  changes: Change[];
  /** every changed file of the trees, Terraform or not, sorted by path */
  files: FileChange[];
  /** Terraform files with error diagnostics: later stages fail closed on these */
  unparsed: Unparsed[];
  /**
   * Configurations Terraform rejects though every file parses (an address defined twice, an
   * unknown top-level block): what was compared may not be what Terraform would run.
   */
  problems: (InventoryProblem & { side: 'base' | 'head' })[];
  /**
   * Module directories that changed values flow into (a changed module input, variable or file a
   * module reads), beyond the modules of changed files and objects. Classification treats them as
   * touched: a problem there could change what the change does.
   */
  reachedModules?: string[];
}

interface Side {
  objects: Map<string, ComparableObject>;
  /**
   * Modules with a file that does not parse. Objects of such a file are left out of the
   * comparison (what was recovered may be wrong), so an object missing on that side of such a
   * module is unknown, not created or deleted.
   */
  unknownModules: Set<string>;
  unparsed: Unparsed[];
  problems: ChangeSet['problems'];
}

interface Move {
  from: ComparableObject;
  to: ComparableObject;
}

/**
 * The Terraform change between two revisions, per (module directory, address):
 * - only in head: create; only in base: delete; in both with a changed attribute path: update
 *   (paths as in attributeDiff.ts). Formatting, comments, attribute order and the file an object
 *   lives in are no change. `count`/`for_each` objects have one static address.
 * - move: a head `moved` block (chains followed) whose `from` existed in base only and whose `to`
 *   exists in head only, within one module directory; and every object of a Terraform file moved
 *   byte-for-byte to another directory. Moves across module calls (`module.x.aws_y.z`) and of
 *   single instances (`aws_y.z[0]`) are not resolved: they read as delete plus create.
 * - a file that does not parse is listed in `unparsed` and its objects are not compared: in its
 *   module, an object missing on that side is unknown, so it is neither created nor deleted.
 */
export function buildChangeSet(base: SourceTree, head: SourceTree, options: ChangeSetOptions = {}): ChangeSet {
  const parse = options.parse ?? parseTerraformFile;
  const baseSide = readSide(base, 'base', parse);
  const headSide = readSide(head, 'head', parse);
  const files = compareFiles(base, head);
  const moves = findMoves(baseSide, headSide, files);
  return {
    changes: compareObjects(baseSide, headSide, moves),
    files,
    unparsed: [...baseSide.unparsed, ...headSide.unparsed],
    problems: [...baseSide.problems, ...headSide.problems],
  };
}

export interface ChangeSetOptions {
  /** how a Terraform file is parsed; the app passes one that caches by blob SHA */
  parse?: (file: SourceFile) => ParsedFile;
}

function readSide(tree: SourceTree, side: 'base' | 'head', parse: (file: SourceFile) => ParsedFile): Side {
  const parsed = tree.files
    .filter((file) => isTerraformPath(file.path) && !isIgnoredPath(file.path))
    .sort((a, b) => compareText(a.path, b.path))
    .map((file) => parse(file));
  const broken = parsed.filter((file) => !isUnderstood(file));
  const inventory = buildInventory(parsed.filter(isUnderstood));
  return {
    objects: comparableObjects(inventory.entries),
    problems: inventory.problems.map((problem) => ({ side, ...problem })),
    unknownModules: new Set(broken.map((file) => moduleDirectory(file.path))),
    unparsed: broken.map((file) => ({ side, path: file.path, diagnostics: file.diagnostics })),
  };
}

/** A move needs its source gone and its target new; otherwise it happened in an earlier change. */
function findMoves(base: Side, head: Side, files: FileChange[]): Move[] {
  const moves: Move[] = [];
  const used = new Set<string>();
  const tryMove = (fromKey: string, toKey: string) => {
    const from = base.objects.get(fromKey);
    const to = head.objects.get(toKey);
    if (!from || !to || head.objects.has(fromKey) || base.objects.has(toKey)) return;
    if (used.has('from:' + fromKey) || used.has('to:' + toKey)) return;
    used.add('from:' + fromKey).add('to:' + toKey);
    moves.push({ from, to });
  };
  const statements = movedStatements(head);
  for (const [fromKey, toKey] of statements) tryMove(fromKey, finalTarget(toKey, statements, head));
  for (const file of files) {
    if (file.status !== 'renamed' || !file.previousPath) continue;
    const oldModule = moduleDirectory(file.previousPath);
    const newModule = moduleDirectory(file.path);
    if (oldModule === newModule) continue;
    for (const object of base.objects.values()) {
      if (object.module === oldModule && object.files.includes(file.previousPath)) {
        tryMove(objectKey(oldModule, object.address), objectKey(newModule, object.address));
      }
    }
  }
  return moves;
}

/** `moved` blocks of the head as from-key → to-key, each within its own module. */
function movedStatements(head: Side): Map<string, string> {
  const statements = new Map<string, string>();
  for (const moved of head.objects.values()) {
    if (moved.kind !== 'moved') continue;
    const from = attributeText(moved.ref.body.attributes, 'from');
    const to = attributeText(moved.ref.body.attributes, 'to');
    if (from !== undefined && to !== undefined) statements.set(objectKey(moved.module, from), objectKey(moved.module, to));
  }
  return statements;
}

/** Terraform follows chains of `moved` blocks (a → b, b → c): the target is the end of the chain. */
function finalTarget(toKey: string, statements: Map<string, string>, head: Side): string {
  const seen = new Set<string>();
  let target = toKey;
  while (!head.objects.has(target) && !seen.has(target)) {
    seen.add(target);
    const next = statements.get(target);
    if (next === undefined) break;
    target = next;
  }
  return target;
}

function attributeText(attributes: readonly Attribute[], name: string): string | undefined {
  return attributes.find((attribute) => attribute.name === name)?.text;
}

function compareObjects(base: Side, head: Side, moves: Move[]): Change[] {
  const changes: Change[] = moves.map(({ from, to }) => ({
    kind: to.kind,
    module: to.module,
    address: to.address,
    action: 'move',
    changedPaths: objectPaths(from, to),
    base: from.ref,
    head: to.ref,
    from: { module: from.module, address: from.address },
  }));
  const movedKeys = new Set(moves.flatMap(({ from, to }) => [objectKey(from.module, from.address), objectKey(to.module, to.address)]));
  for (const key of new Set([...base.objects.keys(), ...head.objects.keys()])) {
    if (movedKeys.has(key)) continue;
    const before = base.objects.get(key);
    const after = head.objects.get(key);
    if (before && after) {
      const paths = objectPaths(before, after);
      if (paths.length > 0) changes.push({ ...identity(after), action: 'update', changedPaths: paths, base: before.ref, head: after.ref });
    } else if (after && !base.unknownModules.has(after.module)) {
      changes.push({ ...identity(after), action: 'create', changedPaths: [], head: after.ref });
    } else if (before && !head.unknownModules.has(before.module)) {
      changes.push({ ...identity(before), action: 'delete', changedPaths: [], base: before.ref });
    }
  }
  return changes.sort((a, b) => compareText(a.module, b.module) || compareText(a.address, b.address));
}

function identity(object: ComparableObject): Pick<Change, 'kind' | 'module' | 'address'> {
  return { kind: object.kind, module: object.module, address: object.address };
}

/**
 * A local's path is its name (`local.name` → `name`). A provider requirement's paths are the
 * keys of its object that changed (`version`, `source`), so a version bump reads as one.
 */
function objectPaths(base: ComparableObject, head: ComparableObject): string[] {
  if (head.kind === 'required_provider' && base.attribute && head.attribute) {
    const before = objectItemTexts(base.attribute.expr);
    const after = objectItemTexts(head.attribute.expr);
    if (before && after) {
      return [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key) !== after.get(key)).sort();
    }
  }
  return changedPaths(base.ref.body, head.ref.body);
}

function objectItemTexts(expr: Expression): Map<string, string> | undefined {
  if (expr.kind !== 'object') return undefined;
  const texts = new Map<string, string>();
  for (const item of expr.items) {
    const key = item.key.kind === 'variable' ? item.key.name : item.key.kind === 'literal' ? String(item.key.value) : undefined;
    if (key === undefined) return undefined;
    texts.set(key, expressionText(item.value));
  }
  return texts;
}
