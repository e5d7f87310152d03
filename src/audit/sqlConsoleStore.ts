import type { StoredRecord } from './chain.js';
import {
  type ConsoleStore,
  type ExceptionInUse,
  type FollowUpIssue,
  LISTED_KINDS,
  type PageAt,
  type PolicyExceptions,
  type RecordPage,
  type RecordQuery,
} from './consoleStore.js';
import type { Sql } from './database.js';
import { RECORD_COLUMNS, type RecordRow, toStored } from './sqlAuditStore.js';

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * The console's reads on PGlite or PostgreSQL. Pages are keyset pages on `seq` (newest first):
 * each reads `size + 1` rows from an index, however deep it is. The filters use the columns
 * derived from each record's body (migration 5; filled on append since migration 6), and their indexes.
 */
export class SqlConsoleStore implements ConsoleStore {
  constructor(readonly db: Sql) {}

  async page(query: RecordQuery, at: PageAt, size: number): Promise<RecordPage> {
    if (query.visible.size === 0) return { records: [], hasNewer: false, hasOlder: false };
    const params: unknown[] = [];
    const where = conditions(query, params);
    const ascending = at.at === 'last' || at.at === 'newer';
    if (at.at === 'older') where.push(`seq < $${params.push(at.than)}`);
    if (at.at === 'newer') where.push(`seq > $${params.push(at.than)}`);
    const rows = await this.db.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM audit_records WHERE ${where.join(' AND ')}
       ORDER BY seq ${ascending ? 'ASC' : 'DESC'} LIMIT ${size + 1}`,
      params,
    );
    const more = rows.length > size;
    const records = rows.slice(0, size).map(toStored);
    if (ascending) records.reverse();
    switch (at.at) {
      case 'first':
        return { records, hasNewer: false, hasOlder: more };
      case 'older':
        return { records, hasNewer: true, hasOlder: more };
      case 'newer':
        return { records, hasNewer: more, hasOlder: true };
      case 'last':
        return { records, hasNewer: more, hasOlder: false };
    }
  }

  async *matching(query: RecordQuery, pageSize = 500): AsyncGenerator<StoredRecord> {
    let page = await this.page(query, { at: 'first' }, pageSize);
    for (;;) {
      yield* page.records;
      const last = page.records.at(-1);
      if (!page.hasOlder || !last) return;
      page = await this.page(query, { at: 'older', than: last.seq }, pageSize);
    }
  }

  async count(query: RecordQuery): Promise<number> {
    if (query.visible.size === 0) return 0;
    const params: unknown[] = [];
    const [row] = await this.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM audit_records WHERE ${conditions(query, params).join(' AND ')}`,
      params,
    );
    return Number(row?.n ?? 0);
  }

  async record(seq: number, visible: ReadonlySet<string>): Promise<StoredRecord | null> {
    const [row] = await this.db.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM audit_records WHERE seq = $1 AND lower(repository) = ANY($2)`,
      [seq, [...visible]],
    );
    return row ? toStored(row) : null;
  }

  async recordsOfDecision(decision: StoredRecord): Promise<StoredRecord[]> {
    const rows = await this.db.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM audit_records
       WHERE repository = $1 AND pull_request IS NOT DISTINCT FROM $2
         AND kind IN ('check-run', 'exception', 'break-glass', 'blocked-attempt')
         AND (body::jsonb #>> '{data,decisionSeq}') = $3
       ORDER BY seq`,
      [decision.repository, decision.pullRequest, String(decision.seq)],
    );
    return rows.map(toStored);
  }

  async exceptionsInUse(visible: ReadonlySet<string>): Promise<ExceptionInUse[]> {
    const rows = await this.db.query<RecordRow & { uses: string | number }>(
      `SELECT ${RECORD_COLUMNS.split(', ')
        .map((c) => `r.${c}`)
        .join(', ')}, u.uses FROM (
         SELECT max(seq) AS latest, count(*) AS uses FROM audit_records
         WHERE kind = 'exception' AND lower(repository) = ANY($1)
         GROUP BY repository, body::jsonb #>> '{data,id}'
       ) u JOIN audit_records r ON r.seq = u.latest
       ORDER BY r.body::jsonb #>> '{data,expires}', r.repository`,
      [[...visible]],
    );
    return rows.map((row) => ({ repository: row.repository, latest: toStored(row), uses: Number(row.uses) }));
  }

  /**
   * One lateral lookup per visible repository: its newest app decision, read backwards on the
   * (lower(repository), seq) index, so the cost grows with the viewer's repositories, not the log.
   * The command line's decisions are skipped with `?`, whose estimate keeps that backward scan
   * (`#> … IS NULL` looked so selective that PostgreSQL sorted every decision of the repository).
   */
  async policyExceptions(visible: ReadonlySet<string>): Promise<PolicyExceptions[]> {
    if (visible.size === 0) return [];
    const rows = await this.db.query<{ repository: string; seq: string | number; exceptions: string | null }>(
      `SELECT d.repository, d.seq, (d.body::jsonb #> '{data,exceptionsInForce}')::text AS exceptions
       FROM unnest($1::text[]) AS v(repo)
       CROSS JOIN LATERAL (
         SELECT repository, seq, body FROM audit_records
         WHERE lower(repository) = v.repo AND kind = 'decision' AND NOT (body::jsonb -> 'data' ? 'recordedBy')
         ORDER BY seq DESC LIMIT 1
       ) d
       ORDER BY d.repository`,
      [[...visible].map((r) => r.toLowerCase())],
    );
    return rows.map((row) => ({
      repository: row.repository,
      decisionSeq: Number(row.seq),
      exceptions: row.exceptions === null ? null : (JSON.parse(row.exceptions) as PolicyExceptions['exceptions']),
    }));
  }

  async followUpIssues(decisionSeqs: readonly number[]): Promise<FollowUpIssue[]> {
    if (decisionSeqs.length === 0) return [];
    const rows = await this.db.query<{
      repository: string;
      decision_seq: string | number;
      result: string | null;
      installation_id: string | number | null;
    }>(
      `SELECT repository, decision_seq, installation_id, CASE WHEN done_at IS NULL THEN NULL ELSE result END AS result FROM outbox
       WHERE action = 'follow-up-issue' AND decision_seq = ANY($1) ORDER BY id`,
      [[...decisionSeqs]],
    );
    return rows.map((row) => ({
      repository: row.repository,
      decisionSeq: Number(row.decision_seq),
      url: row.result && /^https?:\/\//.test(row.result) ? row.result : null,
      installationId: row.installation_id === null ? null : Number(row.installation_id),
    }));
  }

  async head(): Promise<{ seq: number; hash: string } | null> {
    const [row] = await this.db.query<{ seq: string | number; hash: string }>(
      'SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1',
    );
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }
}

