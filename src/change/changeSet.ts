import type { ChangeAction } from '../flow/compareInstances.js';
import { type FlowSide, followValues, type RootedChange } from '../flow/followValues.js';
import type { ValueTrace } from '../flow/sources.js';
import { isVarFilePath, readVarFile, type VarFile } from '../flow/varFiles.js';
import { changedPaths } from '../terraform/attributeDiff.js';
import { compactFile } from '../terraform/compactFile.js';
import type { ComparableObject, ObjectRef } from '../terraform/comparableObjects.js';
import { comparableObjects, objectKey } from '../terraform/comparableObjects.js';
import { configurationFiles, toolDependentFiles } from '../terraform/configurationFiles.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { compareFiles } from '../terraform/fileChanges.js';
import type { InventoryProblem, ObjectKind } from '../terraform/inventory.js';
import { buildInventory, compareText } from '../terraform/inventory.js';
import type { Body, Diagnostic, Expression, ParsedFile } from '../terraform/model.js';
import { isUnderstood } from '../terraform/model.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { oncePerContent, parseTerraformFile } from '../terraform/parseFile.js';
import { expressionText } from '../terraform/printer.js';
import { sameConfiguration } from '../terraform/sameConfiguration.js';
import { type ParsedSource, parseAfterSharedPrefix } from '../terraform/sharedPrefix.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { isIgnoredPath, isInTerraformDataDirectory } from '../terraform/sourceTree.js';
import { type CiRunFile, ciRunFiles } from './ciRunFiles.js';

export type { ChangeAction } from '../flow/compareInstances.js';
export type { ObjectRef } from '../terraform/comparableObjects.js';
export type { FileChange, FileStatus } from '../terraform/fileChanges.js';

/**
 * What happens to an object. The HCL change set knows create, update, delete and move; a plan
 * also imports existing objects into state and reads data sources during apply.
 */
export type ObjectAction = ChangeAction | 'import' | 'read';

export interface Change {
  kind: ObjectKind;
  module: string;
  address: string;
  action: ObjectAction;
  /** for update and move: the attribute paths whose canonical text differs, sorted (see attributeDiff.ts) */
  changedPaths: string[];
  /** absent for create */
  base?: ObjectRef;
  /** absent for delete */
  head?: ObjectRef;
  /** for move */
  from?: { module: string; address: string };
  /** the roots and state addresses of the object when they are not simply (module, address) */
  instances?: { root: string; address: string }[];
  /** how changes made elsewhere (var files, defaults, locals, module inputs, files) reached it */
  via?: ValueTrace[];
  /** the var file (besides the auto-loaded ones) whose values make this change */
  varFile?: string;
  /** `added`: that var file is new, a new deployment of its root; `removed`: it is gone */
  varFileStatus?: 'added' | 'removed';
  /** for move: only the object's name in state changes (same module call, or its root moved whole) */
  renameOnly?: boolean;
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
  /** changed Terraform files whose change is comments and layout only: they configure the same at both sides */
  cosmeticFiles?: string[];
  /** changed value sources (var files, files) no root reads: Four Eyes cannot tell where they land */
  unreached?: { path: string; reason: string }[];
  /**
   * Files of `SourceTree.notRead` that a file function or a command line named: their content
   * was not seen. The app reads them and builds the change set again (github/preparedChange.ts).
   */
  unreadFiles?: { side: 'base' | 'head'; path: string }[];
  /** changed `.tf` files that a `.tofu` file replaces for OpenTofu (and those `.tofu` files): Terraform runs other code */
  toolDependent?: string[];
  /** changed files that are submodules (a gitlink, `Subproject commit <sha>`): code Four Eyes does not read */
  submodules?: string[];
  /** changed files a CI pipeline runs (a workflow step's script, its Makefile): code run with its credentials */
  ciRunFiles?: CiRunFile[];
}

type ModuleObjects = ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>;

/**
 * The head's objects of each change set, by module directory and address: where a plan's objects
 * are in the code. Kept beside the change set, not in it, so the change set stays plain data.
 */
const headObjects = new WeakMap<ChangeSet, ModuleObjects | (() => ModuleObjects)>();

/** The head's objects by module directory and address, for a change set `buildChangeSet` made (else none). */
export function headModulesOf(changeSet: ChangeSet): ModuleObjects {
  const modules = headObjects.get(changeSet);
  if (typeof modules !== 'function') return modules ?? new Map();
  const read = modules();
  headObjects.set(changeSet, read);
  return read;
}

