import { isDocumentation } from './documentation.js';
import { isLocalModuleSource, localModuleDirectory } from './localModules.js';
import type { ParsedFile } from './model.js';
import { moduleDirectory } from './modulePaths.js';

/** What is known of a repository's modules: which directories are modules, and which local modules each calls. */
export interface ModuleGraph {
  /** directories holding a configuration file ('.' for the repository root) */
  modules: ReadonlySet<string>;
  /** for a module directory, the directories its local `module` blocks name */
  calls: ReadonlyMap<string, ReadonlySet<string>>;
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
 * A changed file outside every module directory (other than documentation) affects them all.
 *
 * The graph should be the union of both sides' calls: a call added or removed by the change is
 * an edge on one side, and either side's edge carries the change.
 */
export function affectedModules(changedPaths: Iterable<string>, graph: ModuleGraph): Set<string> {
  const changed = new Set<string>();
  for (const path of changedPaths) {
    const owner = owningModule(path, graph.modules);
    if (owner !== null) changed.add(owner);
    // A file outside every module (`policies/x.json` beside the stacks) may be read by any module
    // through `file("../../policies/x.json")`: which one is only known once they are all read.
    else if (!isDocumentation(path)) return new Set(graph.modules);
  }
  const callers = new Map<string, Set<string>>();
  for (const [caller, callees] of graph.calls) {
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
