import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scratchDirectory } from './support/scratchDirectory.js';

/** `npm start` as an operator runs it: a missing setting stops it with one line, before any port is opened. */
function start(env: Record<string, string>): { status: number | null; stderr: string } {
  // From an empty directory, so no developer's .env joins in.
  const launcher = fileURLToPath(new URL('../bin/four-eyes-app.js', import.meta.url));
  const cwd = scratchDirectory('four-eyes-start');
  const result = spawnSync(process.execPath, [launcher], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
    cwd,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('npm start', () => {
  it('refuses to start without a webhook secret', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----';
    const result = start({ APP_ID: '1', PRIVATE_KEY: pem });
    expect(result).toEqual({
      status: 1,
      stderr:
        'four-eyes: WEBHOOK_SECRET is not set; set it to the webhook secret of the GitHub App (the app refuses unsigned or guessable webhooks) (see .env.example)\n',
    });
  });

  it('refuses to start without an app id', () => {
    expect(start({})).toEqual({
      status: 1,
      stderr:
        "four-eyes: APP_ID is not set; set it to the App ID from the GitHub App's settings page (see .env.example)\n",
    });
  });
});