/**
 * Where a change set made elsewhere (in a worker thread, whose objects do not cross) finds its
 * head's objects: `modules` as `headModulesOf` gave them there, or what was kept of them, or a
 * function giving them when first asked (only plans read them: most change sets never do).
 */
export function adoptHeadModules(changeSet: ChangeSet, modules: ModuleObjects | (() => ModuleObjects)): void {
  headObjects.set(changeSet, modules);
}

interface Side extends FlowSide {
  objects: Map<string, ComparableObject>;
  unparsed: Unparsed[];
  problems: ChangeSet['problems'];
}

/**
 * The Terraform change between two revisions, per object of each root's state (see
 * flow/followValues.ts): a root is a directory with configuration that no other directory calls
 * as a local module, and a local module's objects are its callers' (`module.app.aws_s3_bucket.x`).
 * - only in head: create; only in base: delete; in both with a changed attribute path: update.
 *   Paths are those whose canonical text differs (attributeDiff.ts), written in the code or
 *   reached by a changed value (a var file entry, default, local, module input, file read by a
 *   file function, script run by a provisioner): those carry a trace in `via`. Formatting,
 *   comments, attribute order and the file an object lives in are no change. `count`/`for_each`
 *   objects have one static address; one that is statically empty has no instance.
 * - move: a head `moved` block (chains followed) whose `from` existed in base only and whose `to`
 *   exists in head only, within one root; and every object of a root moved as a whole to a new
 *   directory with the same backend. An object that leaves a root for another is deleted there
 *   and created in the other.
 * - a file that does not parse is listed in `unparsed` and its objects are not compared: an
 *   instance whose module has such a file on the other side is neither created nor deleted.
 * - the change is reported at the object's code (`module`, `address`); `instances` names the
 *   roots and state addresses when they differ, one change for all instances that changed alike.
 */
export function buildChangeSet(base: SourceTree, head: SourceTree, options: ChangeSetOptions = {}): ChangeSet {
  // A file the same at both sides is parsed once (most of a change's files are), and its blocks'
  // bodies are kept only once a stage reads them (see terraform/lazyBlock.ts): most are never
  // read. A changed file's are all read, so it is kept whole.
  // A changed file's head shares the blocks its text repeats from the base's start (see
  // terraform/sharedPrefix.ts): a block edited in place leaves those before it the same.
  const parse = options.parse ?? parseTerraformFile;
  const unchanged = unchangedPaths(base, head);
  const parseOnce = oncePerContent((file: SourceFile) =>
    unchanged.has(file.path) ? compactFile(parse(file), file.content) : parse(file),
  );
  const varFile = oncePerContent(readVarFile);
  const baseParses = new Map<string, ParsedSource>();
  const baseSide = readSide(base, 'base', {
    parse: (file) => {
      const parsed = parseOnce(file);
      if (!unchanged.has(file.path)) baseParses.set(file.path, { content: file.content, parsed });
      return parsed;
    },
    varFile,
  });
  const cosmeticFiles: string[] = [];
  const headSide = readSide(head, 'head', {
    parse: (file) => {
      const before = baseParses.get(file.path);
      if (!before) return parseOnce(file);
      const parsed = parseAfterSharedPrefix(file, before, parseOnce);
      if (sameConfiguration(before.parsed, parsed)) cosmeticFiles.push(file.path);
      return parsed;
    },
    varFile,
  });
  const files = compareFiles(base, head);
  const flow = followValues(baseSide, headSide, files, objectPaths);
  const changeSet: ChangeSet = {
    changes: toChanges(flow.changes, baseSide),
    files,
    unparsed: [...baseSide.unparsed, ...headSide.unparsed],
    problems: [...baseSide.problems, ...headSide.problems],
    reachedModules: flow.reachedModules,
    ...(cosmeticFiles.length > 0 ? { cosmeticFiles } : {}),
    unreached: flow.unreached,
    ...(flow.unreadFiles.length > 0 ? { unreadFiles: flow.unreadFiles } : {}),
    toolDependent: toolDependentFiles(
      files.flatMap((file) => [file.path, file.previousPath].filter((p): p is string => p !== undefined)),
      base.files,
      head.files,
    ),
  };
  const submodules = changedSubmodules(files, base, head);
  if (submodules.length > 0) changeSet.submodules = submodules;
  const runByCi = ciRunFiles(base, head, files);
  if (runByCi.length > 0) changeSet.ciRunFiles = runByCi;
  headObjects.set(changeSet, headSide.modules);
  return changeSet;
}

