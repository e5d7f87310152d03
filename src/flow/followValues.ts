import type { ComparableObject } from '../terraform/comparableObjects.js';
import { isWorkflowPath } from '../terraform/configurationFiles.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { changedObjects } from './changedObjects.js';
import { type CompareContext, ComparedPairs, compareInstances, type InstanceChange } from './compareInstances.js';
import { sharedContext } from './contextSharing.js';
import { fileReader } from './fileFunctions.js';
import {
  type ChangeHints,
  callScope,
  type InstanceReuse,
  rootInstances,
  rootScope,
  rootScopeKey,
} from './instances.js';
import { calleesOf, findRoots, type LocalCall, localCalls, reachableBy } from './moduleGraph.js';
import { type RootStates, readerStateKey, rootsOfState, stateReads, statesOfRoots } from './remoteState.js';
import { dropRepeatedContexts } from './repeatedContexts.js';
import { alreadyRequired, requirementsOf } from './requiredProviders.js';
import { Resolver } from './resolver.js';
import {
  contextsOf,
  isDocumentation,
  readsFiles,
  type VarContext,
  type VarFileOwner,
  valuesFor,
  varFileOwner,
} from './rootContexts.js';
import { renamedRoots } from './rootRenames.js';
import type { ModuleScope } from './scope.js';
import { unreachedSources } from './unreachedSources.js';
import { ValueReach } from './valueReach.js';
import { isVarFilePath, type VarAssignment, type VarFile } from './varFiles.js';

/** One revision as the flow analysis reads it. */
export interface FlowSide {
  /** module directory → address → object, from the files that parse */
  modules: Map<string, Map<string, ComparableObject>>;
  /** directories with a Terraform file that does not parse */
  unknownModules: Set<string>;
  /** every file of the tree, by path */
  files: Map<string, string>;
  /** the tree's files that exist but were not read (SourceTree.notRead) */
  notRead: ReadonlySet<string>;
  varFiles: VarFile[];
}

export interface RootedChange extends InstanceChange {
  root: string;
  /** the var file whose values were used besides the auto-loaded ones, if any */
  varFile: string | null;
  /** a var file only at the head starts a deployment; one only at the base ends one */
  varFileStatus: 'added' | 'removed' | null;
}

export interface FlowResult {
  changes: RootedChange[];
  /** module directories that changed values reach */
  reachedModules: string[];
  /** changed value sources no root reads: Four Eyes cannot tell where they land */
  unreached: { path: string; reason: string }[];
  /** files a file function or a command line named that exist but were not read, by side */
  unreadFiles: { side: 'base' | 'head'; path: string }[];
}

/** More var-file contexts per root than this are not each resolved (changed ones come first). */
const MAX_CONTEXTS = 8;

/**
 * Follows a change to where it lands: every root whose configuration a changed file is part of
 * (its own directory, the local modules it calls, the var files beside it, files its code reads)
 * is instantiated at base and head — once with the auto-loaded var files and once per other var
 * file — and its instances compared. Roots no changed file touches cannot change and are skipped.
 */
