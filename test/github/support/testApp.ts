import nock from 'nock';
import { type Logger, Probot } from 'probot';
import { expect, onTestFinished } from 'vitest';
import type { AuditServices } from '../../../src/audit/services.js';
import { StoreActivityLog } from '../../../src/audit/storeActivityLog.js';
import { type AppCaches, createCaches } from '../../../src/github/caches.js';
import { fourEyesOctokit, type RateLimitOptions } from '../../../src/github/octokit.js';
import type { AppOperations } from '../../../src/github/operations.js';
import type { OrphanSweep, SweepSettings } from '../../../src/github/orphanSweep.js';
import type { Recovery, RecoverySettings } from '../../../src/github/recovery.js';
import { fourEyes } from '../../../src/index.js';
import { freshMemoryAudit } from '../../support/auditDatabase.js';
import { appPrivateKey } from './appKey.js';
import { FakeGitHub } from './fakeGitHub.js';
import { fakeGitHubFetch } from './fakeGitHubFetch.js';
import type { Scenario } from './scenario.js';

export const APP_ID = 123;
export const NOW = new Date('2026-11-24T12:00:00Z');

export interface TestApp {
  probot: Probot;
  github: FakeGitHub;
  activity: StoreActivityLog;
  audit: AuditServices;
  caches: AppCaches;
  /** the background work (heartbeat, resuming deliveries, retries), for tests to run rounds by hand */
  recovery: Recovery;
  /** the app's sweep of runs and posts left behind: off unless a test runs a pass */
  sweep: OrphanSweep;
}

export interface TestAppOptions {
  retry?: { enabled: boolean; retries?: number; retryAfterBaseValue?: number };
  throttle?: Record<string, unknown>;
  caches?: AppCaches;
  /** a store of its own (default: a new in-memory one; the tests of the database path pass PGlite or PostgreSQL) */
  audit?: AuditServices;
  /** another app's fake GitHub, to run a second replica against the same GitHub */
  github?: FakeGitHub;
  /** the clock and waits of rate limits (default: real clock, waits end at once) */
  rateLimits?: RateLimitOptions;
  /** where the app logs (default: nowhere) */
  log?: Logger;
  /** the app's clock (default: a fixed instant) */
  now?: () => Date;
  /** the background work's timings; its timers are off unless a test turns them on */
  recovery?: Partial<RecoverySettings> & { timers?: boolean };
  /** the sweep's settings (default: never on its own; a test runs `sweep.run()`) */
  sweep?: Partial<SweepSettings>;
  /** probes, metrics and shutdown: the app and its Octokit class report to them */
  operations?: AppOperations;
}

/** The app as GitHub would run it, against the fake GitHub; retries off unless a test turns them on, rate limits waited out by Four Eyes (instantly unless a test passes a clock). */
export async function testApp(scenario: Scenario, options: TestAppOptions = {}): Promise<TestApp> {
  let github = options.github;
  if (!github) {
    nock.cleanAll();
    const fake = new FakeGitHub(scenario).install();
    // Every app test ends with nothing unexpected asked of GitHub and every injected fault served.
    onTestFinished(() => expect(fake.leftovers()).toEqual([]));
    // ... and every check run the app started completed.
    onTestFinished(() =>
      expect(
        fake.openCheckRuns().map((run) => `check run ${run.id} on ${run.head_sha.slice(0, 7)} left ${run.status}`),
      ).toEqual([]),
    );
    github = fake;
  }
  const audit = options.audit ?? freshMemoryAudit();
  const now = options.now ?? (() => NOW);
  const activity = new StoreActivityLog(audit.records, now);
  const caches = options.caches ?? createCaches();
  const probot = new Probot({
    appId: APP_ID,
    privateKey: appPrivateKey(),
    secret: 'test-secret',
    logLevel: 'fatal',
    ...(options.log ? { log: options.log } : {}),
    Octokit: fourEyesOctokit({
      ...(options.rateLimits ?? { sleep: () => Promise.resolve() }),
      ...(options.operations ? { observe: options.operations.metrics.requested } : {}),
    }).defaults((o: Record<string, unknown>) => ({
      ...o,
      retry: options.retry ?? { enabled: false },
      throttle: options.throttle ?? { enabled: false },
      request: { ...(o.request as object | undefined), fetch: fakeGitHubFetch(github) },
    })),
  });
  let recovery: Recovery | null = null;
  let sweep: OrphanSweep | null = null;
  const sweepSettings = {
    intervalMs: 0,
    atStart: false,
    staleAfterMs: 0,
    ...options.sweep,
    registered: (registered: OrphanSweep) => {
      sweep = registered;
    },
  };
  await probot.load(
    fourEyes({
      appId: APP_ID,
      audit,
      caches,
      now,
      sweep: sweepSettings,
      recovery: { timers: false, ...options.recovery },
      ...(options.operations ? { operations: options.operations } : {}),
      onRecovery: (r) => {
        recovery = r;
      },
    }),
    // No HTTP server here: the operations routes are tested through Probot's Server (test/github/operations.test.ts).
    { cwd: process.cwd(), addHandler: () => undefined },
  );
  onTestFinished(() => sweep?.stop());
  return { probot, github, activity, audit, caches, recovery: recovery!, sweep: sweep! };
}
