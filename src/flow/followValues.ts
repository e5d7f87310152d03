import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { type CompareContext, ComparedPairs, compareInstances, type InstanceChange } from './compareInstances.js';
import { type RelevanceSide, relevantContexts } from './contextRelevance.js';
import { sharedContext } from './contextSharing.js';
import { type FlowSetup, flowSetup } from './flowSetup.js';
import { InstanceReuse } from './instanceReuse.js';
import { type ChangeHints, rootInstances, rootScope, rootScopeKey } from './instances.js';
import { reachableBy } from './moduleGraph.js';
import { dropRepeatedContexts } from './repeatedContexts.js';
import { alreadyRequired, requirementsOf } from './requiredProviders.js';
import type { Resolver } from './resolver.js';
import {
  AUTO_LOADED,
  type ContextChooser,
  contextsOf,
  type VarContext,
  type VarFileOwner,
  valuesFor,
} from './rootContexts.js';
import { unreachedSources } from './unreachedSources.js';
import { ValueReach } from './valueReach.js';
import type { VarAssignment, VarFile } from './varFiles.js';

/** A changed var file whose values were not followed: its root has more changed var files than are resolved. */
export interface UnresolvedVarFile {
  root: string;
  path: string;
  /** the root's changed var files, and how many of them were resolved */
  changed: number;
  resolved: number;
}

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
  /** changed var files of a root beyond the number resolved (CONTEXT_LIMITS): where their values land is not known */
  unresolvedVarFiles: UnresolvedVarFile[];
}

/**
 * How many var files of a root are resolved. Every changed one is a change to judge: more than
 * this many in one root are reported unresolved, never dropped. The unchanged ones only show
 * where a code change lands; the most relevant few are resolved (contextRelevance.ts).
 */
const CONTEXT_LIMITS = { changed: 24, unchanged: 7 };

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
  const setup = flowSetup(base, head, files, literalPaths);
  const { resolvers, changed } = setup;
  const perRoot: ContextChanges[] = [];
  const unresolvedVarFiles: FlowResult['unresolvedVarFiles'] = [];
  for (const [pair, roots] of setup.pairs.entries()) {
    const atRoot = rootPairChanges(setup, pair, roots, literalPaths);
    perRoot.push(...atRoot.changes);
    unresolvedVarFiles.push(...atRoot.unresolved);
  }
  const changes = dropRepeatedContexts(perRoot);
  return {
    changes,
    reachedModules: [...new Set(changes.flatMap((change) => (change.head ?? change.base)!.chainDirs))].sort(),
    unreached: unreachedSources(
      changed.changedVarFiles,
      changed.changedValueFiles,
      setup.allRoots,
      setup.owns,
      base,
      head,
      resolvers.base,
      resolvers.head,
    ),
    unreadFiles: [
      ...resolvers.base.side.files.askedNotRead().map((path) => ({ side: 'base' as const, path })),
      ...resolvers.head.side.files.askedNotRead().map((path) => ({ side: 'head' as const, path })),
    ],
    unresolvedVarFiles,
  };
}

/** What changed at a pair of roots under each of its var-file contexts; nothing when no change reaches it. */
function rootPairChanges(
  setup: FlowSetup,
  pair: number,
  [baseRoot, headRoot]: [string | null, string | null],
  literalPaths: CompareContext['literalPaths'],
): { changes: ContextChanges[]; unresolved: FlowResult['unresolvedVarFiles'] } {
  const { base, head, owns, resolvers } = setup;
  if (!reachesRootPair(setup, baseRoot, headRoot)) return { changes: [], unresolved: [] };
  const root = (headRoot ?? baseRoot)!;
  const sides = {
    base: { side: base, root: baseRoot, resolver: resolvers.base, owns: owns.base },
    head: { side: head, root: headRoot, resolver: resolvers.head, owns: owns.head },
  };
  const requiredBefore =
    baseRoot === null ? new Map() : requirementsOf(base.modules, reachableBy([baseRoot], setup.baseCallees));
  const { changedPaths } = setup.changed;
  // What each object reads is asked once per root, for all its contexts; a root renamed as a whole settles nothing.
  const valueReach =
    baseRoot !== null && baseRoot === headRoot
      ? new ValueReach({
          modules: head.modules,
          baseModules: base.modules,
          callScope: resolvers.head.callScope,
          changedObject: setup.hints.changedObject,
          fileChanged: (path) => path === null || changedPaths.has(path) || !readAlike(base, head, path),
        })
      : undefined;
  const { contexts, unresolved } = contextsOf(
    baseRoot,
    headRoot,
    base.varFiles,
    head.varFiles,
    owns,
    setup.changed.changedVarFiles,
    CONTEXT_LIMITS,
    valueReach ? contextChooser(setup, pair, root, sides, valueReach) : undefined,
  );
  const sharing = contexts.length > 1 ? oneSidedSharing(sides, contexts[0]!) : undefined;
  const reuse = contexts.length > 1 ? new InstanceReuse() : undefined;
  const compared = contexts.length > 1 ? new ComparedPairs() : undefined;
  const acrossContexts = { hints: setup.hints, reuse, valueReach, sharing, compared };
  const changes = contexts.map((context, index) => {
    const inContext = oneContextAtATime(sides, index, reuse, () =>
      compareContext({ root, pair, index, context }, sides, acrossContexts, literalPaths),
    );
    inContext.changes = inContext.changes.filter((change) => !requiresNothingNew(change, requiredBefore));
    return inContext;
  });
  const changed = CONTEXT_LIMITS.changed + unresolved.length;
  return {
    changes,
    unresolved: unresolved.map((context) => ({ root, path: context.file!, changed, resolved: CONTEXT_LIMITS.changed })),
  };
}

