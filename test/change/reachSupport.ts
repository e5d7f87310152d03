import { buildChangeSet, type ChangeSet } from '../../src/change/changeSet.js';
import { reachedTrees, withOldProblems } from '../../src/change/reachedTrees.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';

/** What a change set says, without the bookkeeping that names no change. */
export function judged(changeSet: ChangeSet) {
  const { changes, files, unparsed, problems, unreached } = changeSet;
  return { changes, files, unparsed, problems, unreached };
}

/** The change set of what the change reaches, as the command line and the app build it. */
export function throughReach(base: SourceTree, head: SourceTree): ChangeSet {
  const reached = reachedTrees(base, head);
  return withOldProblems(buildChangeSet(reached.base, reached.head), reached.outOfReach);
}
