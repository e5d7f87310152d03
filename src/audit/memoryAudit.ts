import { KeyedSerializer } from '../util/keyedSerializer.js';
import type { AuditStore, NewestRecord, RecordedDecision, RecordFilter, RecordNarrowing } from './auditStore.js';
import { type AuditRecord, GENESIS_HASH, type StoredRecord, sealRecord } from './chain.js';
import { derivedColumns } from './derivedColumns.js';
import { MemoryCheckRuns } from './memoryCheckRuns.js';
import { MemoryOutbox } from './memoryOutbox.js';
import { MemoryDeliveryLedger, MemoryInstances, MemoryRetries } from './memoryRecovery.js';
import { type AuditEntry, type RecordData, type RecordKind, recordDataOf } from './records.js';
import type { AuditServices, AuditTransaction, StoreHandle } from './services.js';

/**
 * The audit services in memory, for tests that need a store but do not test storage (PGlite
 * takes seconds to start). Same contract as the SQL stores (test/audit/store.test.ts runs the
 * same tests against all three): the real hash chain, so verify works; records and posts as
 * stored text, parsed back at the same boundary; transactions that are all or nothing, one at a
 * time, with what they write unseen by others until they commit.
 */
export class MemoryAudit implements AuditServices {
  readonly #locks = new KeyedSerializer();
  /** the one writer: a transaction, or an append outside one (as the SQL stores' append lock) */
  readonly #writer = new KeyedSerializer();
  readonly db: StoreHandle = {
    kind: 'memory',
    location: 'memory',
    withLock: (key, work) => this.#locks.run(key, work),
  };
  readonly records: MemoryAuditStore;
  readonly deliveries: MemoryDeliveryLedger;
  readonly outbox = new MemoryOutbox();
  readonly instances = new MemoryInstances();
  readonly retries = new MemoryRetries(this.instances);
  readonly checkRuns = new MemoryCheckRuns((runId) => this.outbox.completing(runId));

  constructor(leaseMs = 5 * 60_000) {
    this.records = new MemoryAuditStore((work) => this.transaction(work));
    this.deliveries = new MemoryDeliveryLedger(leaseMs, this.instances);
  }

  transaction<T>(work: (tx: AuditTransaction) => Promise<T>): Promise<T> {
    return this.#writer.run('', async () => {
      const records: StoredRecord[] = [];
      const posts: MemoryOutbox['rows'] = [];
      const tx: AuditTransaction = {
        append: async (entries) => this.records.seal(entries, records),
        appendOnce: async (entry) =>
          this.records.alreadyAppended(entry, records) ? null : this.records.seal([entry], records)[0]!,
        addPost: async (item, now) => {
          const row = this.outbox.row(item, now, posts);
          if (row) posts.push(row);
          return row !== null;
        },
      };
      const result = await work(tx);
      // Nothing is awaited from here on: the commit is whole before anyone else runs.
      this.records.rows.push(...records);
      this.outbox.rows.push(...posts);
      return result;
    });
  }

  async close(): Promise<void> {}
}

export class MemoryAuditStore implements AuditStore {
  /** the stored records, a table in all but name: the contract tests tamper with them as with SQL rows */
  readonly rows: StoredRecord[] = [];

  readonly #transaction: MemoryAudit['transaction'];

  constructor(transaction: MemoryAudit['transaction']) {
    this.#transaction = transaction;
  }

  append(entries: AuditEntry[]): Promise<AuditRecord[]> {
    return entries.length === 0 ? Promise.resolve([]) : this.#transaction((tx) => tx.append(entries));
  }

  appendOnce(entry: AuditEntry): Promise<AuditRecord | null> {
    return this.#transaction((tx) => tx.appendOnce(entry));
  }

