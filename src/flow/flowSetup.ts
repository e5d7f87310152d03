import { isScriptPath, mayExportVariables } from '../terraform/configurationFiles.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { isValueFilePath, mayReadFiles, mayReadVarFiles } from '../terraform/fileReads.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { TERRAGRUNT_CALL } from '../terraform/terragrunt.js';
import { changedObjects } from './changedObjects.js';
import type { CompareContext } from './compareInstances.js';
import { fileReader } from './fileFunctions.js';
import type { FlowSide } from './followValues.js';
import { type ChangeHints, callScope, isTerragruntCall, rootScope } from './instances.js';
import { calleesOf, findRoots, type LocalCall, localCalls, localCallTarget, reachableBy } from './moduleGraph.js';
import { type RootStates, readerStateKey, rootsOfState, stateReads, statesOfRoots } from './remoteState.js';
import { Resolver } from './resolver.js';
import { readsFiles, type VarContext, type VarFileOwner, valuesFor, varFileOwner } from './rootContexts.js';
import { renamedRoots } from './rootRenames.js';
import type { ModuleScope } from './scope.js';
import { isVarFilePath } from './varFiles.js';

/**
 * What the flow analysis works out once for both revisions, before it compares any root: the
 * roots and how they pair up, who calls whom and reads whose state, which var files belong to
 * which root, how values resolve at each side, and what the changed files can change.
 */
export interface FlowSetup {
  base: FlowSide;
  head: FlowSide;
  /** each root with its counterpart: itself, or the directory it was renamed to as a whole */
  pairs: [string | null, string | null][];
  allRoots: Set<string>;
  owns: { base: VarFileOwner; head: VarFileOwner };
  resolvers: { base: Resolver; head: Resolver };
  /** the directories each directory calls as a local module or reads the state of, at either side */
  callees: ReadonlyMap<string, readonly string[]>;
  /** the local modules each directory calls at the base */
  baseCallees: ReadonlyMap<string, readonly string[]>;
  hints: ChangeHints;
  changed: ChangedInputs;
  /** directories whose code reads files */
  readers: Set<string>;
}

type ChangedInputs = ReturnType<typeof changedInputs>;

export function flowSetup(
  base: FlowSide,
  head: FlowSide,
  files: readonly FileChange[],
  literalPaths: CompareContext['literalPaths'],
): FlowSetup {
  const baseCalls = withUnknownCallers(localCalls(base.modules), head, base.unknownModules);
  const headCalls = withUnknownCallers(localCalls(head.modules), base, head.unknownModules);
  const baseDirs = [...base.modules.keys(), ...base.unknownModules];
  const headDirs = [...head.modules.keys(), ...head.unknownModules];
  const { baseRoots, headRoots } = lastingRoots(findRoots(baseDirs, baseCalls), findRoots(headDirs, headCalls), {
    base: new Set(baseDirs),
    head: new Set(headDirs),
  });
  const renames = renamedRoots(base, head, files, baseRoots, headRoots);
  const changed = changedInputs(files, [base.modules, head.modules]);
  const readers = changedFileReaders(base, head, changed);
  const allRoots = new Set([...baseRoots, ...headRoots]);
  const owns = {
    base: varFileOwner(allRoots, declaredVariables(base)),
    head: varFileOwner(allRoots, declaredVariables(head)),
  };
  const baseStates = statesOfRoots(baseRoots, base.modules, base.files);
  const headStates = statesOfRoots(headRoots, head.modules, head.files);
  const changedValuePaths = [
    ...new Set(changed.changedValueFiles.flatMap((file) => [file.path, file.previousPath ?? file.path])),
  ].sort();
  const resolvers = {
    base: sideResolver(base, baseStates, owns.base, changedValuePaths),
    head: sideResolver(head, headStates, owns.head, changedValuePaths),
  };
  // A root that reads another's state is reached by what changes there, as by what a module it calls changes.
  const callees = calleesOf([
    ...baseCalls,
    ...headCalls,
    ...stateReads(base.modules, baseStates, baseRoots),
    ...stateReads(head.modules, headStates, headRoots),
  ]);
  const unknownDirs = new Set([...base.unknownModules, ...head.unknownModules]);
  const hints = changeHints(callees, changed.changedDirs, readers, {
    changedObject: changedObjects(base.modules, head.modules, changed.changedPaths, unknownDirs, literalPaths),
  });
  const pairs = rootPairs(baseRoots, headRoots, renames);
  return {
    base,
    head,
    pairs,
    allRoots,
    owns,
    resolvers,
    callees,
    baseCallees: calleesOf(baseCalls),
    hints,
    changed,
    readers,
  };
}

