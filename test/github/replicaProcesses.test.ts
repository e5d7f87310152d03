import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { auditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createDatabase } from '../support/auditDatabase.js';
import { FakeGitHub } from './support/fakeGitHub.js';
import { deliver, replicaEnvironment, serveGitHub, startReplica, stoppedAfterAll } from './support/processes.js';
import { review, scenario } from './support/scenario.js';
import { pushEvent, reviewEvent } from './support/webhooks.js';

const { processes, stores } = stoppedAfterAll();

/**
 * Waits until `count` deliveries are done, however long a loaded machine takes: the test's own
 * timeout, not a count of attempts, stops a hang.
 */
async function settled(store: { db: { query<R>(q: string): Promise<R[]> } }, count: number): Promise<void> {
  for (;;) {
    const [row] = await store.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM webhook_deliveries WHERE state = 'done'",
    );
    if (Number(row!.n) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('two app processes on one PostgreSQL', () => {
  it('fed the same 100 signed deliveries at once over HTTP, record each exactly once and leave one chain that verifies', async () => {
    const url = await createDatabase('processes');
    const store = await auditServices(await openPostgres(url));
    stores.push(store);
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const github = new FakeGitHub(s);
    const env = replicaEnvironment(await serveGitHub(github, processes), url);
    const ports = (await Promise.all([startReplica(env, processes), startReplica(env, processes)])).map((r) => r.port);

    const pushes = Array.from({ length: 50 }, (_, i) =>
      pushEvent(s, `dev${i}`, i.toString(16).padStart(40, '0'), { branch: `topic-${i % 7}` }),
    );
    const reviews = Array.from({ length: 50 }, () => reviewEvent('submitted', s, s.reviews[0]!));
    const deliveries = [...pushes, ...reviews] as unknown as { id: string; name: string; payload: unknown }[];
    const statuses = await Promise.all(deliveries.flatMap((d) => ports.map((port) => deliver(port, d))));
    // @octokit/webhooks answers 202 when a handler takes longer than its timeout (a loaded machine)
    // and finishes the work after answering: any 2xx is a delivery accepted; wait for every one to be processed.
    expect([...new Set(statuses)].every((status) => status >= 200 && status < 300)).toBe(true);
    await settled(store, 100);

    const perKind = await store.db.query<{ kind: string; records: string; deliveries: string }>(
      'SELECT kind, count(*) AS records, count(DISTINCT delivery_id) AS deliveries FROM audit_records GROUP BY kind ORDER BY kind',
    );
    expect(perKind.map((r) => [r.kind, Number(r.records), Number(r.deliveries)])).toEqual([
      ['check-run', 50, 50],
      ['decision', 50, 50],
      ['push', 50, 50],
    ]);
    const states = await store.db.query<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM webhook_deliveries GROUP BY state',
    );
    expect(states.map((r) => [r.state, Number(r.n)])).toEqual([['done', 100]]);
    expect(github.apiRequests().filter((r) => r === 'POST /graphql FourEyesPullRequest')).toHaveLength(50);
    expect(await verifyChain(store.records)).toMatchObject({ intact: true, count: 150 });
    expect(github.leftovers()).toEqual([]);
  }, 300_000);
});
