import { AuditStore } from './auditStore.js';
import type { Database, StoreLocation } from './database.js';
import { DeliveryLedger } from './deliveries.js';
import { migrate } from './migrations.js';
import { Outbox } from './outbox.js';
import { openPglite } from './pgliteDatabase.js';
import { openPostgres } from './postgresDatabase.js';

/** The audit store and the bookkeeping beside it, on one database. */
export interface AuditServices {
  db: Database;
  records: AuditStore;
  deliveries: DeliveryLedger;
  outbox: Outbox;
  close(): Promise<void>;
}

/** Opens PostgreSQL (DATABASE_URL) or PGlite (the data directory) and brings its schema up to date. */
export async function openAudit(location: StoreLocation): Promise<AuditServices> {
  const db = location.databaseUrl ? await openPostgres(location.databaseUrl) : await openPglite(location.dataDir);
  return auditServices(db);
}

export async function auditServices(db: Database): Promise<AuditServices> {
  await migrate(db);
  return { db, records: new AuditStore(db), deliveries: new DeliveryLedger(db), outbox: new Outbox(db), close: () => db.close() };
}
