import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonicalJson.js';
import type { AuditEntry } from './records.js';

/**
 * What the chain seals: an entry of any kind, any data. The stores append only AuditEntry
 * (records.ts); the chain itself, and verify, take whatever was stored.
 */
export interface ChainEntry {
  kind: string;
  repository: string;
  pullRequest: number | null;
  deliveryId: string | null;
  /** ISO-8601 with milliseconds */
  recordedAt: string;
  data: unknown;
}

/** An entry with its place in the chain. */
export type Sealed<E extends ChainEntry> = E & {
  seq: number;
  prevHash: string;
  hash: string;
  /** the canonical JSON that was hashed, exactly as stored */
  body: string;
};

export type AuditRecord = Sealed<AuditEntry>;

/** The link before the first record. */
export const GENESIS_HASH = 'sha256:' + '0'.repeat(64);

/** The canonical texts of records' data written ahead of sealing (see prepareData). */
const preparedData = new WeakMap<object, string>();

/**
 * Writes a record's data as canonical JSON now, for sealRecord to use: a decision of a thousand
 * findings takes tens of milliseconds, and an appender that does it before taking the store's
 * lock does not hold every other writer up meanwhile. The data must not change afterwards.
 */
export function prepareData(data: object): void {
  preparedData.set(data, canonicalJson(data));
}

/** The canonical text of a record: everything about it but its hashes, its position included. */
function recordBody(seq: number, entry: ChainEntry): string {
  const { kind, repository, pullRequest, deliveryId, recordedAt, data } = entry;
  const prepared = typeof data === 'object' && data !== null ? preparedData.get(data) : undefined;
  if (prepared === undefined)
    return canonicalJson({ seq, kind, recordedAt, repository, pullRequest, deliveryId, data });
  // The same text: `data` sorts before every other key, so it opens the object.
  const rest = canonicalJson({ seq, kind, recordedAt, repository, pullRequest, deliveryId });
  return `{"data":${prepared},${rest.slice(1)}`;
}

/** sha256 over the previous record's hash and this record's canonical JSON. */
export function chainHash(prevHash: string, body: string): string {
  return 'sha256:' + createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export function sealRecord<E extends ChainEntry>(seq: number, prevHash: string, entry: E): Sealed<E> {
  const body = recordBody(seq, entry);
  return { ...entry, seq, prevHash, hash: chainHash(prevHash, body), body };
}

/** One stored row as the database returns it. */
export interface StoredRecord {
  seq: number;
  kind: string;
  recordedAt: string;
  repository: string;
  pullRequest: number | null;
  deliveryId: string | null;
  body: string;
  prevHash: string;
  hash: string;
}

export interface ChainBreak {
  /** 1-based position in the chain where it breaks (the seq it should have) */
  position: number;
  problem: string;
}

/**
 * Walks the stored records in seq order and finds the first broken link: a record edited (its
 * content or columns no longer hash to what is stored), deleted (a gap), inserted or reordered
 * (a record that does not name its predecessor's hash).
 */
export class ChainVerifier {
  expectedSeq = 1;
  previousHash = GENESIS_HASH;

  check(row: StoredRecord): ChainBreak | null {
    const position = this.expectedSeq;
    if (row.seq !== position) {
      return {
        position,
        problem:
          row.seq > position
            ? `record #${position} is missing: deleted (the next stored record is #${row.seq})`
            : `record #${row.seq} appears twice or out of order`,
      };
    }
    if (row.prevHash !== this.previousHash) {
      return {
        position,
        problem: `record #${position} does not follow record #${position - 1}: it names ${row.prevHash.slice(0, 19)}…, but #${position - 1} hashes to ${this.previousHash.slice(0, 19)}… (a record was inserted, deleted or reordered here)`,
      };
    }
    if (chainHash(row.prevHash, row.body) !== row.hash)
      return { position, problem: `record #${position} was edited: its content no longer hashes to its stored hash` };
    const mismatch = columnMismatch(row);
    if (mismatch) return { position, problem: `record #${position} was edited: ${mismatch}` };
    this.expectedSeq++;
    this.previousHash = row.hash;
    return null;
  }
}

/** The columns are there to query by; they must say what the hashed content says. */
function columnMismatch(row: StoredRecord): string | null {
  let content: Record<string, unknown>;
  try {
    content = JSON.parse(row.body) as Record<string, unknown>;
  } catch {
    return 'its content is not JSON';
  }
  const pairs: [string, unknown, unknown][] = [
    ['seq', row.seq, content.seq],
    ['kind', row.kind, content.kind],
    ['recorded_at', row.recordedAt, content.recordedAt],
    ['repository', row.repository, content.repository],
    ['pull_request', row.pullRequest, content.pullRequest],
    ['delivery_id', row.deliveryId, content.deliveryId],
  ];
  for (const [column, stored, hashed] of pairs) {
    if (stored !== hashed)
      return `column ${column} says ${JSON.stringify(stored)}, the hashed content ${JSON.stringify(hashed)}`;
  }
  return null;
}
