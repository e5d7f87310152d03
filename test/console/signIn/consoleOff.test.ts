import { Writable } from 'node:stream';
import pino from 'pino';
import { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import { CONSOLE_OFF } from '../../../src/console/signIn/consoleSignIn.js';
import { fourEyes } from '../../../src/index.js';
import { appPrivateKey } from '../../github/support/appKey.js';
import { freshMemoryAudit } from '../../support/auditDatabase.js';

/** The app loaded with these console settings; the messages it logged. */
async function loadedLogs(consoleSettings: null | undefined): Promise<string[]> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push((JSON.parse(String(chunk)) as { msg: string }).msg);
      done();
    },
  });
  const log = pino({ level: 'info' }, stream);
  const probot = new Probot({ appId: 123, privateKey: appPrivateKey(), secret: 'test-secret', log });
  const sweep = { intervalMs: 0, atStart: false, registered: (registered: { stop(): void }) => registered.stop() };
  await probot.load(
    fourEyes({
      appId: 123,
      audit: freshMemoryAudit(),
      recovery: { timers: false },
      sweep,
      consoleSignIn: consoleSettings,
    }),
    { cwd: process.cwd(), addHandler: () => undefined },
  );
  return lines;
}

describe("the auditors' console, off", () => {
  it('says so in one line, with how to turn it on, when its settings are not set', async () => {
    const lines = await loadedLogs(null);
    expect(lines.filter((line) => line === CONSOLE_OFF)).toHaveLength(1);
    expect(CONSOLE_OFF).toMatch(
      /FOUR_EYES_CONSOLE_CLIENT_ID.*FOUR_EYES_CONSOLE_CLIENT_SECRET.*FOUR_EYES_SESSION_SECRET.*FOUR_EYES_CONSOLE_URL/,
    );
    expect(await loadedLogs(undefined)).not.toContain(CONSOLE_OFF);
  });
});