/**
 * `compare` for the context numbered `index`, holding what it resolves only while it runs. In a
 * root at both sides, a var file's own values and module instances are seldom another's: only
 * the auto-loaded context's (the first) are kept for the others. In a root created whole, var
 * files deploying the same modules alike reuse each other's (instanceReuse.ts): all are kept.
 */
function oneContextAtATime<T>(
  sides: { base: RootSide; head: RootSide },
  index: number,
  reuse: InstanceReuse | undefined,
  compare: () => T,
): T {
  if (sides.base.root === null || sides.head.root === null || index === 0) return compare();
  if (index === 1) reuse?.stopKeeping();
  const resolvers = [sides.base.resolver, sides.head.resolver];
  for (const resolver of resolvers) resolver.startNoting();
  try {
    return compare();
  } finally {
    for (const resolver of resolvers) resolver.forgetNoted();
  }
}

/**
 * The var-file contexts of a root present at both sides, chosen by what decides its change
 * (contextRelevance.ts): the walk runs only when the root has var files beyond the auto-loaded ones.
 */
function contextChooser(
  setup: FlowSetup,
  pair: number,
  root: string,
  sides: { base: RootSide; head: RootSide },
  valueReach: ValueReach,
): ContextChooser {
  const values = (side: RootSide, context: VarContext) => valuesFor(side.root!, context, side.side.varFiles, side.owns);
  const autoValues = { base: values(sides.base, AUTO_LOADED), head: values(sides.head, AUTO_LOADED) };
  const relevanceSide = (side: RootSide, rootValues: Map<string, VarAssignment>): RelevanceSide => ({
    modules: side.side.modules,
    callScope: side.resolver.callScope,
    root: rootScope(root, side.root!, rootScopeKey(pair, 0), rootValues),
  });
  return relevantContexts(
    () => ({
      base: relevanceSide(sides.base, autoValues.base),
      head: relevanceSide(sides.head, autoValues.head),
      reach: valueReach.inContext(autoValues.base, autoValues.head),
      hints: setup.hints,
    }),
    {
      autoLoaded: autoValues,
      of: (context) => ({ base: values(sides.base, context), head: values(sides.head, context) }),
    },
  );
}

/**
 * Whether a change can reach the pair of roots: a var file of theirs changed, or a directory
 * they reach has a changed file, or may read one (see flowSetup's changedFileReaders).
 */
function reachesRootPair(setup: FlowSetup, baseRoot: string | null, headRoot: string | null): boolean {
  const { base, head, owns, changed, readers } = setup;
  const reach = reachableBy(
    [baseRoot, headRoot].filter((r): r is string => r !== null),
    setup.callees,
  );
  const usesChangedVarFile = (root: string | null) =>
    root !== null &&
    (base.varFiles.some((file) => changed.changedPathSet.has(file.path) && owns.base(root, file)) ||
      head.varFiles.some((file) => changed.changedPathSet.has(file.path) && owns.head(root, file)));
  return (
    usesChangedVarFile(baseRoot) ||
    usesChangedVarFile(headRoot) ||
    [...reach].some((dir) => changed.changedDirs.has(dir)) ||
    [...reach].some((dir) => readers.has(dir))
  );
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
    // What a file holds is the same under every var file: only a path read from a var differs.
    fileChanged: () => false,
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

/**
 * Whether a file was read at both sides with the same content: one not read (the app reads what a
 * change needs, a second time for what the first reads ask for), or missing at one side, may
 * differ — a symbolic link's target may have changed while the link did not.
 */
function readAlike(base: FlowSide, head: FlowSide, path: string): boolean {
  if (base.notRead.has(path) || head.notRead.has(path)) return false;
  const before = base.files.get(path);
  return before !== undefined && before === head.files.get(path);
}
