import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { auditServices } from '../../src/audit/services.js';
import { createDatabase } from '../support/auditDatabase.js';
import { FakeGitHub } from './support/fakeGitHub.js';
import { deliver, replicaEnvironment, serveGitHub, startReplica, stoppedAfterAll } from './support/processes.js';
import { scenario } from './support/scenario.js';
import { pullRequestEvent } from './support/webhooks.js';

const { processes, stores } = stoppedAfterAll();

describe('an app process told to stop (SIGTERM)', () => {
  it('stops listening, finishes the delivery in flight, leaves the registry, exits 0', async () => {
    const url = await createDatabase('sigterm');
    const store = await auditServices(await openPostgres(url));
    stores.push(store);
    const s = scenario({ policy: 'version: 1\n' });
    const github = new FakeGitHub(s);
    let reached!: () => void;
    const heldReached = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const hold = (method: string, path: string) => {
      if (method !== 'POST' || !path.endsWith('/graphql')) return null;
      reached();
      return released;
    };
    const env = replicaEnvironment(await serveGitHub(github, processes, hold), url);
    const { port, child } = await startReplica(env, processes, 'stoppingProcess.mjs');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    // On a connection closed once answered: a stopping server waits for every connection still
    // open, and fetch keeps an idle one for seconds; that wait is not what is tested here.
    const answered = deliver(port, pullRequestEvent('synchronize', s) as never, 'close');
    await heldReached;
    child.kill('SIGTERM');
    // listening no more: a new connection is refused (however long a loaded machine takes to get there)
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${port}/healthz`).then(
            () => 'open',
            () => 'refused',
          ),
        { timeout: 25_000 },
      )
      .toBe('refused');
    expect(child.exitCode).toBeNull();
    release();
    const status = await answered;
    expect(status >= 200 && status < 300).toBe(true);
    expect(await exited).toBe(0);

    expect(github.lastCheckRun()).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    const [delivery] = await store.db.query<{ state: string }>('SELECT state FROM webhook_deliveries');
    expect(delivery).toEqual({ state: 'done' });
    expect(await store.outbox.backlog()).toBe(0);
    expect(await store.db.query('SELECT * FROM app_instances')).toEqual([]);
  });
});
