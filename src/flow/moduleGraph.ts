import type { ComparableObject } from '../terraform/comparableObjects.js';
import { localModuleDirectory } from '../terraform/localModules.js';

/** A `module` block whose source is a directory of the tree. */
export interface LocalCall {
  caller: string;
  name: string;
  target: string;
}

/** The local module calls of one revision: which directory calls which. */
export function localCalls(modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>): LocalCall[] {
  const calls: LocalCall[] = [];
  for (const [dir, objects] of modules) {
    for (const object of objects.values()) {
      const target = localCallTarget(object);
      if (target !== null && target !== dir)
        calls.push({ caller: dir, name: object.address.slice('module.'.length), target });
    }
  }
  return calls;
}

/** The directory a module call's literal `source` names, when it is a local path. */
export function localCallTarget(object: ComparableObject): string | null {
  if (object.kind !== 'module') return null;
  const source = object.ref.body.attributes.find((attribute) => attribute.name === 'source');
  return typeof source?.value === 'string' ? localModuleDirectory(object.module, source.value) : null;
}

/**
 * Roots: directories with configuration that no other directory calls as a local module. Each
 * has its own state. A directory reached by no root (only called from a cycle of calls) is a root
 * too, so nothing is left out.
 */
export function findRoots(directories: Iterable<string>, calls: readonly LocalCall[]): string[] {
  const all = [...new Set(directories)].sort();
  const called = new Set(calls.map((call) => call.target));
  const roots = all.filter((dir) => !called.has(dir));
  const reached = reachable(roots, calls);
  for (const dir of all) {
    if (reached.has(dir)) continue;
    roots.push(dir);
    for (const more of reachable([dir], calls)) reached.add(more);
  }
  return roots.sort();
}

/** Every directory reachable from `starts` through local calls, the starts included. */
function reachable(starts: readonly string[], calls: readonly LocalCall[]): Set<string> {
  return reachableBy(starts, calleesOf(calls));
}

/** The directories each directory calls, for repeated reachability questions. */
export function calleesOf(calls: readonly LocalCall[]): Map<string, string[]> {
  const byCaller = new Map<string, string[]>();
  for (const call of calls) {
    const callees = byCaller.get(call.caller);
    if (callees) callees.push(call.target);
    else byCaller.set(call.caller, [call.target]);
  }
  return byCaller;
}

export function reachableBy(starts: readonly string[], byCaller: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const next of byCaller.get(queue.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