export function followValues(
  base: FlowSide,
  head: FlowSide,
  files: readonly FileChange[],
  literalPaths: CompareContext['literalPaths'],
): FlowResult {
  const baseCalls = withUnknownCallers(localCalls(base.modules), head, base.unknownModules);
  const headCalls = withUnknownCallers(localCalls(head.modules), base, head.unknownModules);
  const baseRoots = findRoots([...base.modules.keys(), ...base.unknownModules], baseCalls);
  const headRoots = findRoots([...head.modules.keys(), ...head.unknownModules], headCalls);
  const allCalls = [...baseCalls, ...headCalls];
  const renames = renamedRoots(base, head, files, baseRoots, headRoots);
  const { changedDirs, changedVarFiles, changedValueFiles, changedPathSet, changedPaths } = changedInputs(files);
  const readers = new Set([...readsFiles(base.files), ...readsFiles(head.files)]);

  const allRoots = new Set([...baseRoots, ...headRoots]);
  const owns = {
    base: varFileOwner(allRoots, declaredVariables(base)),
    head: varFileOwner(allRoots, declaredVariables(head)),
  };
  const baseStates = statesOfRoots(baseRoots, base.modules, base.files);
  const headStates = statesOfRoots(headRoots, head.modules, head.files);
  const baseResolver = new Resolver(
    { modules: base.modules, files: fileReader(base.files, base.notRead) },
    (scope, name) => callScope(base.modules, scope, name),
    remoteRootOf(base, baseStates, owns.base),
  );
  const headResolver = new Resolver(
    { modules: head.modules, files: fileReader(head.files, head.notRead) },
    (scope, name) => callScope(head.modules, scope, name),
    remoteRootOf(head, headStates, owns.head),
  );
  const pairs = rootPairs(baseRoots, headRoots, renames);
  // A root that reads another's state is reached by what changes there, as by what a module it calls changes.
  const callees = calleesOf([
    ...allCalls,
    ...stateReads(base.modules, baseStates, baseRoots),
    ...stateReads(head.modules, headStates, headRoots),
  ]);
  const baseCallees = calleesOf(baseCalls);
  const unknownDirs = new Set([...base.unknownModules, ...head.unknownModules]);
  const hints = changeHints(callees, changedDirs, changedValueFiles.length > 0 ? readers : new Set(), {
    changedObject: changedObjects(base.modules, head.modules, changedPaths, unknownDirs, literalPaths),
  });
  const perRoot: ContextChanges[] = [];
  const usesChangedVarFile = (root: string | null) =>
    root !== null &&
    (base.varFiles.some((file) => changedPathSet.has(file.path) && owns.base(root, file)) ||
      head.varFiles.some((file) => changedPathSet.has(file.path) && owns.head(root, file)));
  for (const [pair, [baseRoot, headRoot]] of pairs.entries()) {
    const reach = reachableBy(
      [baseRoot, headRoot].filter((r): r is string => r !== null),
      callees,
    );
    const root = (headRoot ?? baseRoot)!;
    const varFilesHere = usesChangedVarFile(baseRoot) || usesChangedVarFile(headRoot);
    const affected =
      varFilesHere ||
      [...reach].some((dir) => changedDirs.has(dir)) ||
      (changedValueFiles.length > 0 && [...reach].some((dir) => readers.has(dir)));
    if (!affected) continue;
    const contexts = contextsOf(baseRoot, headRoot, base.varFiles, head.varFiles, owns, changedVarFiles, MAX_CONTEXTS);
    const sides = {
      base: { side: base, root: baseRoot, resolver: baseResolver, owns: owns.base },
      head: { side: head, root: headRoot, resolver: headResolver, owns: owns.head },
    };
    const requiredBefore =
      baseRoot === null ? new Map() : requirementsOf(base.modules, reachableBy([baseRoot], baseCallees));
    const reuse: InstanceReuse | undefined = contexts.length > 1 ? new Map() : undefined;
    const compared = contexts.length > 1 ? new ComparedPairs() : undefined;
    // What each object reads is asked once per root, for all its contexts; a root renamed as a whole settles nothing.
    const valueReach =
      baseRoot !== null && baseRoot === headRoot
        ? new ValueReach({
            modules: head.modules,
            baseModules: base.modules,
            callScope: headResolver.callScope,
            changedObject: hints.changedObject,
          })
        : undefined;
    const sharing = contexts.length > 1 ? oneSidedSharing(sides, contexts[0]!) : undefined;
    for (const [index, context] of contexts.entries()) {
      const keyed = { root, pair, index, context };
      const inContext = compareContext(keyed, sides, { hints, reuse, valueReach, sharing, compared }, literalPaths);
      inContext.changes = inContext.changes.filter((change) => !requiresNothingNew(change, requiredBefore));
      perRoot.push(inContext);
    }
  }
  const changes = dropRepeatedContexts(perRoot);
  return {
    changes,
    reachedModules: [...new Set(changes.flatMap((change) => (change.head ?? change.base)!.chainDirs))].sort(),
    unreached: unreachedSources(
      changedVarFiles,
      changedValueFiles,
      allRoots,
      owns,
      base,
      head,
      baseResolver,
      headResolver,
    ),
    unreadFiles: [
      ...baseResolver.side.files.askedNotRead().map((path) => ({ side: 'base' as const, path })),
      ...headResolver.side.files.askedNotRead().map((path) => ({ side: 'head' as const, path })),
    ],
  };
}

