import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Plan, PlanError } from '../plan/planModel.js';
import { readPlanBytes, readPlanStream } from '../plan/readPlan.js';

/**
 * readPlanStream of a file, read piece by piece into one reused buffer: only the members the plan
 * needs are ever copied, so a 50 MB plan never exists in memory whole (memory a process touches
 * for the first time is most of what reading it costs). A file-system error (ENOENT, EISDIR, …)
 * is thrown as it came, for the caller to word.
 */
export function readPlanFile(path: string): { plan: Plan } | { error: PlanError } {
  const fd = openSync(path, 'r');
  try {
    // A pipe (`--plan <(terraform show -json plan.tfplan)`, /dev/stdin) cannot be read twice for
    // an error, nor at a position: it is read whole, as before. A directory throws EISDIR here.
    if (!fstatSync(fd).isFile()) return readPlanBytes(readFileSync(fd), path);
    let position = 0;
    const read = (into: Uint8Array): number => {
      const count = readSync(fd, into, 0, into.length, position);
      position += count;
      return count;
    };
    return readPlanStream({ read, whole: () => readFileSync(path) }, path);
  } finally {
    closeSync(fd);
  }
}

/** Whether an error is the file system's (it names the call that failed), not a fault of ours. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
