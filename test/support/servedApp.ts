import type { Logger } from 'pino';
import { Probot, Server } from 'probot';
import { afterEach } from 'vitest';
import { type FourEyesOptions, fourEyes } from '../../src/index.js';
import { appPrivateKey } from '../github/support/appKey.js';
import { freePort } from './freePort.js';

/** What a served app is given beyond the fixed test settings (no timers, no sweep at start). */
export type ServedAppOptions = Omit<FourEyesOptions, 'appId' | 'recovery' | 'sweep'>;

/**
 * Serving the app behind Probot's own HTTP server on 127.0.0.1 (a free port), as `npm start` serves it: each
 * call starts one and gives its base URL; every server is stopped after the test that started it.
 */
export function appServer(): (options: ServedAppOptions, log: Logger) => Promise<string> {
  let running: Server | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });
  return async (options, log) => {
    const server = new Server({
      host: '127.0.0.1',
      port: await freePort(),
      log,
      Probot: Probot.defaults({ appId: 123, privateKey: appPrivateKey(), secret: 'test-secret', log }),
    });
    await server.load(
      fourEyes({ appId: 123, recovery: { timers: false }, sweep: { intervalMs: 0, atStart: false }, ...options }),
    );
    await server.start();
    running = server;
    return `http://127.0.0.1:${server.port}`;
  };
}