/** The query as SQL conditions, its values appended to `params`. */
function conditions(query: RecordQuery, params: unknown[]): string[] {
  const where = [`lower(repository) = ANY($${params.push([...query.visible].map((r) => r.toLowerCase()))})`];
  if (query.kind) where.push(`kind = $${params.push(query.kind)}`);
  else where.push(`kind = ANY($${params.push([...LISTED_KINDS])})`);
  if (query.repository) where.push(`lower(repository) = $${params.push(query.repository.toLowerCase())}`);
  if (query.pullRequest !== undefined) where.push(`pull_request = $${params.push(query.pullRequest)}`);
  if (query.headSha) {
    const sha = query.headSha.toLowerCase();
    if (FULL_SHA.test(sha)) where.push(`head_sha = $${params.push(sha)}`);
    else where.push(`head_sha LIKE $${params.push(`${sha.replace(/[^0-9a-f]/g, '')}%`)}`);
  }
  if (query.tier) where.push(`tier = $${params.push(query.tier)}`);
  if (query.conclusion) where.push(`conclusion = $${params.push(query.conclusion)}`);
  if (query.actor) where.push(`actors @> $${params.push(JSON.stringify([query.actor.toLowerCase()]))}::jsonb`);
  if (query.since) where.push(`recorded_at >= $${params.push(query.since)}`);
  if (query.until) where.push(`recorded_at < $${params.push(query.until)}`);
  return where;
}
