import type { AuditStore, NewestRecord, RecordedDecision, RecordFilter, RecordNarrowing } from './auditStore.js';
import { type AuditRecord, GENESIS_HASH, type StoredRecord, sealRecord } from './chain.js';
import type { Database, Sql } from './database.js';
import { derivedColumns } from './derivedColumns.js';
import { type AuditEntry, type RecordData, type RecordKind, recordDataOf } from './records.js';

export interface RecordRow {
  seq: string | number;
  kind: string;
  recorded_at: Date | string;
  repository: string;
  pull_request: number | null;
  delivery_id: string | null;
  body: string;
  prev_hash: string;
  hash: string;
}

export const RECORD_COLUMNS = 'seq, kind, recorded_at, repository, pull_request, delivery_id, body, prev_hash, hash';
/** Not hashed: the console's filters, derived from the body by the app as it appends (migration 6). */
const DERIVED_COLUMNS = 'head_sha, tier, conclusion, actors';
/** Appends take this transaction-scoped lock: one chain, one writer at a time, across processes. */
const APPEND_LOCK = 'SELECT pg_advisory_xact_lock(20345, 2)';

/** The audit log in a SQL table; only ever inserted into. */
export class SqlAuditStore implements AuditStore {
  constructor(readonly db: Database) {}

  /** In `sql`'s transaction when given, else in one of its own. */
  async append(entries: AuditEntry[], sql?: Sql): Promise<AuditRecord[]> {
    if (entries.length === 0) return [];
    if (!sql) return this.db.transaction((tx) => this.append(entries, tx));
    await sql.query(APPEND_LOCK);
    return this.#appendLocked(entries, sql);
  }

