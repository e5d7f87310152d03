import type { AuditStore } from './auditStore.js';
import type { AuditRecord } from './chain.js';
import type { CheckRunLedger } from './checkRuns.js';
import type { Database, StoreLocation } from './database.js';
import type { DeliveryLedger } from './deliveries.js';
import type { InstanceRegistry } from './instances.js';
import { migrate } from './migrations.js';
import type { NewOutboxItem, Outbox } from './outbox.js';
import { openPglite } from './pgliteDatabase.js';
import { openPostgres } from './postgresDatabase.js';
import type { AuditEntry } from './records.js';
import type { RetryStore } from './retries.js';
import { SqlAuditStore } from './sqlAuditStore.js';
import { SqlCheckRuns } from './sqlCheckRuns.js';
import { SqlDeliveryLedger } from './sqlDeliveries.js';
import { SqlInstances } from './sqlInstances.js';
import { SqlOutbox } from './sqlOutbox.js';
import { SqlRetries } from './sqlRetries.js';

/** The store itself: what and where it is (for messages), and the locks every replica respects. */
export interface StoreHandle {
  readonly kind: Database['kind'] | 'memory';
  readonly location: string;
  /** Runs `work` while holding `key`, for every process on this store: evaluations of one pull request never overlap. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** Writes kept together or not at all: a decision, the records beside it and its posts. */
export interface AuditTransaction {
  append(entries: AuditEntry[]): Promise<AuditRecord[]>;
  appendOnce(entry: AuditEntry): Promise<AuditRecord | null>;
  /** Adds a post; false when a post with its effect key is already there (it is not added again). */
  addPost(item: NewOutboxItem, now: Date): Promise<boolean>;
}

/** The audit store and the bookkeeping beside it, on one database (or in memory, for tests). */
export interface AuditServices {
  db: StoreHandle;
  records: AuditStore;
  deliveries: DeliveryLedger;
  outbox: Outbox;
  /** the app's processes and their heartbeats */
  instances: InstanceRegistry;
  /** evaluations to try again when GitHub answers */
  retries: RetryStore;
  checkRuns: CheckRunLedger;
  /** Runs `work` in one transaction: a throw undoes all it wrote. */
  transaction<T>(work: (tx: AuditTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The services on PGlite or PostgreSQL, whose SQL tests and the CLI can reach. */
export interface SqlAuditServices extends AuditServices {
  db: Database;
  records: SqlAuditStore;
  deliveries: SqlDeliveryLedger;
  outbox: SqlOutbox;
  instances: SqlInstances;
  retries: SqlRetries;
  checkRuns: SqlCheckRuns;
}

/** Opens PostgreSQL (DATABASE_URL) or PGlite (the data directory) and brings its schema up to date. */
export async function openAudit(location: StoreLocation): Promise<SqlAuditServices> {
  const db = location.databaseUrl ? await openPostgres(location.databaseUrl) : await openPglite(location.dataDir);
  return auditServices(db);
}

export async function auditServices(db: Database): Promise<SqlAuditServices> {
  await migrate(db);
  const records = new SqlAuditStore(db);
  const outbox = new SqlOutbox(db);
  return {
    db,
    records,
    deliveries: new SqlDeliveryLedger(db),
    outbox,
    instances: new SqlInstances(db),
    retries: new SqlRetries(db),
    checkRuns: new SqlCheckRuns(db),
    transaction: (work) =>
      db.transaction((sql) =>
        work({
          append: (entries) => records.append(entries, sql),
          appendOnce: (entry) => records.appendOnce(entry, sql),
          addPost: (item, now) => outbox.add(sql, item, now),
        }),
      ),
    close: () => db.close(),
  };
}