/** What Git shows of a submodule, and the app gives the core for one (github/pullRequestTrees.ts). */
const GITLINK = /^Subproject commit [0-9a-f]{40}\n?$/;

/** The changed files that are a submodule's commit at either side. */
function changedSubmodules(files: readonly FileChange[], base: SourceTree, head: SourceTree): string[] {
  const gitlinks = new Set(
    [...base.files, ...head.files].filter((file) => GITLINK.test(file.content)).map((file) => file.path),
  );
  if (gitlinks.size === 0) return [];
  return files
    .filter((file) => gitlinks.has(file.path) || (file.previousPath !== undefined && gitlinks.has(file.previousPath)))
    .map((file) => file.path);
}

function unchangedPaths(base: SourceTree, head: SourceTree): Set<string> {
  const before = new Map(base.files.map((file) => [file.path, file.content]));
  return new Set(head.files.filter((file) => before.get(file.path) === file.content).map((file) => file.path));
}

export interface ChangeSetOptions {
  /** how a Terraform file is parsed; the app passes one that caches by blob SHA */
  parse?: (file: SourceFile) => ParsedFile;
}

interface Readers {
  parse: (file: SourceFile) => ParsedFile;
  varFile: (file: SourceFile) => VarFile;
}

function readSide(tree: SourceTree, side: 'base' | 'head', read: Readers): Side {
  const parsed = configurationFiles(tree.files).map((file) => read.parse(file));
  const varFiles = tree.files
    .filter((file) => isVarFilePath(file.path) && !isIgnoredPath(file.path) && !isInTerraformDataDirectory(file.path))
    .map((file) => read.varFile(file));
  const broken = parsed.filter((file) => !isUnderstood(file));
  const brokenVarFiles = varFiles.filter((file) => file.diagnostics.some((d) => d.severity === 'error'));
  const inventory = buildInventory(parsed.filter(isUnderstood));
  const objects = comparableObjects(inventory.entries);
  return {
    objects,
    modules: byModule(objects),
    files: new Map(tree.files.filter((file) => !isIgnoredPath(file.path)).map((file) => [file.path, file.content])),
    notRead: new Set((tree.notRead ?? []).filter((path) => !isIgnoredPath(path))),
    varFiles: varFiles.filter((file) => !brokenVarFiles.includes(file)),
    problems: inventory.problems.map((problem) => ({ side, ...problem })),
    unknownModules: new Set(broken.map((file) => moduleDirectory(file.path))),
    unparsed: [...broken, ...brokenVarFiles].map((file) => ({ side, path: file.path, diagnostics: file.diagnostics })),
  };
}

function byModule(objects: Map<string, ComparableObject>): Map<string, Map<string, ComparableObject>> {
  const modules = new Map<string, Map<string, ComparableObject>>();
  for (const object of objects.values()) {
    let module = modules.get(object.module);
    if (!module) {
      module = new Map();
      modules.set(object.module, module);
    }
    module.set(object.address, object);
  }
  return modules;
}

