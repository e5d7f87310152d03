import type { AuditRecord, StoredRecord } from './chain.js';
import type { AuditEntry, RecordData, RecordKind } from './records.js';

/** A decision record: its data, and its seq and hash (what a check run names to anchor the chain). */
export interface RecordedDecision {
  seq: number;
  hash: string;
  data: RecordData<'decision'>;
}

/** A record as `newest` reads it: its data, and where and when it was recorded. */
export interface NewestRecord<K extends RecordKind> {
  seq: number;
  /** ISO-8601 with milliseconds */
  recordedAt: string;
  deliveryId: string | null;
  data: RecordData<K>;
}

export interface RecordFilter {
  repository?: string;
  /** ISO-8601, inclusive */
  since?: string;
  /** ISO-8601, exclusive */
  until?: string;
  kinds?: readonly RecordKind[];
}

/**
 * Which of a pull request's records `dataOf` reads, narrowed in the store (by the indexed head SHA
 * column) rather than by reading every record: a long-lived pull request or a busy branch has
 * hundreds, and each evaluation asks about a few SHAs.
 */
export interface RecordNarrowing {
  /** only records of these SHAs: a decision's head SHA, a push's or a break-glass request's SHA */
  shas?: readonly string[];
}

/**
 * The append-only, hash-chained audit log. Records are only ever appended, each linked to the
 * one before by its hash (chain.ts); nothing updates or deletes a record.
 */
export interface AuditStore {
  /** Appends entries in order, as one chain segment: no other record comes between them. */
  append(entries: AuditEntry[]): Promise<AuditRecord[]>;
  /**
   * Appends an entry unless this delivery already appended one of its kind for its pull request:
   * a re-delivered or twice-delivered webhook is recorded once. Entries without a delivery id
   * (the CLI's) are always appended. Returns null when it was already there.
   */
  appendOnce(entry: AuditEntry): Promise<AuditRecord | null>;
  /** Records in seq order, as stored (what verify checks: read, not parsed). */
  records(filter?: RecordFilter, pageSize?: number): AsyncGenerator<StoredRecord>;
  count(filter?: RecordFilter): Promise<number>;
  /** The data of a pull request's records of a kind (null: the repository's records tied to no pull request), oldest first. */
  dataOf<K extends RecordKind>(
    kind: K,
    repository: string,
    pullRequest: number | null,
    narrowing?: RecordNarrowing,
  ): Promise<RecordData<K>[]>;
  /**
   * The newest decision recorded for a pull request at a head SHA (by the app or by the CLI's
   * `evaluate --record`: callers tell them apart), with its place in the chain; null when none.
   */
  latestDecision(repository: string, pullRequest: number, headSha: string): Promise<RecordedDecision | null>;
  /**
   * A repository's records of a kind, newest first, each with its seq, time and delivery: those of one pull request
   * (`pullRequest` a number), those tied to none (null), or all of them (absent). Read a page at a
   * time, so stopping at the first wanted record reads little however long the log is.
   */
  newest<K extends RecordKind>(
    kind: K,
    repository: string,
    pullRequest?: number | null,
  ): AsyncGenerator<NewestRecord<K>>;
  /** Records a delivery appended for one pull request (to finish, not redo, its work after a crash). */
  recordsOfDelivery(
    deliveryId: string,
    repository: string,
    pullRequest: number,
    kind: RecordKind,
  ): Promise<StoredRecord[]>;
}
