import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/globalSetup.ts'],
    // Test files share their worker's modules: probot, the catalog and PGlite are loaded once per
    // worker, not once per file (that was most of the run's time). So a test file must leave no
    // state behind, and observes a module's function with vi.spyOn (restored after each test),
    // not vi.mock, which cannot replace a module other files already imported.
    isolate: false,
    // Most tests wait as much as they compute (PGlite, PostgreSQL, child processes): one worker
    // per core, not the default of one fewer.
    maxWorkers: 2,
    // Concurrent tests (the kill points of killedProcess.test.ts, each with two app processes)
    // three at a time: as fast as more on two cores, and a lighter load on the tests beside them.
    maxConcurrency: 3,
    // Transformed modules are kept between runs (keyed by path, content, Vitest's version and this
    // config): a run transforms only the files that changed. In the temporary directory, not in
    // node_modules, which checkouts of this repository may share.
    experimental: { fsModuleCache: true, fsModuleCachePath: join(tmpdir(), 'four-eyes-vitest-modules') },
  },
});
