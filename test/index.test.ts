import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { changeSetWorkerLimits } from '../src/index.js';
import { readAllSettings } from '../src/settings.js';
import { scratchDirectory } from './support/scratchDirectory.js';

/** `probot run dist/index.js`, the other way to serve the app: its default export checks the settings as `npm start` does. */
function probotRun(env: Record<string, string>): { status: number | null; stderr: string } {
  const probot = fileURLToPath(new URL('../node_modules/probot/bin/probot.js', import.meta.url));
  const app = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  // From an empty directory, so no developer's .env joins in.
  const cwd = scratchDirectory('four-eyes-probot-run');
  const result = spawnSync(process.execPath, [probot, 'run', app], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
    cwd,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('probot run', () => {
  it("refuses to serve with Probot's default webhook secret", () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----';
    expect(probotRun({ APP_ID: '1', PRIVATE_KEY: pem, WEBHOOK_SECRET: 'development' })).toEqual({
      status: 1,
      stderr:
        'four-eyes: WEBHOOK_SECRET is "development", Probot\'s well-known default; set a long random secret in the app and here (see .env.example)\n',
    });
  });
});

describe("the change-set worker's bounds", () => {
  const pem = '-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----';
  const env = { APP_ID: '1', PRIVATE_KEY: pem, WEBHOOK_SECRET: 'a-long-random-webhook-secret' };

  it('come from FOUR_EYES_WORKER_MEMORY_MB and FOUR_EYES_WORKER_TIMEOUT_SECONDS', () => {
    const settings = readAllSettings({
      ...env,
      FOUR_EYES_WORKER_MEMORY_MB: '2048',
      FOUR_EYES_WORKER_TIMEOUT_SECONDS: '60',
    });
    expect(changeSetWorkerLimits(settings)).toEqual({ maxHeapMb: 2048, maxBusyMs: 60_000 });
    expect(changeSetWorkerLimits(readAllSettings(env))).toEqual({ maxHeapMb: 1536, maxBusyMs: 300_000 });
  });

  it('a bad one stops the server before it accepts a webhook, saying which and what to set', () => {
    expect(probotRun({ ...env, FOUR_EYES_WORKER_MEMORY_MB: '2GB' })).toEqual({
      status: 1,
      stderr:
        'four-eyes: FOUR_EYES_WORKER_MEMORY_MB must be a whole number of megabytes from 256 to 65536, got "2GB" (see .env.example)\n',
    });
  });
});
