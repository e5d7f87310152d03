import type { StoredRecord } from '../audit/chain.js';
import { type ExportRow, kindColumns, toRow } from '../audit/export.js';

/** What a table row shows of a record, whatever its kind. */
export interface RecordLine {
  row: ExportRow;
  headSha: string;
  tier: string;
  conclusion: string;
  actor: string;
  detail: string;
}

/** A record as one line of a table: the export's columns, and a decision's actors (who approved, broke glass or used an exception). */
export function recordLine(record: StoredRecord): RecordLine {
  const row = toRow(record);
  const columns = kindColumns(row);
  let actor = text(columns.actor);
  if (row.kind === 'decision') {
    const d = row.data;
    actor = [
      ...(d.approvals?.counted ?? []).map((c) => c.login),
      ...(d.breakGlass ? [d.breakGlass.by] : []),
      ...(d.exception ? [d.exception.usedBy] : []),
    ].join(' ');
  }
  return {
    row,
    headSha: text(columns.headSha),
    tier: text(columns.tier),
    conclusion: text(columns.conclusion),
    actor,
    detail: text(columns.detail),
  };
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}
