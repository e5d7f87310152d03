import { isEnvironmentVariablesPath, isVariablesPath, mayExportVariables } from './configurationFiles.js';
import { isDocumentation } from './documentation.js';
import { isValueFilePath } from './fileReads.js';
import { isLocalModuleSource, localModuleDirectory } from './localModules.js';
import type { ParsedFile } from './model.js';
import { moduleDirectory } from './modulePaths.js';

/** What is known of a repository's modules: which directories are modules, and which local modules each calls. */
export interface ModuleGraph {
  /** directories holding a configuration file ('.' for the repository root) */
  modules: ReadonlySet<string>;
  /** for a module directory, the directories its local `module` blocks name */
  calls: ReadonlyMap<string, ReadonlySet<string>>;
  /** for a module directory, the roots whose state it reads (`terraform_remote_state`; configurationLinks.ts) */
  stateReads?: ReadonlyMap<string, ReadonlySet<string>>;
  /** module directories whose code may read other files of the tree (configurationLinks.ts) */
  fileReaders?: ReadonlySet<string>;
  /** ... and whose code names a var file (`decode_tfvars(file("../shared/net.tfvars"))`) */
  varFileReaders?: ReadonlySet<string>;
}

/** The literal `source` of every `module` block of a file that names a local directory. */
export function localModuleSources(file: ParsedFile): string[] {
  const sources: string[] = [];
  for (const block of file.blocks) {
    if (block.type !== 'module') continue;
    const source = block.attributes.find((attribute) => attribute.name === 'source')?.value;
    if (typeof source === 'string' && isLocalModuleSource(source)) sources.push(source);
  }
  return sources;
}

/** Adds the calls of one file of `directory` to a graph under construction. */
export function addModuleCalls(calls: Map<string, Set<string>>, directory: string, sources: readonly string[]): void {
  for (const source of sources) {
    const callee = localModuleDirectory(directory, source);
    if (callee === null || callee === directory) continue;
    let callees = calls.get(directory);
    if (!callees) {
      callees = new Set();
      calls.set(directory, callees);
    }
    callees.add(callee);
  }
}

/**
 * The module directory a file belongs to: its own directory when that is a module, else the
 * nearest ancestor that is (a `vars/prod.tfvars` or `policies/x.json` next to a root's files);
 * null when no ancestor is a module.
 */
export function owningModule(path: string, modules: ReadonlySet<string>): string | null {
  let directory = moduleDirectory(path);
  for (;;) {
    if (modules.has(directory)) return directory;
    if (directory === '.') return null;
    directory = moduleDirectory(directory);
  }
}

/**
 * The module directories a change can reach. A value changed in a module reaches the modules
 * it calls and, through their outputs, every module that calls it up to its roots; a root's
 * objects live in one state with those of every module it calls, so the modules the callers
 * call are affected too. A module called by an affected module but reached by no changed
 * value is unchanged for its other callers, which are not affected by it.
 *
 * A changed file outside every module directory (other than documentation) affects them all, and
 * so does a changed workflow, whose `TF_VAR_`s set any root's variables (flow/workflowVars.ts). A
 * changed value file (a policy document, a script: terraform/fileReads.ts) affects, besides the
 * module it lies in, every module whose code may read files: `file("${path.module}/../../policies/x.json")`
 * reads a file of another module's directory, and so may a path known only at apply time; a
 * changed var file, every module whose code names one. Which of them reads it is for the core to
 * tell, as it does with the whole trees.
 *
 * The graph should be the union of both sides' calls: a call added or removed by the change is
 * an edge on one side, and either side's edge carries the change.
 */
export function affectedModules(changedPaths: Iterable<string>, graph: ModuleGraph): Set<string> {
  const changed = new Set<string>();
  let valueFileChanged = false;
  let varFileChanged = false;
  for (const path of changedPaths) {
    // A workflow's `TF_VAR_`s and `-var`s set the variables of any root that declares them, wherever it lies.
    if (mayExportVariables(path)) return new Set(graph.modules);
    const owner = owningModule(path, graph.modules);
    if (owner !== null) changed.add(owner);
    // A file outside every module (`policies/x.json` beside the stacks) may be read by any module
    // through `file("../../policies/x.json")`: which one is only known once they are all read.
    else if (!isDocumentation(path)) return new Set(graph.modules);
    valueFileChanged ||= isValueFilePath(path);
    varFileChanged ||= isVariablesPath(path);
  }
  if (valueFileChanged) for (const reader of graph.fileReaders ?? []) changed.add(reader);
  if (varFileChanged) for (const reader of graph.varFileReaders ?? []) changed.add(reader);
  const callers = new Map<string, Set<string>>();
  // A root's outputs reach the modules that read its state as a module's reach its callers.
  for (const [caller, callees] of [...graph.calls, ...(graph.stateReads ?? [])]) {
    for (const callee of callees) {
      let set = callers.get(callee);
      if (!set) {
        set = new Set();
        callers.set(callee, set);
      }
      set.add(caller);
    }
  }
  const withCallers = closure(changed, (directory) => callers.get(directory));
  return closure(withCallers, (directory) => graph.calls.get(directory));
}

function closure(start: Iterable<string>, next: (directory: string) => Iterable<string> | undefined): Set<string> {
  const reached = new Set(start);
  const pending = [...reached];
  while (pending.length > 0) {
    for (const other of next(pending.pop()!) ?? []) {
      if (reached.has(other)) continue;
      reached.add(other);
      pending.push(other);
    }
  }
  return reached;
}

/** The configuration a change reaches: its affected modules, and the roots of the whole graph. */
export interface ReachedConfiguration {
  affected: ReadonlySet<string>;
  /** the module directories no module of the graph calls, each run with a state of its own */
  roots: ReadonlySet<string>;
}

export function reachedConfiguration(changedPaths: Iterable<string>, graph: ModuleGraph): ReachedConfiguration {
  const called = new Set([...graph.calls.values()].flatMap((callees) => [...callees]));
  return {
    affected: affectedModules(changedPaths, graph),
    roots: new Set([...graph.modules].filter((directory) => !called.has(directory))),
  };
}

/**
 * Whether an unchanged Terraform source file (configuration or variables) belongs to what the
 * change reaches, and so to what the core compares. A configuration file does when its module is
 * affected. A var file also does when the root it is placed with is: the nearest root at or above
 * its directory (`envs/prod/prod.tfvars` beside no `.tf`, under the `envs/prod` root), as the core
 * places it; and one under no root (`vars/prod.tfvars` beside `stacks/*`) always does, since it
 * may be passed to any root, as does a workflow, whose `TF_VAR_`s set any root's variables.
 * Without them, a module switched on only by an unchanged var file would be judged with no
 * instances, and a risky change in it would pass unseen.
 */
export function isReachedSource(path: string, reached: ReachedConfiguration): boolean {
  const directory = moduleDirectory(path);
  if (reached.affected.has(directory)) return true;
  if (!isVariablesPath(path)) return false;
  // A workflow sets the variables of any root that declares them, wherever it lies.
  if (isEnvironmentVariablesPath(path)) return true;
  for (let above = directory; ; above = moduleDirectory(above)) {
    if (reached.roots.has(above)) return reached.affected.has(above);
    if (above === '.') return true;
  }
}
