import type { ChangeAction } from '../flow/compareInstances.js';
import { followValues, type UnresolvedVarFile } from '../flow/followValues.js';
import type { ValueTrace } from '../flow/sources.js';
import { readVarFile } from '../flow/varFiles.js';
import { compactFile } from '../terraform/compactFile.js';
import type { ComparableObject, ObjectRef } from '../terraform/comparableObjects.js';
import { toolDependentFiles } from '../terraform/configurationFiles.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { compareFiles } from '../terraform/fileChanges.js';
import type { InventoryProblem, ObjectKind } from '../terraform/inventory.js';
import type { Diagnostic, ParsedFile } from '../terraform/model.js';
import { oncePerContent, parseTerraformFile } from '../terraform/parseFile.js';
import { sameConfiguration } from '../terraform/sameConfiguration.js';
import { type ParsedSource, parseAfterSharedPrefix } from '../terraform/sharedPrefix.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { readChangeSide } from './changeSide.js';
import { type CiRunFile, ciRunFiles } from './ciRunFiles.js';
import { cosmeticHclFiles } from './cosmeticHcl.js';
import { type LfsRead, lfsReadFiles } from './lfsReads.js';
import { compareChanges, objectChanges } from './objectChanges.js';
import { objectPaths } from './objectPaths.js';
import { triggeredReplacements } from './replaceTriggers.js';
import { type UnseenModuleCall, unseenLocalModules } from './unseenModules.js';

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
  /** a module call whose local source names no code in the tree (see unseenModules.ts): judged as remote code */
  codeUnseen?: true;
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
  /** changed Terraform and other HCL files whose change is comments and layout only: they configure the same at both sides */
  cosmeticFiles?: string[];
  /** changed value sources (var files, files) no root reads: Four Eyes cannot tell where they land */
  unreached?: { path: string; reason: string }[];
  /**
   * Changed var files of a root beyond the number Four Eyes resolves per root (`changed`: how
   * many the root has): their values were not followed, so the change is not judged, and fails closed.
   */
  unresolvedVarFiles?: UnresolvedVarFile[];
  /**
   * Files of `SourceTree.notRead` that a file function, a command line or a script a CI pipeline
   * runs named: their content was not seen. The app reads them and builds the change set again (github/preparedChange.ts).
   */
  unreadFiles?: { side: 'base' | 'head'; path: string }[];
  /** changed `.tf` files that a `.tofu` file replaces for OpenTofu (and those `.tofu` files): Terraform runs other code */
  toolDependent?: string[];
  /** changed files that are submodules (a gitlink, `Subproject commit <sha>`): code Four Eyes does not read */
  submodules?: string[];
  /** changed files a CI pipeline runs (a workflow step's script, its Makefile): code run with its credentials */
  ciRunFiles?: CiRunFile[];
  /** changed files stored in Git LFS that a value is read from: Terraform reads content the tree does not hold */
  lfsReads?: LfsRead[];
  /** module calls, new or with a new source, whose local source names no Terraform code in the tree */
  unseenModules?: UnseenModuleCall[];
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
  const baseSide = readChangeSide(base, 'base', {
    parse: (file) => {
      const parsed = parseOnce(file);
      if (!unchanged.has(file.path)) baseParses.set(file.path, { content: file.content, parsed });
      return parsed;
    },
    varFile,
    changed: (path) => !unchanged.has(path),
  });
  const cosmeticFiles: string[] = [];
  const headSide = readChangeSide(head, 'head', {
    parse: (file) => {
      const before = baseParses.get(file.path);
      if (!before) return parseOnce(file);
      const parsed = parseAfterSharedPrefix(file, before, parseOnce);
      if (sameConfiguration(before.parsed, parsed)) cosmeticFiles.push(file.path);
      return parsed;
    },
    varFile,
    changed: (path) => !unchanged.has(path),
  });
  const files = compareFiles(base, head);
  const flow = followValues(baseSide, headSide, files, objectPaths);
  const changes = objectChanges(flow.changes, baseSide.objects);
  const replaced = triggeredReplacements(changes, baseSide, headSide);
  if (replaced.length > 0) changes.push(...replaced);
  const changeSet: ChangeSet = {
    changes: replaced.length > 0 ? changes.sort(compareChanges) : changes,
    files,
    unparsed: [...baseSide.unparsed, ...headSide.unparsed],
    problems: [...baseSide.problems, ...headSide.problems],
    reachedModules: flow.reachedModules,
    ...withCosmetic([...cosmeticFiles, ...cosmeticHclFiles(files, base, head)]),
    unreached: flow.unreached,
    ...(flow.unresolvedVarFiles.length > 0 ? { unresolvedVarFiles: flow.unresolvedVarFiles } : {}),
    toolDependent: toolDependentFiles(
      files.flatMap((file) => [file.path, file.previousPath].filter((p): p is string => p !== undefined)),
      base.files,
      head.files,
    ),
  };
  const submodules = changedSubmodules(files, base, head);
  if (submodules.length > 0) changeSet.submodules = submodules;
  const unseenModules = unseenLocalModules(changeSet.changes, [...headSide.files.keys(), ...headSide.notRead]);
  if (unseenModules.length > 0) changeSet.unseenModules = unseenModules;
  const lfsReads = lfsReadFiles(files, base, head, changeSet.changes);
  if (lfsReads.length > 0) changeSet.lfsReads = lfsReads;
  const runByCi = ciRunFiles(base, head, files);
  if (runByCi.runFiles.length > 0) changeSet.ciRunFiles = runByCi.runFiles;
  const unreadFiles = uniqueUnread([...flow.unreadFiles, ...runByCi.unread, ...askedNotRead(baseSide, headSide)]);
  if (unreadFiles.length > 0) changeSet.unreadFiles = unreadFiles;
  headObjects.set(changeSet, headSide.modules);
  return changeSet;
}

function withCosmetic(cosmeticFiles: string[]): { cosmeticFiles?: string[] } {
  return cosmeticFiles.length > 0 ? { cosmeticFiles } : {};
}

/** The files a Terragrunt configuration reads that the tree has but did not read, by side. */
function askedNotRead(base: { askedNotRead: string[] }, head: { askedNotRead: string[] }) {
  return [
    ...base.askedNotRead.map((path) => ({ side: 'base' as const, path })),
    ...head.askedNotRead.map((path) => ({ side: 'head' as const, path })),
  ];
}

/** Files asked for twice (a script CI runs that a file function reads too) are asked for once. */
function uniqueUnread(files: { side: 'base' | 'head'; path: string }[]): { side: 'base' | 'head'; path: string }[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    const key = `${file.side}:${file.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