  /** Appends in `sql`'s transaction, which holds APPEND_LOCK. */
  async #appendLocked(entries: AuditEntry[], sql: Sql): Promise<AuditRecord[]> {
    const [last] = await sql.query<{ seq: string | number; hash: string }>(
      'SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1',
    );
    let seq = last ? Number(last.seq) : 0;
    let prev = last ? last.hash : GENESIS_HASH;
    const sealed = entries.map((entry) => {
      const record = sealRecord(++seq, prev, entry);
      prev = record.hash;
      return record;
    });
    const params: unknown[] = [];
    const values = sealed.map((r) => {
      const derived = derivedColumns(r);
      const row = [r.seq, r.kind, r.recordedAt, r.repository, r.pullRequest, r.deliveryId, r.body, r.prevHash, r.hash];
      const first = params.length + 1;
      params.push(...row, derived.headSha, derived.tier, derived.conclusion, derived.actors);
      // actors as text, then jsonb: a driver would send a string for a jsonb parameter as a JSON string.
      const placeholders = Array.from({ length: 13 }, (_, i) => `$${first + i}${i === 12 ? '::text::jsonb' : ''}`);
      return `(${placeholders.join(', ')})`;
    });
    await sql.query(
      `INSERT INTO audit_records (${RECORD_COLUMNS}, ${DERIVED_COLUMNS}) VALUES ${values.join(', ')}`,
      params,
    );
    return sealed;
  }

  async appendOnce(entry: AuditEntry, sql?: Sql): Promise<AuditRecord | null> {
    if (!sql) return this.db.transaction((tx) => this.appendOnce(entry, tx));
    await sql.query(APPEND_LOCK);
    if (entry.deliveryId !== null) {
      const existing = await sql.query(
        'SELECT 1 FROM audit_records WHERE delivery_id = $1 AND kind = $2 AND repository = $3 AND pull_request IS NOT DISTINCT FROM $4 LIMIT 1',
        [entry.deliveryId, entry.kind, entry.repository, entry.pullRequest],
      );
      if (existing.length > 0) return null;
    }
    // The lock is held: taking it again would only cost a round trip, with every appender waiting.
    const [record] = await this.#appendLocked([entry], sql);
    return record!;
  }

  /** A page at a time (keyset pagination: constant memory for any size). */
  async *records(filter: RecordFilter = {}, pageSize = 1000): AsyncGenerator<StoredRecord> {
    let after = 0;
    for (;;) {
      const params: unknown[] = [after];
      const where = whereClause(filter, params);
      const rows = await this.db.query<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM audit_records WHERE seq > $1 AND ${where} ORDER BY seq LIMIT ${pageSize}`,
        params,
      );
      for (const row of rows) yield toStored(row);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }

  async count(filter: RecordFilter = {}): Promise<number> {
    const params: unknown[] = [];
    const [row] = await this.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM audit_records WHERE ${whereClause(filter, params)}`,
      params,
    );
    return Number(row?.n ?? 0);
  }

  async dataOf<K extends RecordKind>(
    kind: K,
    repository: string,
    pullRequest: number | null,
    narrowing: RecordNarrowing = {},
  ): Promise<RecordData<K>[]> {
    const params: unknown[] = [repository, kind];
    const where = ['repository = $1', 'kind = $2'];
    where.push(pullRequest === null ? 'pull_request IS NULL' : `pull_request = $${params.push(pullRequest)}`);
    if (narrowing.shas) where.push(`head_sha = ANY($${params.push([...narrowing.shas])}::text[])`);
    const rows = await this.db.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM audit_records WHERE ${where.join(' AND ')} ORDER BY seq`,
      params,
    );
    return rows.map((row) => recordDataOf(kind, toStored(row)));
  }

  /**
   * The index on (repository, pull_request, kind) narrows this to the pull request's decisions;
   * the head SHA, inside the body, is read from those alone, newest first.
   */
  async latestDecision(repository: string, pullRequest: number, headSha: string): Promise<RecordedDecision | null> {
    const [row] = await this.db.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM audit_records
       WHERE repository = $1 AND pull_request = $2 AND kind = 'decision' AND (body::jsonb #>> '{data,headSha}') = $3
       ORDER BY seq DESC LIMIT 1`,
      [repository, pullRequest, headSha],
    );
    if (!row) return null;
    const stored = toStored(row);
    return { seq: stored.seq, hash: stored.hash, data: recordDataOf('decision', stored) };
  }

  async *newest<K extends RecordKind>(
    kind: K,
    repository: string,
    pullRequest?: number | null,
    pageSize = 100,
  ): AsyncGenerator<NewestRecord<K>> {
    const params: unknown[] = [repository, kind];
    const where = ['repository = $1', 'kind = $2'];
    if (pullRequest === null) where.push('pull_request IS NULL');
    else if (pullRequest !== undefined) where.push(`pull_request = $${params.push(pullRequest)}`);
    let before: number | null = null;
    for (;;) {
      const page: string = before === null ? '' : ` AND seq < $${params.length + 1}`;
      const rows: RecordRow[] = await this.db.query<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM audit_records WHERE ${where.join(' AND ')}${page} ORDER BY seq DESC LIMIT ${pageSize}`,
        before === null ? params : [...params, before],
      );
      for (const row of rows) {
        const stored = toStored(row);
        const { seq, recordedAt, deliveryId } = stored;
        yield { seq, recordedAt, deliveryId, data: recordDataOf(kind, stored) };
      }
      if (rows.length < pageSize) return;
      before = Number(rows[rows.length - 1]!.seq);
    }
  }

  async recordsOfDelivery(
    deliveryId: string,
    repository: string,
    pullRequest: number,
    kind: RecordKind,
  ): Promise<StoredRecord[]> {
    const rows = await this.db.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM audit_records WHERE delivery_id = $1 AND repository = $2 AND pull_request = $3 AND kind = $4 ORDER BY seq`,
      [deliveryId, repository, pullRequest, kind],
    );
    return rows.map(toStored);
  }
}

/** The filter as SQL conditions, its values appended to `params`. */
function whereClause(filter: RecordFilter, params: unknown[]): string {
  const where = ['TRUE'];
  if (filter.repository) where.push(`repository = $${params.push(filter.repository)}`);
  if (filter.since) where.push(`recorded_at >= $${params.push(filter.since)}`);
  if (filter.until) where.push(`recorded_at < $${params.push(filter.until)}`);
  if (filter.kinds) where.push(`kind = ANY($${params.push([...filter.kinds])})`);
  return where.join(' AND ');
}

export function toStored(row: RecordRow): StoredRecord {
  return {
    seq: Number(row.seq),
    kind: row.kind,
    recordedAt: new Date(row.recorded_at).toISOString(),
    repository: row.repository,
    pullRequest: row.pull_request === null ? null : Number(row.pull_request),
    deliveryId: row.delivery_id,
    body: row.body,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
