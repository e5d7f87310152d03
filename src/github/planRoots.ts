import type { ChangeSet } from '../change/changeSet.js';
import type { PlanPolicy } from '../model/policy.js';

/**
 * The roots whose plan the pull request cannot pass without, sorted: every root the change
 * touches whose setting (its entry under `plans.roots`, else `plans.required`) requires one. A
 * root is touched when the change set has a change in it (an object of its own code, or of a
 * module it calls), and a listed root also when a file under its directory changes (a lock file,
 * a backend file: no object changes, but the plan may).
 */
export function rootsNeedingPlans(changeSet: ChangeSet, plans: PlanPolicy): string[] {
  const listed = new Map(plans.roots.map((root) => [root.path, root.required]));
  const touched = new Set<string>();
  for (const change of changeSet.changes)
    for (const root of change.instances?.map((instance) => instance.root) ?? [change.module]) touched.add(root);
  for (const root of listed.keys())
    if (
      changeSet.files.some(
        (file) => isUnder(file.path, root) || (file.previousPath && isUnder(file.previousPath, root)),
      )
    )
      touched.add(root);
  return [...touched].filter((root) => listed.get(root) ?? plans.required).sort();
}

function isUnder(path: string, root: string): boolean {
  return root === '.' ? !path.includes('/') : path.startsWith(`${root}/`);
}
