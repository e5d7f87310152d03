import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/audit/chain.js';
import { migrate, MIGRATIONS } from '../../src/audit/migrations.js';
import type { AuditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { freshPgliteAudit, freshPostgresAudit } from '../support/auditDatabase.js';

const backends: [string, () => Promise<AuditServices>][] = [
  ['PGlite', freshPgliteAudit],
  ['PostgreSQL', () => freshPostgresAudit('store')],
];

const push = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  kind: 'push', repository: 'acme/infra', pullRequest: null, deliveryId: `delivery-${n}`, recordedAt: new Date(Date.UTC(2026, 10, 20 + (n % 5), 10)).toISOString(),
  data: { branch: 'feature', login: `user${n}`, sha: n.toString(16).padStart(40, '0'), at: '2026-11-24T10:00:00Z', forced: false }, ...overrides,
});

describe.each(backends)('the audit store on %s', (_name, open) => {
  it('appends records in order, each linked to the one before, and reads them back', async () => {
    const audit = await open();
    const appended = await audit.records.append([push(1), push(2)]);
    expect(appended.map((r) => r.seq)).toEqual([1, 2]);
    const stored = [];
    for await (const row of audit.records.records()) stored.push(row);
    expect(stored.map((r) => [r.seq, r.kind, r.deliveryId, r.hash])).toEqual(appended.map((r) => [r.seq, 'push', r.deliveryId, r.hash]));
    expect(stored[1]!.prevHash).toBe(stored[0]!.hash);
    expect(await verifyChain(audit.records)).toEqual({ intact: true, count: 2, head: { seq: 2, hash: appended[1]!.hash }, anchors: 0 });
  });

  it('an empty store verifies as intact with no records', async () => {
    const audit = await open();
    expect(await verifyChain(audit.records)).toEqual({ intact: true, count: 0, head: null, anchors: 0 });
  });

  it('appendOnce records a delivery once per kind and pull request', async () => {
    const audit = await open();
    expect(await audit.records.appendOnce(push(1))).not.toBeNull();
    expect(await audit.records.appendOnce(push(1))).toBeNull();
    expect(await audit.records.appendOnce(push(1, { deliveryId: null }))).not.toBeNull();
    expect(await audit.records.appendOnce(push(1, { deliveryId: null }))).not.toBeNull();
    expect(await audit.records.count()).toBe(3);
  });

  it('concurrent appends make one gapless chain', async () => {
    const audit = await open();
    await Promise.all(Array.from({ length: 40 }, (_, i) => audit.records.append([push(i)])));
    const result = await verifyChain(audit.records);
    expect(result).toMatchObject({ intact: true, count: 40 });
  });

  it.each([
    ['an edited record', 'UPDATE audit_records SET body = replace(body, \'"user3"\', \'"mallory"\') WHERE seq = 3', 'record #3 was edited: its content no longer hashes to its stored hash'],
    ['an edited column', 'UPDATE audit_records SET repository = \'acme/other\' WHERE seq = 3', 'record #3 was edited: column repository says "acme/other"'],
    ['a deleted record', 'DELETE FROM audit_records WHERE seq = 3', 'record #3 is missing: deleted (the next stored record is #4)'],
    ['a deleted record, renumbered', 'DELETE FROM audit_records WHERE seq = 3; UPDATE audit_records SET seq = seq - 1 WHERE seq > 3', 'record #3 does not follow record #2'],
    ['two swapped records', 'UPDATE audit_records SET seq = -1 WHERE seq = 2; UPDATE audit_records SET seq = 2 WHERE seq = 3; UPDATE audit_records SET seq = 3 WHERE seq = -1', 'record #2 does not follow record #1'],
    ['an inserted record', 'UPDATE audit_records SET seq = seq + 100 WHERE seq >= 3; UPDATE audit_records SET seq = seq - 99 WHERE seq >= 103; INSERT INTO audit_records SELECT 3, kind, recorded_at, repository, pull_request, \'forged\', body, prev_hash, \'sha256:forged\' FROM audit_records WHERE seq = 2', 'record #3 does not follow record #2'],
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

  it('a kept hash catches a chain rewritten from some record on, and records deleted from the end', async () => {
    const audit = await open();
    const records = await audit.records.append([1, 2, 3, 4].map((n) => push(n)));
    const kept = { seq: 4, hash: records[3]!.hash };
    expect(await verifyChain(audit.records, { expect: [kept] })).toMatchObject({ intact: true, anchors: 1 });
    await audit.db.query('DELETE FROM audit_records WHERE seq = 4');
    expect(await verifyChain(audit.records)).toMatchObject({ intact: true, count: 3 });
    expect(await verifyChain(audit.records, { expect: [kept] })).toMatchObject({ intact: false, breakAt: { position: 4, problem: expect.stringContaining('records were deleted from the end') } });
    await audit.records.append([push(9)]); // a forged #4 with a valid link
    expect(await verifyChain(audit.records, { expect: [kept] })).toMatchObject({ intact: false, breakAt: { position: 4, problem: expect.stringContaining('the chain was rewritten from here or before') } });
  });

  it('deliveries: claimed once; busy while leased; claimable again after a release or an expired lease; done is final', async () => {
    const audit = await open();
    const t0 = new Date('2026-11-24T10:00:00Z');
    expect(await audit.deliveries.claim('d1', 'push', t0)).toBe('claimed');
    expect(await audit.deliveries.claim('d1', 'push', t0)).toBe('busy');
    await audit.deliveries.release('d1', t0);
    expect(await audit.deliveries.claim('d1', 'push', t0)).toBe('claimed');
    expect(await audit.deliveries.claim('d1', 'push', new Date(t0.getTime() + audit.deliveries.leaseMs + 1))).toBe('claimed');
    await audit.deliveries.finish('d1', t0);
    expect(await audit.deliveries.claim('d1', 'push', new Date(t0.getTime() + 10 * audit.deliveries.leaseMs))).toBe('done');
  });

  it('migrations are applied once, and a store from a newer Four Eyes is refused', async () => {
    const audit = await open();
    expect(await migrate(audit.db)).toEqual([]);
    await audit.db.query('INSERT INTO four_eyes_migrations (version, description) VALUES ($1, $2)', [MIGRATIONS.length + 1, 'from the future']);
    await expect(migrate(audit.db)).rejects.toThrow(`the audit store has schema version ${MIGRATIONS.length + 1}, newer than this Four Eyes knows (${MIGRATIONS.length}); upgrade Four Eyes`);
    await audit.db.query('DELETE FROM four_eyes_migrations WHERE version = $1', [MIGRATIONS.length + 1]);
  });
});
