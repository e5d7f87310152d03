// One app replica as its own process, for test/github/replicaProcesses.test.ts and crashProcesses.test.ts: the compiled app
// (npm test builds it first) behind Probot's HTTP server, talking to the fake GitHub over HTTP.
// Settings come from the environment; it prints "listening <port>" once it accepts webhooks.

import pino from 'pino';
import { Probot, ProbotOctokit, Server } from 'probot';

const { fourEyes } = await import(new URL('../../../dist/index.js', import.meta.url).href);

const log = pino({ level: 'fatal' });
const server = new Server({
  host: '127.0.0.1',
  port: Number(process.env.PORT),
  log,
  Probot: Probot.defaults({
    appId: Number(process.env.APP_ID),
    privateKey: process.env.PRIVATE_KEY,
    secret: process.env.WEBHOOK_SECRET,
    baseUrl: process.env.GITHUB_API_URL,
    log,
    Octokit: ProbotOctokit.defaults((o) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  }),
});
// The crash tests run on the real clock with short recovery timings (FOUR_EYES_TEST_RECOVERY, JSON);
// by default the clock is fixed, as the other app tests have it.
const recovery = process.env.FOUR_EYES_TEST_RECOVERY ? JSON.parse(process.env.FOUR_EYES_TEST_RECOVERY) : undefined;
const now = recovery ? () => new Date() : () => new Date('2026-11-24T12:00:00Z');
// SWEEP_STALE_AFTER_MS: how old a run or post left behind must be for the sweep at start to finish it.
const sweep = process.env.SWEEP_STALE_AFTER_MS ? { staleAfterMs: Number(process.env.SWEEP_STALE_AFTER_MS) } : undefined;
await server.load(fourEyes({ appId: Number(process.env.APP_ID), now, recovery, sweep }));
await server.start();
process.stdout.write(`listening ${process.env.PORT}\n`);
