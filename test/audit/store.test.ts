import { beforeAll, describe, expect, it } from 'vitest';
import { sealRecord } from '../../src/audit/chain.js';
import { MIGRATIONS, migrate } from '../../src/audit/migrations.js';
import type { NewOutboxItem } from '../../src/audit/outbox.js';
import type { AuditEntry } from '../../src/audit/records.js';
import type { SqlAuditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { facts, run } from '../policy/support.js';
import { freshPgliteAudit, freshPostgresAudit, STORE_BACKENDS } from '../support/auditDatabase.js';

const sqlBackends: [string, () => Promise<SqlAuditServices>][] = [
  ['PGlite', freshPgliteAudit],
  ['PostgreSQL', () => freshPostgresAudit('store')],
];

type PushEntry = Extract<AuditEntry, { kind: 'push' }>;

const push = (n: number, overrides: Partial<PushEntry> = {}): PushEntry => ({
  kind: 'push',
  repository: 'acme/infra',
  pullRequest: null,
  deliveryId: `delivery-${n}`,
  recordedAt: new Date(Date.UTC(2026, 10, 20 + (n % 5), 10)).toISOString(),
  data: {
    branch: 'feature',
    login: `user${n}`,
    sha: n.toString(16).padStart(40, '0'),
    at: '2026-11-24T10:00:00Z',
    forced: false,
  },
  ...overrides,
});

const request = (n: number, pullRequest = 42): AuditEntry => ({
  kind: 'break-glass-request',
  repository: 'acme/infra',
  pullRequest,
  deliveryId: `request-${n}`,
  recordedAt: '2026-11-24T11:00:00.000Z',
  data: { author: 'dana', text: `/four-eyes break-glass reason ${n}`, at: '2026-11-24T11:00:00Z', sha: 'c'.repeat(40) },
});

/** The app's decision `n` on pull request `pullRequest` at `headSha`. */
const decisionAt = (n: number, headSha: string, pullRequest = 42): AuditEntry => ({
  kind: 'decision',
  repository: 'acme/infra',
  pullRequest,
  deliveryId: `decision-${n}`,
  recordedAt: '2026-11-24T11:00:00.000Z',
  data: { ...run(facts({ headSha })), title: `decision ${n}`, checkName: 'Separation of duties', policyFiles: [] },
});

const post = (n: number, pullRequest = 42): NewOutboxItem => ({
  deliveryId: `delivery-${n}`,
  repository: 'acme/infra',
  pullRequest,
  decisionSeq: n,
  action: 'exception-log',
  payload: { issueNumber: null, body: `comment ${n}` },
});

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const row of rows) list.push(row);
  return list;
}

const NOW = new Date('2026-11-24T12:00:00Z');

