import type { AuditStore, RecordFilter } from './auditStore.js';
import type { StoredRecord } from './chain.js';
import { type RecordData, type RecordKind, recordContent, recordDataOf } from './records.js';

export const EXPORT_KINDS = {
  decisions: ['decision'],
  exceptions: ['exception'],
  'break-glass': ['break-glass', 'break-glass-request'],
  pushes: ['push'],
  'blocked-attempts': ['blocked-attempt'],
  'merge-groups': ['merge-group'],
  executions: ['execution'],
} as const satisfies Record<string, readonly RecordKind[]>;
export type ExportKind = keyof typeof EXPORT_KINDS;

const CSV_COLUMNS = [
  'seq',
  'kind',
  'recorded_at',
  'repository',
  'pull_request',
  'head_sha',
  'actor',
  'conclusion',
  'tier',
  'detail',
  'check_run_id',
  'delivery_id',
  'hash',
] as const;

/** A record as exported: its columns and its data, typed by its kind. */
export type ExportRow = {
  [K in RecordKind]: {
    seq: number;
    kind: K;
    recordedAt: string;
    repository: string;
    pullRequest: number | null;
    deliveryId: string | null;
    hash: string;
    data: RecordData<K>;
    /** for decisions: the check run it was posted as, when it was */
    checkRunId?: number | null;
    /** for decisions: the gate decisions (execution records) that rest on it, by seq, oldest first */
    executions?: number[];
  };
}[RecordKind];

/**
 * Streams the records that match, oldest first, as export rows: decisions carry the id of the
 * check run they were posted as and the gate decisions that rest on them (separate, later records
 * in the chain; an execution record names its decision's seq itself).
 */
export async function* exportRows(store: AuditStore, filter: RecordFilter): AsyncGenerator<ExportRow> {
  const links = filter.kinds?.includes('decision') ? await decisionLinks(store, filter) : null;
  for await (const record of store.records(filter)) {
    const row = toRow(record);
    if (record.kind === 'decision' && links) {
      row.checkRunId = links.checkRuns.get(record.seq) ?? null;
      row.executions = links.executions.get(record.seq) ?? [];
    }
    yield row;
  }
}

/** The later records that name a decision: its check run, and the gate decisions resting on it. */
async function decisionLinks(
  store: AuditStore,
  filter: RecordFilter,
): Promise<{ checkRuns: Map<number, number>; executions: Map<number, number[]> }> {
  const checkRuns = new Map<number, number>();
  const executions = new Map<number, number[]>();
  const { kinds: _kinds, until: _until, ...rest } = filter;
  for await (const record of store.records({ ...rest, kinds: ['check-run', 'execution'] })) {
    if (record.kind === 'check-run') {
      const data = recordDataOf('check-run', record);
      checkRuns.set(Number(data.decisionSeq), Number(data.checkRunId));
      continue;
    }
    const decisionSeq = recordDataOf('execution', record).decision?.seq;
    if (decisionSeq !== undefined) executions.set(decisionSeq, [...(executions.get(decisionSeq) ?? []), record.seq]);
  }
  return { checkRuns, executions };
}

export function toRow(record: StoredRecord): ExportRow {
  const { kind, data } = recordContent(record);
  // kind and data come from one content, of one kind; the JSON line keeps this key order.
  return {
    seq: record.seq,
    kind,
    recordedAt: record.recordedAt,
    repository: record.repository,
    pullRequest: record.pullRequest,
    deliveryId: record.deliveryId,
    hash: record.hash,
    data,
  } as ExportRow;
}

export function jsonLine(row: ExportRow): string {
  return JSON.stringify(row) + '\n';
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

/** One CSV line (RFC 4180), with the columns auditors filter by; the full record is in JSONL. */
export function csvLine(row: ExportRow): string {
  const v = kindColumns(row);
  const cells = [
    row.seq,
    row.kind,
    row.recordedAt,
    row.repository,
    row.pullRequest,
    v.headSha,
    v.actor,
    v.conclusion,
    v.tier,
    v.detail,
    row.checkRunId,
    row.deliveryId,
    row.hash,
  ];
  return cells.map((cell) => csvCell(text(cell))).join(',') + '\r\n';
}

/** A record stored by an older Four Eyes may lack a field: its cell is then empty. */
function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export interface KindColumns {
  headSha?: unknown;
  actor?: unknown;
  conclusion?: unknown;
  tier?: unknown;
  detail?: unknown;
}

/** The columns whose content depends on the record's kind. */
export function kindColumns(row: ExportRow): KindColumns {
  switch (row.kind) {
    case 'decision': {
      const d = row.data;
      return { headSha: d.headSha, conclusion: d.conclusion, tier: d.tier, detail: d.title };
    }
    case 'check-run': {
      const d = row.data;
      return {
        headSha: d.headSha,
        conclusion: d.conclusion,
        detail: `check run ${text(d.checkRunId)} for decision #${text(d.decisionSeq)}`,
      };
    }
    case 'exception': {
      const d = row.data;
      return {
        headSha: d.headSha,
        actor: d.usedBy,
        tier: d.tier,
        detail: `${text(d.id)}: ${text(d.description)} (owner ${text(d.owner)}, expires ${text(d.expires)})`,
      };
    }
    case 'break-glass': {
      const d = row.data;
      return { headSha: d.sha, actor: d.by, tier: d.tier, detail: d.reason };
    }
    case 'break-glass-request': {
      const d = row.data;
      return { headSha: d.sha, actor: d.author, detail: d.text };
    }
    case 'push': {
      const d = row.data;
      return {
        headSha: d.sha,
        actor: d.login,
        detail: `${d.forced ? 'force-push' : 'push'}${d.branch ? ` to ${text(d.branch)}` : ''}`,
      };
    }
    case 'blocked-attempt': {
      const d = row.data;
      return { headSha: d.headSha, actor: d.login, detail: `approval refused (${text(d.reason)}): ${text(d.detail)}` };
    }
    case 'merge-group': {
      const d = row.data;
      return { headSha: d.headSha, conclusion: d.conclusion, detail: `${text(d.headRef)}: ${text(d.title)}` };
    }
    case 'execution': {
      const d = row.data;
      return {
        headSha: d.sha,
        actor: (d.executors ?? []).map((e) => e.login).join(' '),
        conclusion: d.outcome,
        tier: d.decision?.tier,
        detail: `${text(d.environment)} (run ${text(d.runId)}${d.decision ? `, decision #${text(d.decision.seq)}` : ''}): ${text(d.code)}: ${text(d.reason)}`,
      };
    }
  }
}

/** Quoted when needed; a cell a spreadsheet would run as a formula is prefixed with a quote mark. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
