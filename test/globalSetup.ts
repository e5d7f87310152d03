import type { TestProject } from 'vitest/node';
// @ts-expect-error: a plain ES module shared with the benchmark
import { startTempPostgres } from '../scripts/tempPostgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * The PostgreSQL server the audit tests run against: FOUR_EYES_TEST_DATABASE_URL when set (CI
 * starts one in .ci/run), else a throwaway one started here and stopped after the run.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.FOUR_EYES_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return () => undefined;
  }
  const server = (await startTempPostgres()) as { url: string; stop(): void };
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
