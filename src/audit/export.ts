import type { AuditStore, RecordFilter } from './auditStore.js';
import type { RecordKind, StoredRecord } from './chain.js';

export const EXPORT_KINDS = {
  decisions: ['decision'],
  exceptions: ['exception'],
  'break-glass': ['break-glass', 'break-glass-request'],
  pushes: ['push'],
} as const satisfies Record<string, readonly RecordKind[]>;
export type ExportKind = keyof typeof EXPORT_KINDS;

export const CSV_COLUMNS = ['seq', 'kind', 'recorded_at', 'repository', 'pull_request', 'head_sha', 'actor', 'conclusion', 'tier', 'detail', 'check_run_id', 'delivery_id', 'hash'] as const;

export interface ExportRow extends Omit<StoredRecord, 'body' | 'prevHash'> {
  /** for decisions: the check run it was posted as, when it was */
  checkRunId?: number | null;
  data: Record<string, unknown>;
}

/**
 * Streams the records that match, oldest first, as export rows: decisions carry the id of the
 * check run they were posted as (a separate, later record in the chain).
 */
export async function* exportRows(store: AuditStore, filter: RecordFilter): AsyncGenerator<ExportRow> {
  const checkRuns = filter.kinds?.includes('decision') ? await checkRunIds(store, filter) : new Map<number, number>();
  for await (const record of store.records(filter)) {
    const row = toRow(record);
    if (record.kind === 'decision') row.checkRunId = checkRuns.get(record.seq) ?? null;
    yield row;
  }
}

async function checkRunIds(store: AuditStore, filter: RecordFilter): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  const { kinds: _kinds, until: _until, ...rest } = filter;
  for await (const record of store.records({ ...rest, kinds: ['check-run'] })) {
    const data = (JSON.parse(record.body) as { data: { decisionSeq: number; checkRunId: number } }).data;
    ids.set(Number(data.decisionSeq), Number(data.checkRunId));
  }
  return ids;
}

function toRow(record: StoredRecord): ExportRow {
  const content = JSON.parse(record.body) as { data: Record<string, unknown> };
  return { seq: record.seq, kind: record.kind, recordedAt: record.recordedAt, repository: record.repository, pullRequest: record.pullRequest, deliveryId: record.deliveryId, hash: record.hash, data: content.data };
}

export function jsonLine(row: ExportRow): string {
  return JSON.stringify(row) + '\n';
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

/** One CSV line (RFC 4180), with the columns auditors filter by; the full record is in JSONL. */
export function csvLine(row: ExportRow): string {
  const d = row.data;
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  const byKind: Record<string, { headSha?: unknown; actor?: unknown; conclusion?: unknown; tier?: unknown; detail?: unknown }> = {
    decision: { headSha: d.headSha, conclusion: d.conclusion, tier: d.tier, detail: d.title },
    'check-run': { headSha: d.headSha, conclusion: d.conclusion, detail: `check run ${text(d.checkRunId)} for decision #${text(d.decisionSeq)}` },
    exception: { headSha: d.headSha, actor: d.usedBy, tier: d.tier, detail: `${text(d.id)}: ${text(d.description)} (owner ${text(d.owner)}, expires ${text(d.expires)})` },
    'break-glass': { headSha: d.sha, actor: d.by, tier: d.tier, detail: d.reason },
    'break-glass-request': { headSha: d.sha, actor: d.author, detail: d.text },
    push: { headSha: d.sha, actor: d.login, detail: `${d.forced ? 'force-push' : 'push'}${d.branch ? ` to ${text(d.branch)}` : ''}` },
  };
  const v = byKind[row.kind] ?? {};
  const cells = [row.seq, row.kind, row.recordedAt, row.repository, row.pullRequest, v.headSha, v.actor, v.conclusion, v.tier, v.detail, row.checkRunId, row.deliveryId, row.hash];
  return cells.map((cell) => csvCell(text(cell))).join(',') + '\r\n';
}

/** Quoted when needed; a cell a spreadsheet would run as a formula is prefixed with a quote mark. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
