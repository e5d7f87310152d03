import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
