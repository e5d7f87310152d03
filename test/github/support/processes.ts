import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { AuditServices } from '../../../src/audit/services.js';
import { freePort } from '../../support/freePort.js';
import { appPrivateKey } from './appKey.js';
import type { FakeGitHub } from './fakeGitHub.js';

/** App processes and fake GitHub servers started by a test file, to stop when it ends. */
export interface Processes {
  children: ChildProcess[];
  servers: Server[];
}

/**
 * The processes, servers and stores a test file starts: every process stopped and every store
 * closed after its last test, whatever the tests left running.
 */
export function stoppedAfterAll(): { processes: Processes; stores: AuditServices[] } {
  const processes: Processes = { children: [], servers: [] };
  const stores: AuditServices[] = [];
  afterAll(async () => {
    stopAll(processes);
    await Promise.all(stores.map((store) => store.close()));
  });
  return { processes, stores };
}

const WEBHOOK_SECRET = 'replica-test-secret';

/**
 * The fake GitHub over real HTTP, so other processes can talk to it. `hold` may keep a request
 * unanswered until the promise it returns settles (GitHub has not even seen it by then);
 * `holdAnswer`, asked after GitHub did what a request asked, may keep the answer back the same
 * way (GitHub did it, the asking process does not know yet).
 */
export async function serveGitHub(
  github: Pick<FakeGitHub, 'answer'>,
  processes: Processes,
  hold?: ((method: string, url: string) => Promise<void> | null) | null,
  holdAnswer?: (() => Promise<void> | null) | null,
): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      await hold?.(req.method ?? 'GET', req.url ?? '/');
      const [status, body, headers = {}] = github.answer(
        req.method ?? 'GET',
        req.url ?? '/',
        Buffer.concat(chunks).toString('utf8'),
        req.headers,
      );
      await holdAnswer?.();
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(text);
    });
  });
  processes.servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The environment an app process needs: the app's id and key, the secret, the fake GitHub, the store. */
export function replicaEnvironment(apiUrl: string, databaseUrl: string): Record<string, string> {
  return {
    APP_ID: '123',
    PRIVATE_KEY: appPrivateKey(),
    WEBHOOK_SECRET,
    GITHUB_API_URL: apiUrl,
    DATABASE_URL: databaseUrl,
  };
}

/** Starts an app process (support/replicaProcess.mjs, or another script here); resolves with its port once it accepts webhooks. */
export async function startReplica(
  env: Record<string, string>,
  processes: Processes,
  scriptName = 'replicaProcess.mjs',
): Promise<{ port: number; child: ChildProcess }> {
  const script = fileURLToPath(new URL(`./${scriptName}`, import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(await freePort()) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening (\d+)/.exec(output)?.[1];
      if (port) resolve({ port: Number(port), child });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`replica exited with ${code}: ${output}`)));
  });
}

/**
 * Sends a signed delivery to an app process, as GitHub does; resolves with the HTTP status. The
 * connection is kept for the next delivery, unless `connection` is 'close': then it is closed once
 * answered (a server told to stop waits for the connections kept open; fetch keeps one for seconds).
 */
export async function deliver(
  port: number,
  event: { id: string; name: string; payload: unknown },
  connection: 'keep-alive' | 'close' = 'keep-alive',
): Promise<number> {
  const body = JSON.stringify(event.payload);
  const signature = 'sha256=' + createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex');
  const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event.name,
      'x-github-delivery': event.id,
      'x-hub-signature-256': signature,
      connection,
    },
  });
  return response.status;
}

function stopAll(processes: Processes): void {
  for (const child of processes.children) child.kill();
  for (const server of processes.servers) server.close();
}
