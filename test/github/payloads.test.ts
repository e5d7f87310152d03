import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import pino from 'pino';
import { type Logger, Probot, Server } from 'probot';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fourEyes } from '../../src/index.js';
import { freePort } from '../support/freePort.js';
import { appPrivateKey } from './support/appKey.js';
import { scenario } from './support/scenario.js';
import { APP_ID, NOW, type TestApp, testApp } from './support/testApp.js';
import {
  checkRunEvent,
  commentEvent,
  type Delivery,
  pullRequestEvent,
  pushEvent,
  withField,
  withoutField,
} from './support/webhooks.js';

const s = scenario({ policy: 'version: 1\n' });
const opened = pullRequestEvent('opened', s) as Delivery;
const push = pushEvent(s, 'alice', 'd'.repeat(40)) as Delivery;

interface Served {
  app: TestApp;
  url: string;
  /** what the app logged, one object a line */
  logs: { level: number; msg: string }[];
}

/** A logger that keeps what the app logs, one object a line. */
function capturingLog(): { log: Logger; logs: Served['logs'] } {
  const logs: Served['logs'] = [];
  return {
    log: pino(
      { level: 'info' },
      {
        write: (line: string) => {
          logs.push(JSON.parse(line));
        },
      },
    ),
    logs,
  };
}

/**
 * The app behind the webhook middleware Probot's server puts first (the one `npm start` and
 * `probot run` serve), over real HTTP.
 */
async function served(): Promise<Served> {
  const { log, logs } = capturingLog();
  const app = await testApp(s, { log });
  const middleware = await app.probot.getNodeMiddleware();
  const server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  nock.enableNetConnect('127.0.0.1');
  return { app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`, logs };
}

/** The app in Probot's own server, as `npm start` and `probot run` serve it (the stores and fake GitHub of a test app). */
async function servedByProbot(): Promise<Served> {
  const { log, logs } = capturingLog();
  const app = await testApp(s);
  const server = new Server({
    host: '127.0.0.1',
    port: await freePort(),
    log,
    Probot: Probot.defaults({ appId: APP_ID, privateKey: appPrivateKey(), secret: 'test-secret' }),
  });
  // Its background work stops with the test, so no round of it runs later into another test's fake GitHub.
  await server.load(
    fourEyes({
      appId: APP_ID,
      audit: app.audit,
      caches: app.caches,
      now: () => NOW,
      onRecovery: (recovery) => onTestFinished(() => recovery.stop()),
      sweep: { registered: (sweep) => onTestFinished(() => sweep.stop()) },
    }),
  );
  await server.start();
  onTestFinished(() => server.stop());
  nock.enableNetConnect('127.0.0.1');
  return { app, url: `http://127.0.0.1:${server.port}/api/github/webhooks`, logs };
}

/** Posts the delivery as GitHub does: signed with the app's secret unless told otherwise. */
const delivered: Delivery[] = [];

async function deliver(
  url: string,
  delivery: Delivery,
  signing: { secret?: string; unsigned?: boolean } = {},
): Promise<{ status: number; body: string }> {
  delivered.push(delivery);
  const body = JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': delivery.name,
    'x-github-delivery': delivery.id,
  };
  if (!signing.unsigned)
    headers['x-hub-signature-256'] =
      'sha256=' +
      createHmac('sha256', signing.secret ?? 'test-secret')
        .update(body)
        .digest('hex');
  const response = await fetch(url, { method: 'POST', body, headers });
  return { status: response.status, body: await response.text() };
}

/** Nothing was recorded and nothing asked of GitHub. */
async function expectNothingDone(app: TestApp): Promise<void> {
  expect(await app.audit.records.count()).toBe(0);
  // A delivery nobody claimed can still be claimed: the probe claims each one delivered so far.
  for (const delivery of delivered.splice(0))
    expect(await app.audit.deliveries.claim(delivery.id, delivery.name, new Date())).toBe('claimed');
  expect(app.github.requests).toEqual([]);
}

