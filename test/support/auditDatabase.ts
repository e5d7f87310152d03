import { inject } from 'vitest';
import { openPglite } from '../../src/audit/pgliteDatabase.js';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import type { Database } from '../../src/audit/database.js';
import { auditServices, type AuditServices } from '../../src/audit/services.js';

/**
 * Audit stores for tests. PGlite takes seconds to start, so each test file shares one in-memory
 * instance and empties it per test; PostgreSQL is the server `.ci/run` (or test/globalSetup.ts)
 * started, one database per test file.
 */
let pglite: Promise<AuditServices> | null = null;

export async function freshPgliteAudit(): Promise<AuditServices> {
  pglite ??= openPglite(null).then(auditServices);
  const services = await pglite;
  await emptyTables(services.db);
  return services;
}

/** The test server (test/globalSetup.ts). */
function postgresUrl(): string {
  return inject('postgresUrl');
}

const postgresByName = new Map<string, Promise<AuditServices>>();

/** A database of its own on the test server (created on first use), emptied. */
export async function freshPostgresAudit(name: string): Promise<AuditServices> {
  if (!postgresByName.has(name)) postgresByName.set(name, createDatabase(name).then((url) => openPostgres(url)).then(auditServices));
  const services = await postgresByName.get(name)!;
  await emptyTables(services.db);
  return services;
}

/** A connection string to a database of its own, created on the test server. */
export async function createDatabase(name: string): Promise<string> {
  const admin = await openPostgres(postgresUrl(), 1);
  const database = `four_eyes_${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.close();
  const url = new URL(postgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function emptyTables(db: Database): Promise<void> {
  await db.query('TRUNCATE audit_records, webhook_deliveries, outbox, tracking_issues');
}
