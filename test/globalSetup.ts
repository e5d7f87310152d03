import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: a plain ES module shared with the benchmark
import { launchTempPostgres } from '../scripts/tempPostgres.mjs';
import { POSTGRES_FAILED, POSTGRES_READY } from './support/postgresReadiness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** where tests write their files (test/support/scratchDirectory.ts) */
    scratchDirectory: string;
  }
}

/**
 * PostgreSQL's non-durable settings (its manual, "Non-Durable Settings") beside fsync=off: nothing
 * a test writes has to survive a crash of the server, and commits that wait for no WAL flush made
 * the replica tests' chains of transactions about 15% faster. Locks, isolation and what a commit
 * shows are the same. .ci/run starts its server with them too.
 */
const NON_DURABLE = ['synchronous_commit=off', 'full_page_writes=off'];

interface TempPostgres {
  url: string;
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server the audit tests run against: FOUR_EYES_TEST_DATABASE_URL when set (CI
 * starts one in .ci/run), else a throwaway one started here and stopped after the run. And the
 * run's scratch directory, removed after the run.
 *
 * The throwaway server starts while the workers load the first test files (a second or so, before
 * any of them connects): the tests wait for POSTGRES_READY, not this setup.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratch = mkdtempSync(join(tmpdir(), 'four-eyes-test-run-'));
  project.provide('scratchDirectory', scratch);
  // PGlite stores of hundreds of megabytes: removed in the background, not by the caller.
  const removeScratch = () => spawn('rm', ['-rf', scratch], { detached: true, stdio: 'ignore' }).unref();
  const given = process.env.FOUR_EYES_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    writeFileSync(join(scratch, POSTGRES_READY), '');
    return async () => removeScratch();
  }
  const server = (await launchTempPostgres(NON_DURABLE)) as TempPostgres;
  project.provide('postgresUrl', server.url);
  server.ready.then(
    () => writeFileSync(join(scratch, POSTGRES_READY), ''),
    (error: Error) => writeFileSync(join(scratch, POSTGRES_FAILED), error.message),
  );
  return async () => {
    await server.stop();
    removeScratch();
  };
}