  /** Seals entries after the last record, committed or `staged`, and stages them. */
  seal(entries: AuditEntry[], staged: StoredRecord[]): AuditRecord[] {
    return entries.map((entry) => {
      const last = staged.at(-1) ?? this.rows.at(-1);
      const record = sealRecord((last?.seq ?? 0) + 1, last?.hash ?? GENESIS_HASH, entry);
      const { seq, kind, recordedAt, repository, pullRequest, deliveryId, body, prevHash, hash } = record;
      staged.push({
        seq,
        kind,
        recordedAt: new Date(recordedAt).toISOString(),
        repository,
        pullRequest,
        deliveryId,
        body,
        prevHash,
        hash,
      });
      return record;
    });
  }

  alreadyAppended(entry: AuditEntry, staged: StoredRecord[]): boolean {
    if (entry.deliveryId === null) return false;
    return [...this.rows, ...staged].some(
      (row) =>
        row.deliveryId === entry.deliveryId &&
        row.kind === entry.kind &&
        row.repository === entry.repository &&
        row.pullRequest === entry.pullRequest,
    );
  }

  async *records(filter: RecordFilter = {}): AsyncGenerator<StoredRecord> {
    const rows = [...this.rows].sort((a, b) => a.seq - b.seq);
    for (const row of rows) if (matches(row, filter)) yield row;
  }

  async count(filter: RecordFilter = {}): Promise<number> {
    return this.rows.filter((row) => matches(row, filter)).length;
  }

  async dataOf<K extends RecordKind>(
    kind: K,
    repository: string,
    pullRequest: number | null,
    narrowing: RecordNarrowing = {},
  ): Promise<RecordData<K>[]> {
    const data = this.ordered(
      (row) => row.repository === repository && row.pullRequest === pullRequest && row.kind === kind,
    ).map((row) => recordDataOf(kind, row));
    if (!narrowing.shas) return data;
    // The SQL stores' head_sha column, computed as they compute it when appending.
    const shas = new Set(narrowing.shas);
    return data.filter((d) => shas.has(derivedColumns({ kind, data: d }).headSha ?? ''));
  }

  async latestDecision(repository: string, pullRequest: number, headSha: string): Promise<RecordedDecision | null> {
    const rows = this.ordered(
      (row) => row.repository === repository && row.pullRequest === pullRequest && row.kind === 'decision',
    );
    for (const row of rows.reverse()) {
      const data = recordDataOf('decision', row);
      if (data.headSha === headSha) return { seq: row.seq, hash: row.hash, data };
    }
    return null;
  }

  async *newest<K extends RecordKind>(
    kind: K,
    repository: string,
    pullRequest?: number | null,
  ): AsyncGenerator<NewestRecord<K>> {
    const rows = this.ordered(
      (row) =>
        row.repository === repository &&
        row.kind === kind &&
        (pullRequest === undefined || row.pullRequest === pullRequest),
    );
    for (const row of rows.reverse())
      yield { seq: row.seq, recordedAt: row.recordedAt, deliveryId: row.deliveryId, data: recordDataOf(kind, row) };
  }

  async recordsOfDelivery(
    deliveryId: string,
    repository: string,
    pullRequest: number,
    kind: RecordKind,
  ): Promise<StoredRecord[]> {
    return this.ordered(
      (row) =>
        row.deliveryId === deliveryId &&
        row.repository === repository &&
        row.pullRequest === pullRequest &&
        row.kind === kind,
    );
  }

  private ordered(where: (row: StoredRecord) => boolean): StoredRecord[] {
    return this.rows.filter(where).sort((a, b) => a.seq - b.seq);
  }
}

function matches(row: StoredRecord, filter: RecordFilter): boolean {
  const at = Date.parse(row.recordedAt);
  return (
    (!filter.repository || row.repository === filter.repository) &&
    (!filter.since || at >= Date.parse(filter.since)) &&
    (!filter.until || at < Date.parse(filter.until)) &&
    (!filter.kinds || filter.kinds.some((kind) => kind === row.kind))
  );
}
