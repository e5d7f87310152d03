import { findRoots, localCalls, localCallTarget } from '../flow/moduleGraph.js';
import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { PlanObjectLocator } from './planChanges.js';
import { withoutInstanceKeys } from './planChanges.js';
import type { Plan } from './planModel.js';

type Modules = ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>;

/**
 * Finds a plan's objects in the code of one root: `module.app.aws_s3_bucket.logs` is the
 * `aws_s3_bucket.logs` of the directory the root's `module "app"` calls, when its source is a
 * local path. Objects of registry modules are not in the tree: the finding points at the plan.
 */
export function planLocator(modules: Modules, root: string): PlanObjectLocator {
  return (configAddress) => {
    let dir = root;
    let rest = configAddress;
    while (rest.startsWith('module.')) {
      const end = rest.indexOf('.', 'module.'.length);
      if (end < 0) return null;
      const call = modules.get(dir)?.get(rest.slice(0, end));
      const target = call ? localCallTarget(call) : null;
      if (target === null) return null;
      dir = target;
      rest = rest.slice(end + 1);
    }
    const object = modules.get(dir)?.get(rest);
    return object ? { module: dir, file: object.ref.file, line: object.ref.range.start.line } : null;
  };
}

/**
 * The root a plan was made in, when the edge does not say: the root of the code where the most
 * of the plan's resources are found (the only root, when there is one). Null when none is found.
 */
export function guessPlanRoot(modules: Modules, plan: Plan): string | null {
  const roots = findRoots(modules.keys(), localCalls(modules));
  if (roots.length === 1) return roots[0]!;
  const addresses = [...new Set(plan.resourceChanges.map((entry) => withoutInstanceKeys(entry.address)))];
  let best: { root: string; found: number } | null = null;
  for (const root of roots) {
    const locate = planLocator(modules, root);
    const found = addresses.filter((address) => locate(address) !== null).length;
    if (found > 0 && (best === null || found > best.found)) best = { root, found };
  }
  return best?.root ?? null;
}
