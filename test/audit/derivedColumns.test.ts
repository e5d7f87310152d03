import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedColumns } from '../../src/audit/derivedColumns.js';
import { MIGRATIONS, migrate } from '../../src/audit/migrations.js';
import type { PgliteDatabase } from '../../src/audit/pgliteDatabase.js';
import type { AuditEntry } from '../../src/audit/records.js';
import { auditServices, type SqlAuditServices } from '../../src/audit/services.js';
import { seedConsole } from '../console/seed.js';
import { freshPgliteAudit, initdbPglite } from '../support/auditDatabase.js';

interface Row {
  seq: number;
  kind: string;
  recorded_at: Date;
  repository: string;
  pull_request: number | null;
  delivery_id: string | null;
  body: string;
  prev_hash: string;
  hash: string;
  head_sha: string | null;
  tier: string | null;
  conclusion: string | null;
  actors: unknown;
}

const SHA = 'e1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
/** The two kinds the console's seed has none of, whose head SHA is read from `sha`. */
const MORE: AuditEntry[] = [
  {
    kind: 'push',
    repository: 'acme/infra',
    pullRequest: 7,
    deliveryId: 'push-7',
    recordedAt: '2026-11-21T10:00:00.000Z',
    data: { login: 'Mallory', sha: SHA, at: '2026-11-21T10:00:00Z', forced: true },
  },
  {
    kind: 'break-glass-request',
    repository: 'acme/infra',
    pullRequest: 7,
    deliveryId: 'bgr-7',
    recordedAt: '2026-11-21T11:00:00.000Z',
    data: { author: 'Carol', text: '/four-eyes break-glass outage', at: '2026-11-21T11:00:00Z', sha: SHA },
  },
];

const ROWS = 'SELECT * FROM audit_records ORDER BY seq';
let appended: Row[];
let atVersion5: PgliteDatabase;

/**
 * The app's records, appended as the app appends (derived columns filled by derivedColumns.ts),
 * and the same rows written to a store at migration 5, where PostgreSQL generated the columns
 * from the body: the two must agree, column for column, for every kind.
 */
beforeAll(async () => {
  const audit: SqlAuditServices = await freshPgliteAudit();
  await seedConsole(audit);
  await audit.records.append(MORE);
  appended = await audit.db.query<Row>(ROWS);
  atVersion5 = await initdbPglite();
  await atVersion5.query(
    'CREATE TABLE four_eyes_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  for (const migration of MIGRATIONS.filter((m) => m.version <= 5)) {
    for (const statement of migration.sql.split(';').filter((s) => s.trim())) await atVersion5.query(statement);
    await atVersion5.query('INSERT INTO four_eyes_migrations (version, description) VALUES ($1, $2)', [
      migration.version,
      migration.description,
    ]);
  }
  for (const r of appended)
    await atVersion5.query(
      'INSERT INTO audit_records (seq, kind, recorded_at, repository, pull_request, delivery_id, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [r.seq, r.kind, r.recorded_at, r.repository, r.pull_request, r.delivery_id, r.body, r.prev_hash, r.hash],
    );
}, 60_000);

afterAll(async () => {
  await atVersion5?.close();
});

describe("the console's derived columns (migration 6: filled by the app)", () => {
  it('are, for every kind of record, what migration 5 computed from the body', async () => {
    expect(new Set(appended.map((r) => r.kind))).toEqual(
      new Set([
        'decision',
        'check-run',
        'exception',
        'break-glass',
        'break-glass-request',
        'push',
        'blocked-attempt',
        'merge-group',
        'execution',
      ]),
    );
    expect(appended).toEqual(await atVersion5.query<Row>(ROWS));
  });

  it('read the head SHA, tier, conclusion and lower-cased actors where each kind keeps them', () => {
    const byKind = (kind: string) => appended.filter((r) => r.kind === kind);
    expect(byKind('push')[0]).toMatchObject({ head_sha: SHA, tier: null, conclusion: null, actors: [] });
    expect(byKind('break-glass-request')[0]).toMatchObject({ head_sha: SHA, actors: [] });
    for (const r of byKind('decision')) {
      const { data } = JSON.parse(r.body) as { data: { tier: string; conclusion: string } };
      expect([r.tier, r.conclusion]).toEqual([data.tier, data.conclusion]);
      expect(r.tier).toBe('critical');
    }
    expect(byKind('decision')[0]!.actors).toEqual(['bob']);
    for (const r of appended) {
      const actors = r.actors as string[];
      expect(actors.map((a) => a.toLowerCase())).toEqual(actors);
    }
  });

  it('lower-case the actors, as GitHub compares logins', () => {
    const breakGlass = appended.find((r) => r.kind === 'break-glass')!;
    const { data } = JSON.parse(breakGlass.body) as { data: object };
    const entry = { kind: 'break-glass', data: { ...data, by: 'Dave-OPS' } } as AuditEntry;
    expect(derivedColumns(entry).actors).toBe('["dave-ops"]');
  });

  it('keep their values when a store at migration 5 takes migration 6, and appends fill them', async () => {
    const before = await atVersion5.query<Row>(ROWS);
    expect(await migrate(atVersion5)).toEqual([6]);
    expect(await atVersion5.query<Row>(ROWS)).toEqual(before);
    const upgraded = await auditServices(atVersion5);
    await upgraded.records.append([{ ...MORE[0]!, deliveryId: 'push-8' }]);
    const [last] = await atVersion5.query<Row>('SELECT * FROM audit_records ORDER BY seq DESC LIMIT 1');
    expect(last).toMatchObject({ kind: 'push', head_sha: SHA, actors: [] });
  });
});
