import nock from 'nock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { type AuditServices, auditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createDatabase } from '../support/auditDatabase.js';
import { review, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pushEvent, reviewEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const stores: AuditServices[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
});

describe('two app replicas on one PostgreSQL', () => {
  it('fed the same 100 deliveries at once, record each exactly once and leave one chain that verifies', async () => {
    const url = await createDatabase('replicas');
    const [storeA, storeB] = [
      await auditServices(await openPostgres(url)),
      await auditServices(await openPostgres(url)),
    ];
    stores.push(storeA, storeB);
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const a = await testApp(s, { audit: storeA });
    const b = await testApp(s, { audit: storeB, github: a.github });
    const pushes = Array.from({ length: 50 }, (_, i) =>
      pushEvent(s, `dev${i}`, i.toString(16).padStart(40, '0'), { branch: `topic-${i % 7}` }),
    );
    const reviews = Array.from({ length: 50 }, () => reviewEvent('submitted', s, s.reviews[0]!));
    const deliveries = [...pushes, ...reviews] as { id: string }[];
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(100);

    await Promise.all(
      deliveries.flatMap((delivery) => [a.probot.receive(delivery as never), b.probot.receive(delivery as never)]),
    );

    const perKind = await storeA.db.query<{ kind: string; records: string; deliveries: string }>(
      'SELECT kind, count(*) AS records, count(DISTINCT delivery_id) AS deliveries FROM audit_records GROUP BY kind ORDER BY kind',
    );
    expect(perKind.map((r) => [r.kind, Number(r.records), Number(r.deliveries)])).toEqual([
      ['check-run', 50, 50],
      ['decision', 50, 50],
      ['push', 50, 50],
    ]);
    const states = await storeB.db.query<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM webhook_deliveries GROUP BY state',
    );
    expect(states.map((r) => [r.state, Number(r.n)])).toEqual([['done', 100]]);
    expect(a.github.apiRequests().filter((r) => r === 'POST /graphql FourEyesPullRequest')).toHaveLength(50);
    expect(await verifyChain(storeB.records)).toMatchObject({ intact: true, count: 150 });
    expect(a.github.leftovers()).toEqual([]);
  }, 120_000);
});
