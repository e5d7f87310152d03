import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { auditServices, type SqlAuditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createDatabase } from '../support/auditDatabase.js';
import { FakeGitHub } from './support/fakeGitHub.js';
import { BREAK_GLASS_REASON } from './support/policies.js';
import { scenario } from './support/scenario.js';
import { commentEvent, pullRequestEvent } from './support/webhooks.js';

/*
 * The app as its own process (test/github/support/replicaProcess.mjs) on PostgreSQL, SIGKILLed at
 * each side effect of a break-glass, right after GitHub did it and before its answer arrived. A
 * new process on the same store sweeps at start and then evaluates the pull request again: every
 * post is on GitHub exactly once, and no check run is left in progress.
 */

const SECRET = 'kill-test-secret';
const POLICY =
  'version: 1\nbreak_glass:\n  allowed:\n    users: [dana]\n  min_reason_length: 20\nowners:\n  users: [sec-lead]\n';
const children: ChildProcess[] = [];
const servers: Server[] = [];
const stores: SqlAuditServices[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const server of servers) server.close();
  await Promise.all(stores.map((s) => s.close()));
});

/** The fake GitHub over HTTP; `kill` is called after GitHub did what a request asked, and when it returns true no answer is sent. */
async function serveGitHub(github: FakeGitHub, kill: (route: string) => boolean): Promise<string> {
  let killed = false;
  github.afterEffect = (route) => {
    if (kill(route)) killed = true;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [status, body, headers = {}] = github.answer(
        req.method ?? 'GET',
        req.url ?? '/',
        Buffer.concat(chunks).toString('utf8'),
        req.headers,
      );
      if (killed) {
        killed = false;
        req.socket.destroy();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
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

async function startApp(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('./support/replicaProcess.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(await freePort()) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening (\d+)/.exec(output)?.[1];
      if (found) resolve(Number(found));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`the app exited (${code ?? signal}) before listening: ${output}`)),
    );
  });
  return { child, port };
}

/** Delivers a signed webhook; a process killed meanwhile answers nothing, which is fine. */
async function deliver(port: number, event: { id: string; name: string; payload: unknown }): Promise<void> {
  const body = JSON.stringify(event.payload);
  const signature = 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex');
  await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event.name,
      'x-github-delivery': event.id,
      'x-hub-signature-256': signature,
    },
  }).catch(() => undefined);
}

/** Waits (bounded: the test's timeout stops a hang) until `done` holds. */
async function until(done: () => Promise<boolean> | boolean): Promise<void> {
  for (let attempt = 0; attempt < 300 && !(await done()); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

async function count(store: SqlAuditServices, sql: string): Promise<number> {
  const [row] = await store.db.query<{ n: string }>(sql);
  return Number(row!.n);
}

/** One key for every app process of this file: generating RSA keys is slow. */
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

const STEPS: { step: string; route: string; occurrence: number }[] = [
  { step: 'the check run started', route: 'POST /repos/acme/infra/check-runs', occurrence: 1 },
  { step: 'the check run completed', route: 'PATCH /repos/acme/infra/check-runs/1000', occurrence: 1 },
  { step: 'the exception log issue opened', route: 'POST /repos/acme/infra/issues', occurrence: 1 },
  { step: 'the exception log comment posted', route: 'POST /repos/acme/infra/issues/900/comments', occurrence: 1 },
  { step: 'the follow-up issue opened', route: 'POST /repos/acme/infra/issues', occurrence: 2 },
  { step: 'the owners mentioned', route: 'POST /repos/acme/infra/issues/42/comments', occurrence: 1 },
];

describe('SIGKILL at each side effect of a break-glass', () => {
  it.each(STEPS)(
    'killed right after $step: after a restart, every post is on GitHub once and no run is left in progress',
    async ({ step, route, occurrence }) => {
      const url = await createDatabase(`kill_${STEPS.findIndex((s) => s.step === step)}`);
      const store = await auditServices(await openPostgres(url));
      stores.push(store);
      const s = scenario({ policy: POLICY });
      const github = new FakeGitHub(s);
      let seen = 0;
      let victim: ChildProcess | null = null;
      const apiUrl = await serveGitHub(github, (r) => {
        if (r !== route || ++seen !== occurrence) return false;
        victim?.kill('SIGKILL');
        return true;
      });
      const env = {
        APP_ID: '123',
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: SECRET,
        GITHUB_API_URL: apiUrl,
        DATABASE_URL: url,
      };

      const first = await startApp(env);
      victim = first.child;
      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      await deliver(first.port, commentEvent(s, BREAK_GLASS_REASON, 'dana') as never);
      await exited;
      expect(seen).toBe(occurrence);

      const second = await startApp({ ...env, SWEEP_STALE_AFTER_MS: '0' });
      await until(
        async () =>
          github.openCheckRuns().length === 0 &&
          (await count(store, 'SELECT count(*) AS n FROM outbox WHERE done_at IS NULL')) === 0,
      );
      const again = pullRequestEvent('labeled', s) as unknown as { id: string; name: string; payload: unknown };
      await deliver(second.port, again);
      await until(
        async () =>
          (await count(
            store,
            `SELECT count(*) AS n FROM webhook_deliveries WHERE delivery_id = '${again.id}' AND state = 'done'`,
          )) === 1,
      );
      second.child.kill('SIGKILL');

      expect(github.openCheckRuns()).toEqual([]);
      const recordedBreakGlass =
        (await count(store, "SELECT count(*) AS n FROM audit_records WHERE kind = 'break-glass'")) > 0;
      // Killed before the break-glass request was recorded, its delivery waits for GitHub's re-delivery: nothing posted yet.
      expect(github.issues.map((i) => i.title)).toEqual(
        recordedBreakGlass ? ['Four Eyes exception log', 'Review break-glass on acme/infra#42 (ccccccc)'] : [],
      );
      expect(github.comments.map((c) => c.issue)).toEqual(recordedBreakGlass ? [900, 42] : []);
      expect(recordedBreakGlass).toBe(step !== 'the check run started');
      expect(await count(store, 'SELECT count(*) AS n FROM check_runs WHERE completed_at IS NULL')).toBe(0);
      expect(await verifyChain(store.records)).toMatchObject({ intact: true });
      expect(github.leftovers()).toEqual([]);
    },
    120_000,
  );
});