describe('a signed delivery missing what its event needs', () => {
  it.each([
    ['a pull_request event without its pull request', withoutField(opened, 'pull_request'), 'pull_request is missing'],
    [
      'a pull_request event without the head',
      withoutField(opened, 'pull_request.head'),
      'pull_request.head is missing',
    ],
    [
      'a pull_request event without the head SHA',
      withoutField(opened, 'pull_request.head.sha'),
      'pull_request.head.sha is missing',
    ],
    ['a pull_request event without the repository', withoutField(opened, 'repository'), 'repository is missing'],
    [
      'a pull_request event whose head SHA is not a SHA',
      withField(opened, 'pull_request.head.sha', 'main'),
      'pull_request.head.sha is not a 40-character hex SHA',
    ],
    [
      'a pull_request event whose number is not a positive integer',
      withField(opened, 'pull_request.number', 0),
      'pull_request.number is not a positive integer',
    ],
    [
      'a break-glass comment without its comment',
      withoutField(commentEvent(s, '/four-eyes break-glass outage', 'dana') as Delivery, 'comment'),
      'comment is missing',
    ],
    [
      "a Re-evaluate without the check run's head SHA",
      withoutField(
        checkRunEvent('requested_action', s, { appId: 123, pullRequests: [42] }) as Delivery,
        'check_run.head_sha',
      ),
      'check_run.head_sha is missing',
    ],
    ['a push without the SHA pushed', withoutField(push, 'after'), 'after is missing'],
    [
      'a push whose installation id is a string',
      withField(push, 'installation.id', '7'),
      'installation.id is not a positive integer',
    ],
  ])('%s: 400 with the reason, nothing recorded, nothing asked of GitHub', async (_, delivery, reason) => {
    const { app, url } = await served();
    expect(await deliver(url, delivery)).toEqual({
      status: 400,
      body: JSON.stringify({ error: `Malformed webhook: ${reason}` }),
    });
    await expectNothingDone(app);
  });

  it('whose installation id is not a number at all is refused by Probot before the app sees it (500): still nothing recorded, nothing asked', async () => {
    // Probot turns the id into an installation client before any handler runs, and that throws.
    const { app, url } = await served();
    expect((await deliver(url, withField(push, 'installation.id', 'seven'))).status).toBe(500);
    await expectNothingDone(app);
  });

  it('gets the answer of any badly signed request when its signature is wrong: the shape is judged only after the signature', async () => {
    const { app, url } = await served();
    const { status, body } = await deliver(url, withoutField(opened, 'pull_request'), { secret: 'not-the-secret' });
    expect(status).toBe(400);
    expect(body).toContain('signature does not match');
    expect(body).not.toContain('pull_request');
    await expectNothingDone(app);
  });

  it('gets the answer of any unsigned request when it is unsigned', async () => {
    const { app, url } = await served();
    expect(await deliver(url, withoutField(opened, 'pull_request.head.sha'), { unsigned: true })).toEqual({
      status: 400,
      body: JSON.stringify({ error: 'Required headers missing: x-hub-signature-256' }),
    });
    await expectNothingDone(app);
  });
});

describe('a signed delivery without an installation', () => {
  it.each([
    ['a pull_request event', withoutField(opened, 'installation')],
    ['a push', withoutField(push, 'installation.id')],
  ])('%s is ignored with a log line and answered 200: nobody to act as, nothing recorded', async (_, delivery) => {
    const { app, url, logs } = await served();
    expect(await deliver(url, delivery)).toEqual({ status: 200, body: 'ok\n' });
    await expectNothingDone(app);
    expect(logs.filter((line) => line.msg.includes('without an installation ignored'))).toEqual([
      expect.objectContaining({
        level: 40,
        msg: `four-eyes: ${delivery.name} delivery without an installation ignored (is a repository or organization webhook pointed at the app?)`,
        delivery: delivery.id,
      }),
    ]);
  });
});

describe('a well-formed signed delivery', () => {
  it('is processed as before: a push is recorded, answered 200', async () => {
    const { app, url } = await served();
    expect(await deliver(url, push)).toEqual({ status: 200, body: 'ok\n' });
    expect(await app.audit.records.count({ kinds: ['push'] })).toBe(1);
    expect(await app.audit.deliveries.claim(push.id, push.name, new Date())).toBe('done');
    delivered.length = 0;
  });
});

describe("Probot's own server, as `npm start` and `probot run` serve the app", () => {
  it('answers malformed and installation-less deliveries as the middleware alone does', async () => {
    const { app, url, logs } = await servedByProbot();
    expect(await deliver(url, withoutField(opened, 'pull_request.head.sha'))).toEqual({
      status: 400,
      body: JSON.stringify({ error: 'Malformed webhook: pull_request.head.sha is missing' }),
    });
    expect(await deliver(url, withoutField(opened, 'installation'))).toEqual({ status: 200, body: 'ok\n' });
    await expectNothingDone(app);
    expect(logs.filter((line) => line.msg.includes('without an installation ignored'))).toHaveLength(1);
  });
});