/** What changed at one root under one var-file context. */
interface ContextChanges {
  root: string;
  varFile: string | null;
  varFileStatus: RootedChange['varFileStatus'];
  changes: InstanceChange[];
}

/** One side of a root pair: its configuration, the root's directory there, and how values resolve. */
interface RootSide {
  side: FlowSide;
  root: string | null;
  resolver: Resolver;
  owns: VarFileOwner;
}

/** A root's var-file contexts sharing values with its auto-loaded one (see SharedContext). */
interface RootSharing {
  reach: ValueReach;
  autoLoaded: ReadonlyMap<string, VarAssignment>;
}

/**
 * Sharing for a root at one side only. Its changes are creations (or deletions), which carry no
 * traces of sources; at a root of both sides, a shared value's sources would be named by the
 * auto-loaded context's ids (see Resolver.node) while the other side's are the var file's, and
 * the traces compared between them would differ.
 */
function oneSidedSharing(sides: { base: RootSide; head: RootSide }, autoLoaded: VarContext): RootSharing | undefined {
  if ((sides.base.root === null) === (sides.head.root === null)) return undefined;
  const { side, root, resolver, owns } = sides.base.root === null ? sides.head : sides.base;
  const reach = new ValueReach({
    modules: side.modules,
    baseModules: side.modules,
    callScope: resolver.callScope,
    changedObject: () => false,
  });
  return { reach, autoLoaded: valuesFor(root!, autoLoaded, side.varFiles, owns) };
}

/** The root instantiated at base and head with the context's var files, and the instances compared. */
function compareContext(
  { root, pair, index, context }: { root: string; pair: number; index: number; context: VarContext },
  sides: { base: RootSide; head: RootSide },
  {
    hints,
    reuse,
    valueReach,
    sharing,
    compared,
  }: {
    hints: ChangeHints;
    reuse?: InstanceReuse;
    valueReach?: ValueReach;
    sharing?: RootSharing;
    compared?: ComparedPairs;
  },
  literalPaths: CompareContext['literalPaths'],
): ContextChanges {
  const instance = ({ side, root: dir, resolver, owns }: RootSide) => {
    if (dir === null) return null;
    const values = valuesFor(dir, context, side.varFiles, owns);
    // The auto-loaded context (the first) keeps values for the others (`null`: it is that one).
    const shared = sharing
      ? sharedContext(rootScopeKey(pair, 0), sharing.reach, sharing.autoLoaded, index === 0 ? null : values)
      : undefined;
    return { scope: rootScope(root, dir, rootScopeKey(pair, index), values, shared), modules: side.modules, resolver };
  };
  const instances = rootInstances(instance(sides.base), instance(sides.head), hints, reuse, valueReach);
  const { base, head } = sides;
  const changes = compareInstances(
    instances.base,
    instances.head,
    {
      literalPaths,
      baseDigests: base.resolver.digests,
      headDigests: head.resolver.digests,
      baseUnknown: base.side.unknownModules,
      headUnknown: head.side.unknownModules,
    },
    root,
    base.root !== null && head.root !== null && base.root !== head.root,
    compared,
  );
  const varFileStatus = context.atBase === context.atHead ? null : context.atHead ? 'added' : 'removed';
  return { root, varFile: context.file, varFileStatus, changes };
}

/** A provider requirement created in a configuration that already installs that plugin adds no code. */
function requiresNothingNew(change: InstanceChange, before: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  return change.action === 'create' && change.head !== null && alreadyRequired(change.head.object, before);
}

