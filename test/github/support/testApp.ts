import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { expect, onTestFinished } from 'vitest';
import { Probot, ProbotOctokit } from 'probot';
import { fourEyes } from '../../../src/index.js';
import { InMemoryActivityLog } from '../../../src/github/activityLog.js';
import { createCaches, type AppCaches } from '../../../src/github/caches.js';
import { FakeGitHub } from './fakeGitHub.js';
import type { Scenario } from './scenario.js';

export const APP_ID = 123;
export const NOW = new Date('2026-11-24T12:00:00Z');

let privateKey: string | null = null;
function testKey(): string {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return privateKey;
}

export interface TestApp {
  probot: Probot;
  github: FakeGitHub;
  activity: InMemoryActivityLog;
  caches: AppCaches;
}

export interface TestAppOptions {
  retry?: { enabled: boolean; retries?: number; retryAfterBaseValue?: number };
  throttle?: Record<string, unknown>;
  caches?: AppCaches;
  activity?: InMemoryActivityLog;
}

/** The app as GitHub would run it, against the fake GitHub; retries and throttling off unless a test turns them on. */
export function testApp(scenario: Scenario, options: TestAppOptions = {}): TestApp {
  nock.cleanAll();
  const github = new FakeGitHub(scenario).install();
  // Every app test ends with nothing unexpected asked of GitHub and every injected fault served.
  onTestFinished(() => expect(github.leftovers()).toEqual([]));
  const activity = options.activity ?? new InMemoryActivityLog();
  const caches = options.caches ?? createCaches();
  const probot = new Probot({
    appId: APP_ID,
    privateKey: testKey(),
    secret: 'test-secret',
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
      ...o,
      retry: options.retry ?? { enabled: false },
      throttle: options.throttle ?? { enabled: false },
    })),
  });
  probot.load(fourEyes({ appId: APP_ID, activity, caches, now: () => NOW }));
  return { probot, github, activity, caches };
}