describe.each(STORE_BACKENDS)('the audit store on $name', ({ open }) => {
  // Starting PGlite takes seconds (more on a busy machine): not in the first test's time.
  beforeAll(async () => {
    await open();
  }, 180_000);

  it('appends records in order, each linked to the one before, and reads them back', async () => {
    const { audit } = await open();
    const appended = await audit.records.append([push(1), push(2)]);
    expect(appended.map((r) => r.seq)).toEqual([1, 2]);
    const stored = [];
    for await (const row of audit.records.records()) stored.push(row);
    expect(stored.map((r) => [r.seq, r.kind, r.deliveryId, r.hash])).toEqual(
      appended.map((r) => [r.seq, 'push', r.deliveryId, r.hash]),
    );
    expect(stored[1]!.prevHash).toBe(stored[0]!.hash);
    expect(await verifyChain(audit.records)).toEqual({
      intact: true,
      count: 2,
      head: { seq: 2, hash: appended[1]!.hash },
      anchors: 0,
    });
  });

  it('an empty store verifies as intact with no records', async () => {
    const { audit } = await open();
    expect(await verifyChain(audit.records)).toEqual({ intact: true, count: 0, head: null, anchors: 0 });
  });

  it('appendOnce records a delivery once per kind and pull request', async () => {
    const { audit } = await open();
    expect(await audit.records.appendOnce(push(1))).not.toBeNull();
    expect(await audit.records.appendOnce(push(1))).toBeNull();
    expect(await audit.records.appendOnce(push(1, { deliveryId: null }))).not.toBeNull();
    expect(await audit.records.appendOnce(push(1, { deliveryId: null }))).not.toBeNull();
    expect(await audit.records.count()).toBe(3);
  });

  it('concurrent appends make one gapless chain', async () => {
    const { audit } = await open();
    await Promise.all(Array.from({ length: 40 }, (_, i) => audit.records.append([push(i)])));
    const result = await verifyChain(audit.records);
    expect(result).toMatchObject({ intact: true, count: 40 });
  });

  it('a kept hash catches a chain rewritten from some record on, and records deleted from the end', async () => {
    const { audit, raw } = await open();
    const records = await audit.records.append([1, 2, 3, 4].map((n) => push(n)));
    const kept = { seq: 4, hash: records[3]!.hash };
    expect(await verifyChain(audit.records, { expect: [kept] })).toMatchObject({ intact: true, anchors: 1 });
    await raw.deleteRecord(4);
    expect(await verifyChain(audit.records)).toMatchObject({ intact: true, count: 3 });
    expect(await verifyChain(audit.records, { expect: [kept] })).toMatchObject({
      intact: false,
      breakAt: { position: 4, problem: expect.stringContaining('records were deleted from the end') },
    });
    await audit.records.append([push(9)]); // a forged #4 with a valid link
    expect(await verifyChain(audit.records, { expect: [kept] })).toMatchObject({
      intact: false,
      breakAt: { position: 4, problem: expect.stringContaining('the chain was rewritten from here or before') },
    });
  });

  it('filters records by repository, time (since inclusive, until exclusive) and kind, in seq order', async () => {
    const { audit } = await open();
    await audit.records.append([push(1), push(2), { ...push(3), repository: 'acme/web' }, request(4)]);
    const seqs = async (filter: Parameters<typeof audit.records.records>[0]) =>
      (await all(audit.records.records(filter))).map((r) => r.seq);
    expect(await seqs({ repository: 'acme/web' })).toEqual([3]);
    expect(await seqs({ since: '2026-11-22T10:00:00.000Z', until: '2026-11-24T00:00:00.000Z' })).toEqual([2, 3]);
    expect(await seqs({ kinds: ['break-glass-request'] })).toEqual([4]);
    expect(await seqs({ kinds: ['push'], repository: 'acme/infra' })).toEqual([1, 2]);
    expect(await audit.records.count({ kinds: ['push'] })).toBe(3);
    expect((await all(audit.records.records({}, 2))).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it("reads back the data of a pull request's records of a kind, oldest first, and a delivery's records", async () => {
    const { audit } = await open();
    await audit.records.append([request(1), request(2, 7), push(3), request(4)]);
    expect((await audit.records.dataOf('break-glass-request', 'acme/infra', 42)).map((d) => d.text)).toEqual([
      '/four-eyes break-glass reason 1',
      '/four-eyes break-glass reason 4',
    ]);
    expect((await audit.records.dataOf('push', 'acme/infra', null)).map((d) => d.login)).toEqual(['user3']);
    expect(await audit.records.dataOf('push', 'acme/infra', 42)).toEqual([]);
    expect(
      (await audit.records.recordsOfDelivery('request-2', 'acme/infra', 7, 'break-glass-request')).map((r) => r.seq),
    ).toEqual([2]);
    expect(await audit.records.recordsOfDelivery('request-2', 'acme/infra', 42, 'break-glass-request')).toEqual([]);
  });

  it('narrows those records to the SHAs asked about: a push by its SHA, a decision by its head', async () => {
    const { audit } = await open();
    const [a, b] = ['a'.repeat(40), 'b'.repeat(40)];
    await audit.records.append([push(1), push(2), push(3), decisionAt(4, a), decisionAt(5, b), decisionAt(6, a)]);
    const pushShas = async (shas: string[]) =>
      (await audit.records.dataOf('push', 'acme/infra', null, { shas })).map((d) => d.login);
    expect(await pushShas([push(3).data.sha, push(1).data.sha])).toEqual(['user1', 'user3']);
    expect(await pushShas(['f'.repeat(40)])).toEqual([]);
    expect(await pushShas([])).toEqual([]);
    const heads = async (shas: string[]) =>
      (await audit.records.dataOf('decision', 'acme/infra', 42, { shas })).map((d) => d.title);
    expect(await heads([a])).toEqual(['decision 4', 'decision 6']);
    expect(await heads([b, 'f'.repeat(40)])).toEqual(['decision 5']);
  });

  it('finds the newest decision for a pull request at a head SHA, with its place in the chain', async () => {
    const { audit } = await open();
    const [a, b] = ['a'.repeat(40), 'b'.repeat(40)];
    const appended = await audit.records.append([
      decisionAt(1, a),
      decisionAt(2, b),
      push(3),
      decisionAt(4, a),
      decisionAt(5, a, 7),
    ]);
    const latest = await audit.records.latestDecision('acme/infra', 42, a);
    expect(latest).toEqual({ seq: 4, hash: appended[3]!.hash, data: expect.objectContaining({ title: 'decision 4' }) });
    expect((await audit.records.latestDecision('acme/infra', 42, b))?.data.title).toBe('decision 2');
    expect((await audit.records.latestDecision('acme/infra', 7, a))?.seq).toBe(5);
    expect(await audit.records.latestDecision('acme/infra', 42, 'c'.repeat(40))).toBeNull();
    expect(await audit.records.latestDecision('acme/web', 42, a)).toBeNull();
  });

  it("reads a repository's records of a kind newest first, with their seq, time and delivery: of one pull request, of none, or all", async () => {
    const { audit } = await open();
    await audit.records.append([
      request(1),
      push(2),
      request(3, 7),
      request(4),
      { ...request(5), repository: 'acme/web' },
    ]);
    const newest = async (...args: [number | null] | []) =>
      (await all(audit.records.newest('break-glass-request', 'acme/infra', ...args))).map(({ seq, data }) => [
        seq,
        data.text,
      ]);
    expect(await newest()).toEqual([
      [4, '/four-eyes break-glass reason 4'],
      [3, '/four-eyes break-glass reason 3'],
      [1, '/four-eyes break-glass reason 1'],
    ]);
    expect(await newest(7)).toEqual([[3, '/four-eyes break-glass reason 3']]);
    expect(await newest(null)).toEqual([]);
    expect((await all(audit.records.newest('push', 'acme/infra', null))).map((r) => [r.seq, r.data.login])).toEqual([
      [2, 'user2'],
    ]);
    const [pushed] = await all(audit.records.newest('push', 'acme/infra', null));
    expect([pushed?.recordedAt, pushed?.deliveryId]).toEqual(['2026-11-22T10:00:00.000Z', 'delivery-2']);
  });

  it('a record of a kind this Four Eyes does not know fails loudly with its number, never read as another kind', async () => {
    const { audit, raw } = await open();
    const [first] = await audit.records.append([request(1)]);
    const forged = sealRecord(2, first!.hash, { ...request(2), kind: 'wire-transfer' });
    await raw.insertRecord({ ...forged, kind: 'break-glass-request' });
    await expect(audit.records.dataOf('break-glass-request', 'acme/infra', 42)).rejects.toThrow(
      'audit record #2 has the unknown kind "wire-transfer"',
    );
  });

  it('a transaction is all or nothing: a throw undoes its records and its posts, and the chain goes on from the last committed record', async () => {
    const { audit } = await open();
    const [first] = await audit.records.append([push(1)]);
    await expect(
      audit.transaction(async (tx) => {
        await tx.append([push(2)]);
        await tx.addPost(post(2), NOW);
        throw new Error('crashed before commit');
      }),
    ).rejects.toThrow('crashed before commit');
    expect(await audit.records.count()).toBe(1);
    expect(await audit.outbox.pending('acme/infra', 42)).toEqual([]);
    const [next] = await audit.records.append([push(3)]);
    expect(next).toMatchObject({ seq: 2, prevHash: first!.hash });
    expect(await verifyChain(audit.records)).toMatchObject({ intact: true, count: 2 });
  });

  it("a transaction's records are one segment of the chain: an append started meanwhile comes after them", async () => {
    const { audit } = await open();
    let appendedMeanwhile: Promise<unknown> = Promise.resolve();
    await audit.transaction(async (tx) => {
      await tx.appendOnce(request(1));
      appendedMeanwhile = audit.records.append([push(2)]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.append([request(3)]);
    });
    await appendedMeanwhile;
    expect((await all(audit.records.records())).map((r) => [r.seq, r.kind])).toEqual([
      [1, 'break-glass-request'],
      [2, 'break-glass-request'],
      [3, 'push'],
    ]);
  });

  it('appendOnce in a transaction sees the records the transaction appended', async () => {
    const { audit } = await open();
    const results = await audit.transaction(async (tx) => [
      await tx.appendOnce(request(1)),
      await tx.appendOnce(request(1)),
    ]);
    expect(results.map((r) => r?.seq ?? null)).toEqual([1, null]);
  });

  it('deliveries: claimed once; busy while leased; claimable again after a release or an expired lease; done is final', async () => {
    const { audit } = await open();
    const t0 = new Date('2026-11-24T10:00:00Z');
    expect(await audit.deliveries.claim('d1', 'push', t0)).toBe('claimed');
    expect(await audit.deliveries.claim('d1', 'push', t0)).toBe('busy');
    await audit.deliveries.release('d1', t0);
    expect(await audit.deliveries.claim('d1', 'push', t0)).toBe('claimed');
    expect(await audit.deliveries.claim('d1', 'push', new Date(t0.getTime() + audit.deliveries.leaseMs + 1))).toBe(
      'claimed',
    );
    await audit.deliveries.finish('d1', t0);
    expect(await audit.deliveries.claim('d1', 'push', new Date(t0.getTime() + 10 * audit.deliveries.leaseMs))).toBe(
      'done',
    );
  });

  it('the outbox: posts written with their decision come back typed, per pull request, oldest first, until done', async () => {
    const { audit } = await open();
    const check: NewOutboxItem = {
      deliveryId: 'delivery-1',
      repository: 'acme/infra',
      pullRequest: 42,
      decisionSeq: 1,
      action: 'check-run',
      payload: {
        target: {
          repo: { owner: 'acme', name: 'infra' },
          headSha: 'c'.repeat(40),
          name: 'Separation of duties',
          number: 42,
          detailsUrl: 'https://example.com',
        },
        started: null,
        conclusion: 'success',
        output: { title: 'Passed', summary: 'ok', annotations: [] },
      },
    };
    await audit.transaction(async (tx) => {
      await tx.addPost(check, NOW);
      await tx.addPost(post(1), NOW);
      await tx.addPost(post(2, 7), NOW);
    });
    const pending = await audit.outbox.pending('acme/infra', 42);
    expect(pending.map(({ id: _id, ...item }) => item)).toEqual([check, post(1)]);
    await audit.outbox.done(pending[0]!.id, '1000', NOW);
    expect((await audit.outbox.pending('acme/infra', 42)).map((item) => item.action)).toEqual(['exception-log']);
    expect((await audit.outbox.pending('acme/infra', 7)).map((item) => item.decisionSeq)).toEqual([2]);
  });

  it('an outbox post with an action this Four Eyes does not know fails loudly with its id, never posted as another', async () => {
    const { audit, raw } = await open();
    await raw.insertPost({
      delivery_id: 'd1',
      repository: 'acme/infra',
      pull_request: 42,
      decision_seq: 1,
      action: 'delete-repository',
      payload: '{"body":"x"}',
    });
    await expect(audit.outbox.pending('acme/infra', 42)).rejects.toThrow(
      /^outbox item \d+ has the unknown action "delete-repository"$/,
    );
  });

  it('tracking issues: none until set; set again, replaced', async () => {
    const { audit } = await open();
    expect(await audit.outbox.trackingIssue('acme/infra')).toBeNull();
    await audit.outbox.setTrackingIssue('acme/infra', 900);
    await audit.outbox.setTrackingIssue('acme/infra', 901);
    expect(await audit.outbox.trackingIssue('acme/infra')).toBe(901);
    expect(await audit.outbox.trackingIssue('acme/web')).toBeNull();
  });

  it('withLock: holders of one key take turns; other keys do not wait', async () => {
    const { audit } = await open();
    const events: string[] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const aIn = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const a = audit.db.withLock('acme/infra#42', async () => {
      events.push('a in');
      entered();
      await released;
      events.push('a out');
    });
    await aIn;
    const b = audit.db.withLock('acme/infra#42', async () => {
      events.push('b in');
    });
    await audit.db.withLock('acme/infra#7', async () => {
      events.push('c in');
    });
    release();
    await Promise.all([a, b]);
    expect(events).toEqual(['a in', 'c in', 'a out', 'b in']);
  });
});

describe.each(sqlBackends)("the audit store's tables on %s", (_name, open) => {
  it.each([
    [
      'an edited record',
      'UPDATE audit_records SET body = replace(body, \'"user3"\', \'"mallory"\') WHERE seq = 3',
      'record #3 was edited: its content no longer hashes to its stored hash',
    ],
    [
      'an edited column',
      "UPDATE audit_records SET repository = 'acme/other' WHERE seq = 3",
      'record #3 was edited: column repository says "acme/other"',
    ],
    [
      'a deleted record',
      'DELETE FROM audit_records WHERE seq = 3',
      'record #3 is missing: deleted (the next stored record is #4)',
    ],
    [
      'a deleted record, renumbered',
      'DELETE FROM audit_records WHERE seq = 3; UPDATE audit_records SET seq = seq - 1 WHERE seq > 3',
      'record #3 does not follow record #2',
    ],
    [
      'two swapped records',
      'UPDATE audit_records SET seq = -1 WHERE seq = 2; UPDATE audit_records SET seq = 2 WHERE seq = 3; UPDATE audit_records SET seq = 3 WHERE seq = -1',
      'record #2 does not follow record #1',
    ],
    [
      'an inserted record',
      "UPDATE audit_records SET seq = seq + 100 WHERE seq >= 3; UPDATE audit_records SET seq = seq - 99 WHERE seq >= 103; INSERT INTO audit_records SELECT 3, kind, recorded_at, repository, pull_request, 'forged', body, prev_hash, 'sha256:forged' FROM audit_records WHERE seq = 2",
      'record #3 does not follow record #2',
    ],
  ])('verify finds %s and says where', async (_case, tamper, problem) => {
    const audit = await open();
    await audit.records.append([1, 2, 3, 4, 5].map((n) => push(n)));
    for (const statement of tamper.split('; ')) await audit.db.query(statement);
    const result = await verifyChain(audit.records);
    expect(result.intact).toBe(false);
    if (result.intact) return;
    expect(result.breakAt.problem).toContain(problem);
    expect(result.breakAt.position).toBe(problem.includes('#2') && !problem.includes('#3') ? 2 : 3);
  });

  it('reads records newest first a page at a time, without gaps or repeats across pages', async () => {
    const audit = await open();
    await audit.records.append([1, 2, 3, 4, 5].map((n) => push(n)));
    const seqs = [];
    for await (const { seq } of audit.records.newest('push', 'acme/infra', undefined, 2)) seqs.push(seq);
    expect(seqs).toEqual([5, 4, 3, 2, 1]);
  });

  it('migrations are applied once, and a store from a newer Four Eyes is refused', async () => {
    const audit = await open();
    expect(await migrate(audit.db)).toEqual([]);
    await audit.db.query('INSERT INTO four_eyes_migrations (version, description) VALUES ($1, $2)', [
      MIGRATIONS.length + 1,
      'from the future',
    ]);
    await expect(migrate(audit.db)).rejects.toThrow(
      `the audit store has schema version ${MIGRATIONS.length + 1}, newer than this Four Eyes knows (${MIGRATIONS.length}); upgrade Four Eyes`,
    );
    await audit.db.query('DELETE FROM four_eyes_migrations WHERE version = $1', [MIGRATIONS.length + 1]);
  });
});