/** The changed files by what they can change: module directories, var files, files code reads. */
function changedInputs(files: readonly FileChange[]) {
  const paths = (file: FileChange) => [file.path, file.previousPath].filter((p): p is string => p !== undefined);
  const changedVarFiles = files.filter((file) => paths(file).some(isVarFilePath));
  return {
    changedDirs: new Set(files.flatMap((file) => paths(file).map(moduleDirectory))),
    changedVarFiles,
    // A workflow sets TF_VAR_s and is a file a configuration may read too (`yamldecode(file(...))`).
    changedValueFiles: files.filter(
      (file) =>
        !file.terraform && (!isVarFilePath(file.path) || isWorkflowPath(file.path)) && !isDocumentation(file.path),
    ),
    changedPathSet: new Set(changedVarFiles.flatMap(paths)),
    changedPaths: new Set(files.flatMap(paths)),
  };
}

/** A directory changed below when it or a module it calls has a changed file, or reads files while value files changed. */
function changeHints(
  callees: ReadonlyMap<string, readonly string[]>,
  changedDirs: ReadonlySet<string>,
  readers: ReadonlySet<string>,
  files: Pick<ChangeHints, 'changedObject'>,
): ChangeHints {
  const memo = new Map<string, boolean>();
  return {
    ...files,
    changedBelow(dir) {
      let known = memo.get(dir);
      if (known === undefined) {
        known = [...reachableBy([dir], callees)].some((below) => changedDirs.has(below) || readers.has(below));
        memo.set(dir, known);
      }
      return known;
    },
  };
}

/** The variables each root declares, for var files no root owns. */
function declaredVariables(side: FlowSide): (root: string) => ReadonlySet<string> {
  const memo = new Map<string, Set<string>>();
  return (root) => {
    let names = memo.get(root);
    if (!names) {
      names = new Set(
        [...(side.modules.get(root)?.keys() ?? [])]
          .filter((address) => address.startsWith('var.'))
          .map((address) => address.slice(4)),
      );
      memo.set(root, names);
    }
    return names;
  };
}

/** A caller whose file does not parse on one side still calls on the other: roots stay the same. */
function withUnknownCallers(calls: LocalCall[], other: FlowSide, unknown: ReadonlySet<string>): LocalCall[] {
  if (unknown.size === 0) return calls;
  return [...calls, ...localCalls(other.modules).filter((call) => unknown.has(call.caller))];
}

/** Each root with its counterpart: itself, or the directory it was renamed to as a whole. */
function rootPairs(
  baseRoots: readonly string[],
  headRoots: readonly string[],
  renames: ReadonlyMap<string, string>,
): [string | null, string | null][] {
  const head = new Set(headRoots);
  const renamedTo = new Set(renames.values());
  const pairs: [string | null, string | null][] = [];
  for (const root of baseRoots) {
    const target = renames.get(root) ?? (head.has(root) ? root : null);
    pairs.push([root, target]);
  }
  for (const root of headRoots) if (!baseRoots.includes(root) && !renamedTo.has(root)) pairs.push([null, root]);
  return pairs;
}

/** The root scope whose state a reader (`terraform_remote_state`, `tfe_outputs`) reads, with that root's auto-loaded values (remoteState.ts). */
function remoteRootOf(
  side: FlowSide,
  states: RootStates,
  owns: VarFileOwner,
): (scope: ModuleScope, type: string, dataName: string, resolver: Resolver) => ModuleScope[] {
  return (scope, type, dataName, resolver) => {
    const data = side.modules.get(scope.dir)?.get(`data.${type}.${dataName}`);
    if (!data) return [];
    const key = readerStateKey(type, data, scope, (expr) => resolver.resolve(expr, scope).expr);
    // A state several roots may keep (partial backends) is any one of theirs.
    return (key === null ? [] : rootsOfState(states, key))
      .filter((root) => root !== scope.root)
      .map((root) => rootScope(root, root, `state|${root}|`, valuesFor(root, AUTO_LOADED, side.varFiles, owns)));
  };
}

const AUTO_LOADED: VarContext = { id: '', file: null, atBase: true, atHead: true };