/**
 * A directory that is a root at one side is a root at the other too, where it still has
 * configuration: a pipeline that applies `stacks/prod` keeps applying it, with its own state and
 * its `terraform.tfvars`, when a new `wrapper/` starts calling it as a module (or an old caller
 * goes). Otherwise a change of `stacks/prod/terraform.tfvars` opening SSH to the world, made with
 * such a wrapper, would be read only through the wrapper's inputs.
 */
function lastingRoots(
  baseFound: readonly string[],
  headFound: readonly string[],
  dirs: { base: ReadonlySet<string>; head: ReadonlySet<string> },
): { baseRoots: string[]; headRoots: string[] } {
  const union = (own: readonly string[], other: readonly string[], present: ReadonlySet<string>) =>
    [...new Set([...own, ...other.filter((dir) => present.has(dir))])].sort();
  return { baseRoots: union(baseFound, headFound, dirs.base), headRoots: union(headFound, baseFound, dirs.head) };
}

/** How values resolve at one side: through its local module calls, and through remote state to the roots that keep it. */
function sideResolver(
  side: FlowSide,
  states: RootStates,
  owns: VarFileOwner,
  changedValueFiles: readonly string[],
): Resolver {
  return new Resolver(
    { modules: side.modules, files: fileReader(side.files, side.notRead), changedValueFiles },
    (scope, name) => callScope(side.modules, scope, name),
    remoteRootOf(side, states, owns),
  );
}

/**
 * The directories whose code may read a changed file: any that reads files when a value file
 * changed; one whose code names a var file when a var file changed (a workflow is a value file
 * too). Empty when no such file changed.
 */
function changedFileReaders(base: FlowSide, head: FlowSide, changed: ReturnType<typeof changedInputs>): Set<string> {
  const valueFiles = changed.changedValueFiles.length > 0;
  const varFiles = changed.changedVarFiles.some((file) => !mayExportVariables(file.path));
  if (!valueFiles && !varFiles) return new Set();
  const reads = valueFiles ? mayReadFiles : mayReadVarFiles;
  return new Set([...readsFiles(base.files, reads), ...readsFiles(head.files, reads)]);
}

/**
 * The changed files by what they can change: module directories, var files, files code reads. A
 * directory changes with its files, and with an object of it written in a changed file elsewhere
 * (a Terragrunt deployment's call, given the inputs of the parent it includes).
 */
function changedInputs(files: readonly FileChange[], sides: readonly FlowSide['modules'][]) {
  const paths = (file: FileChange) => [file.path, file.previousPath].filter((p): p is string => p !== undefined);
  // A changed script may set variables too (readChangeSide reads it as a var file then).
  const changedVarFiles = files.filter((file) => paths(file).some((path) => isVarFilePath(path) || isScriptPath(path)));
  const changedPaths = new Set(files.flatMap(paths));
  const changedDirs = new Set(files.flatMap((file) => paths(file).map(moduleDirectory)));
  for (const modules of sides)
    for (const [dir, objects] of modules)
      for (const object of objects.values())
        if (object.files.length > 1 && object.files.some((file) => changedPaths.has(file))) changedDirs.add(dir);
  return {
    changedDirs,
    changedVarFiles,
    // A workflow sets TF_VAR_s and is a file a configuration may read too (`yamldecode(file(...))`).
    changedValueFiles: files.filter((file) => !file.terraform && isValueFilePath(file.path)),
    changedPathSet: new Set(changedVarFiles.flatMap(paths)),
    changedPaths,
  };
}

/** A directory changed below when it or a module it calls has a changed file, or may read one (changedFileReaders). */
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
      // A Terragrunt deployment's variables are those of the module it runs.
      const call = side.modules.get(root)?.get(`module.${TERRAGRUNT_CALL}`);
      const module = call && isTerragruntCall(call) ? localCallTarget(call) : null;
      names = new Set(
        [root, ...(module === null ? [] : [module])]
          .flatMap((dir) => [...(side.modules.get(dir)?.keys() ?? [])])
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
