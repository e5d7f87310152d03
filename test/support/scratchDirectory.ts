import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * A new directory for a test's files, inside the run's scratch directory (test/globalSetup.ts),
 * which is removed in the background once the run ends: a test need not remove what it wrote
 * there, nor wait for hundreds of megabytes to be deleted.
 */
export function scratchDirectory(prefix: string): string {
  return mkdtempSync(join(inject('scratchDirectory'), `${prefix}-`));
}