/** Instance changes as the change set reports them: at the object's code, instances merged. */
function toChanges(rooted: readonly RootedChange[], base: Side): Change[] {
  const merged = new Map<string, Change>();
  const shallowKey = (change: RootedChange) => {
    const object = (change.head ?? change.base)!.object;
    return [object.module, object.address, change.action, change.changedPaths.join(','), change.varFile ?? ''].join(
      '\u0000',
    );
  };
  // Bodies are compared only where two instances could merge: most objects have one instance.
  const shallowKeys = rooted.map(shallowKey);
  const counts = new Map<string, number>();
  for (const shallow of shallowKeys) counts.set(shallow, (counts.get(shallow) ?? 0) + 1);
  for (const [i, change] of rooted.entries()) {
    const instance = (change.head ?? change.base)!;
    const object = instance.object;
    const shallow = shallowKeys[i]!;
    const key =
      counts.get(shallow)! > 1
        ? [shallow, change.base ? bodyKey(change.base.body) : '', change.head ? bodyKey(change.head.body) : ''].join(
            '\u0000',
          )
        : shallow;
    const reached = { root: change.root, address: instance.address };
    const existing = merged.get(key);
    if (existing) {
      // Appended in place: an object of a module every root calls merges hundreds of instances.
      if (existing.instances) existing.instances.push(reached);
      else existing.instances = [reached];
      continue;
    }
    const result: Change = {
      kind: object.kind,
      module: object.module,
      address: object.address,
      action: change.action,
      changedPaths: change.changedPaths,
    };
    if (change.base) result.base = { ...change.base.object.ref, body: change.base.body };
    if (change.head) result.head = { ...change.head.object.ref, body: change.head.body };
    if (change.action === 'move' && change.base)
      result.from = { module: change.base.object.module, address: change.base.object.address };
    if (change.renameOnly) result.renameOnly = true;
    result.instances = [reached];
    const via = [...change.via, ...instanceReason(change, base)];
    if (via.length > 0) result.via = via;
    if (change.varFile) result.varFile = change.varFile;
    if (change.varFileStatus) result.varFileStatus = change.varFileStatus;
    merged.set(key, result);
  }
  const changes = [...merged.values()];
  for (const change of changes) {
    // Objects of a root's own code, at their own address, need no instance list.
    if (change.instances!.every((i) => i.root === change.module && i.address === change.address))
      delete change.instances;
  }
  return changes.sort(
    (a, b) => compareText(a.module, b.module) || compareText(a.address, b.address) || compareText(a.action, b.action),
  );
}

/** Why an object whose code did not appear or vanish is created or deleted in a root. */
function instanceReason(change: RootedChange, base: Side): ValueTrace[] {
  if (change.action !== 'create' && change.action !== 'delete') return [];
  const instance = (change.head ?? change.base)!;
  const object = instance.object;
  const codeExisted = change.action === 'create' ? base.objects.has(objectKey(object.module, object.address)) : true;
  if (change.action === 'create' && !codeExisted) return [];
  if (change.action === 'delete' && instance.chainDirs.length === 1 && instance.root === object.module) return [];
  const where = `${instance.address} in root ${change.root}`;
  const label =
    change.action === 'create'
      ? `${where} is new: its code existed, but a module call, count/for_each or the root around it changed`
      : `${where} is gone: a module call, count/for_each or the root around it changed`;
  return [{ path: '', steps: [{ label, file: object.ref.file, line: object.ref.range.start.line }] }];
}

/** Once per body: instances reused across var-file contexts share theirs. */
const bodyKeys = new WeakMap<Body, string>();

function bodyKey(body: Body): string {
  const known = bodyKeys.get(body);
  if (known !== undefined) return known;
  const parts: string[] = [];
  const walk = (node: Body): void => {
    for (const attribute of node.attributes) parts.push(attribute.name + '=' + attribute.text);
    for (const block of node.blocks) {
      parts.push(block.type + ' ' + block.labels.join(' ') + '{');
      walk(block);
      parts.push('}');
    }
  };
  walk(body);
  const key = parts.join(';');
  bodyKeys.set(body, key);
  return key;
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
      return [...new Set([...before.keys(), ...after.keys()])]
        .filter((key) => before.get(key) !== after.get(key))
        .sort();
    }
  }
  if (sameParts(base.ref.body, head.ref.body)) return [];
  return changedPaths(base.ref.body, head.ref.body);
}

/** Bodies made of the very same attributes and blocks (a block both sides share): nothing to compare. */
function sameParts(base: Body, head: Body): boolean {
  if (base === head) return true;
  const { attributes, blocks } = base;
  return (
    attributes.length === head.attributes.length &&
    blocks.length === head.blocks.length &&
    attributes.every((attribute, i) => attribute === head.attributes[i]) &&
    blocks.every((block, i) => block === head.blocks[i])
  );
}

function objectItemTexts(expr: Expression): Map<string, string> | undefined {
  if (expr.kind !== 'object') return undefined;
  const texts = new Map<string, string>();
  for (const item of expr.items) {
    const key =
      item.key.kind === 'variable' ? item.key.name : item.key.kind === 'literal' ? String(item.key.value) : undefined;
    if (key === undefined) return undefined;
    texts.set(key, expressionText(item.value));
  }
  return texts;
}
