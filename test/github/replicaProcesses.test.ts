import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { auditServices, type AuditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createDatabase } from '../support/auditDatabase.js';
import { FakeGitHub } from './support/fakeGitHub.js';
import { review, scenario } from './support/scenario.js';
import { pushEvent, reviewEvent } from './support/webhooks.js';

const SECRET = 'replica-test-secret';
const children: ChildProcess[] = [];
const servers: Server[] = [];
const stores: AuditServices[] = [];
afterAll(async () => {
  for (const child of children) child.kill();
  for (const server of servers) server.close();
  await Promise.all(stores.map((s) => s.close()));
});

/** The fake GitHub over real HTTP, so other processes can talk to it. */
async function serveGitHub(github: FakeGitHub): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [status, body, headers = {}] = github.answer(req.method ?? 'GET', req.url ?? '/', Buffer.concat(chunks).toString('utf8'), req.headers);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(text);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startReplica(env: Record<string, string>): Promise<number> {
  const script = fileURLToPath(new URL('./support/replicaProcess.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env, PORT: String(await freePort()) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening (\d+)/.exec(output)?.[1];
      if (port) resolve(Number(port));
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`replica exited with ${code}: ${output}`)));
  });
}

async function deliver(port: number, event: { id: string; name: string; payload: unknown }): Promise<number> {
  const body = JSON.stringify(event.payload);
  const signature = 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex');
  const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'x-github-event': event.name, 'x-github-delivery': event.id, 'x-hub-signature-256': signature },
  });
  return response.status;
}

/**
 * Waits until `count` deliveries are done, however long a loaded machine takes: the test's own
 * timeout, not a count of attempts, stops a hang.
 */
async function settled(store: { db: { query<R>(q: string): Promise<R[]> } }, count: number): Promise<void> {
  for (;;) {
    const [row] = await store.db.query<{ n: string }>("SELECT count(*) AS n FROM webhook_deliveries WHERE state = 'done'");
    if (Number(row!.n) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('two app processes on one PostgreSQL', () => {
  it('fed the same 200 signed deliveries at once over HTTP, record each exactly once and leave one chain that verifies', async () => {
    const url = await createDatabase('processes');
    const store = await auditServices(await openPostgres(url));
    stores.push(store);
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const github = new FakeGitHub(s);
    const apiUrl = await serveGitHub(github);
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const env = { APP_ID: '123', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, GITHUB_API_URL: apiUrl, DATABASE_URL: url };
    const ports = await Promise.all([startReplica(env), startReplica(env)]);

    const pushes = Array.from({ length: 100 }, (_, i) => pushEvent(s, `dev${i}`, i.toString(16).padStart(40, '0'), { branch: `topic-${i % 7}` }));
    const reviews = Array.from({ length: 100 }, () => reviewEvent('submitted', s, s.reviews[0]!));
    const deliveries = [...pushes, ...reviews] as unknown as { id: string; name: string; payload: unknown }[];
    const statuses = await Promise.all(deliveries.flatMap((d) => ports.map((port) => deliver(port, d))));
    // @octokit/webhooks answers 202 when a handler takes longer than its timeout (a loaded machine)
    // and finishes the work after answering: any 2xx is a delivery accepted; wait for every one to be processed.
    expect([...new Set(statuses)].every((status) => status >= 200 && status < 300)).toBe(true);
    await settled(store, 200);

    const perKind = await store.db.query<{ kind: string; records: string; deliveries: string }>(
      'SELECT kind, count(*) AS records, count(DISTINCT delivery_id) AS deliveries FROM audit_records GROUP BY kind ORDER BY kind',
    );
    expect(perKind.map((r) => [r.kind, Number(r.records), Number(r.deliveries)])).toEqual([['check-run', 100, 100], ['decision', 100, 100], ['push', 100, 100]]);
    const states = await store.db.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM webhook_deliveries GROUP BY state');
    expect(states.map((r) => [r.state, Number(r.n)])).toEqual([['done', 200]]);
    expect(github.apiRequests().filter((r) => r === 'POST /graphql FourEyesPullRequest')).toHaveLength(100);
    expect(await verifyChain(store.records)).toMatchObject({ intact: true, count: 300 });
    expect(github.leftovers()).toEqual([]);
  }, 300_000);
});
