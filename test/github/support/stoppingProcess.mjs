// One app process as `npm start` wires it, for test/github/sigterm.test.ts: the compiled app behind
// Probot's HTTP server with the operations routes, stopped on SIGTERM by dist/github/operations.js.
// Settings come from the environment; it prints "listening <port>" once it accepts webhooks.

import pino from 'pino';
import { Probot, Server } from 'probot';

const dist = (path) => import(new URL(`../../../dist/${path}`, import.meta.url).href);
const { fourEyes } = await dist('index.js');
const { AppOperations, stopOnSigterm } = await dist('github/operations.js');
const { fourEyesOctokit } = await dist('github/octokit.js');

const log = pino({ level: 'fatal' });
const operations = new AppOperations();
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
    // No second between two writes (GitHub's guidance, src/github/octokit.ts): the test holds its
    // delivery in flight itself, and the gap would only add a second of waiting.
    Octokit: fourEyesOctokit({ observe: operations.metrics.requested, writeGapMs: 0 }).defaults((o) => ({
      ...o,
      retry: { enabled: false },
    })),
  }),
});
const now = () => new Date('2026-11-24T12:00:00Z');
await server.load(fourEyes({ appId: Number(process.env.APP_ID), now, operations, sweep: { atStart: false } }));
await server.start();
stopOnSigterm(operations, server);
process.stdout.write(`listening ${process.env.PORT}\n`);
