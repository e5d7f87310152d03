import { defineConfig } from 'vitest/config';

/**
 * Test files that mock a module (vi.mock) need a module graph of their own; every other file
 * shares its worker's, so probot, the catalog and PGlite are loaded once per worker, not once
 * per file (that was most of the run's time).
 */
const ISOLATED = ['test/github/affectedConfiguration.test.ts'];

const common = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // Most tests wait as much as they compute (PGlite, PostgreSQL, child processes): one worker
    // per core, not the default of one fewer.
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...common,
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ISOLATED,
          isolate: false,
          globalSetup: ['test/globalSetup.ts'],
        },
      },
      { test: { ...common, name: 'isolated', include: ISOLATED } },
    ],
  },
});
