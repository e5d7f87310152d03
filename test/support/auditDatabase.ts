import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { StoredRecord } from '../../src/audit/chain.js';
import type { Database } from '../../src/audit/database.js';
import { MemoryAudit } from '../../src/audit/memoryAudit.js';
import { MIGRATIONS } from '../../src/audit/migrations.js';
import type { OutboxRow } from '../../src/audit/outbox.js';
import { openPglite, type PgliteDatabase } from '../../src/audit/pgliteDatabase.js';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { type AuditServices, auditServices, type SqlAuditServices } from '../../src/audit/services.js';
import { POSTGRES_FAILED, POSTGRES_READY } from './postgresReadiness.js';
import { scratchDirectory } from './scratchDirectory.js';

/**
 * Audit stores for tests. Tests that need a store but do not test storage take the in-memory
 * one: it costs nothing to make, so each test gets its own. PGlite takes a second or more to
 * start, so the test files of a worker share one instance and empty it per test; PostgreSQL is
 * the server `.ci/run` (or test/globalSetup.ts) started, one database per test file.
 */
export function freshMemoryAudit(): MemoryAudit {
  return new MemoryAudit();
}

let pglite: Promise<SqlAuditServices> | null = null;

/**
 * The worker's PGlite, in a copy of a migrated store kept between runs (`filledPgliteDirectory`,
 * filled with nothing), in the run's scratch directory: a store in a directory opens with about
 * 0.7 s less CPU than one unpacked in memory from a snapshot, and holds about 180 MB less of the
 * worker's memory.
 */
export async function freshPgliteAudit(): Promise<SqlAuditServices> {
  pglite ??= (async () => {
    const dir = scratchDirectory('pglite');
    await filledPgliteDirectory(dir, 'nothing', async () => {});
    return auditServices(await openPglite(dir));
  })();
  const services = await pglite;
  await emptyTables(services.db);
  return services;
}

/**
 * Test stores are small: 8 MB of shared buffers instead of the 128 MB initdb writes, which PGlite
 * allocates and clears at every start (about 0.7 s of CPU an open, most of an open). Written with
 * ALTER SYSTEM (postgresql.auto.conf) into every kept store below, so each copy starts with it.
 */
const SMALL_BUFFERS = "ALTER SYSTEM SET shared_buffers = '8MB'";

function pgliteVersion(): string {
  return (
    JSON.parse(
      readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
    ) as { version: string }
  ).version;
}

/**
 * A PGlite as initdb leaves it, before any of Four Eyes' migrations: in a copy of the store kept
 * by `initdbPgliteDirectory`, in the run's scratch directory, since initdb takes seconds.
 */
export async function initdbPglite(): Promise<PgliteDatabase> {
  const dir = scratchDirectory('pglite-initdb');
  await initdbPgliteDirectory(dir);
  return openPglite(dir);
}

/**
 * Makes `dir` a store directory as PGlite's initdb leaves it, before Four Eyes first opens it: a
 * copy of one made by `openPglite` once and kept in the temporary directory (named by PGlite's
 * version), since initdb takes seconds. Opening it runs Four Eyes' migrations, as on a new store.
 */
export async function initdbPgliteDirectory(dir: string): Promise<void> {
  const template = join(tmpdir(), `four-eyes-pglite-initdb-${pgliteVersion()}-small-buffers`);
  if (!existsSync(template)) {
    const partial = `${template}.${process.pid}`;
    const db = await openPglite(partial);
    await db.query(SMALL_BUFFERS);
    await db.close();
    // Another run may have made it meanwhile: theirs is as good.
    if (existsSync(template)) rmSync(partial, { recursive: true, force: true });
    else renameSync(partial, template);
  }
  copyStore(template, dir);
}

/**
 * Makes `dir` a copy of a migrated store that `fill` filled, kept in the temporary directory between
 * runs (named by PGlite's version, the migrations and `fillKey`, which must change whenever what
 * `fill` writes does): a large fill is paid once, not on every run. The store is built in a
 * directory of its own and renamed into place, so runs side by side never see half of one.
 */
export async function filledPgliteDirectory(
  dir: string,
  fillKey: string,
  fill: (audit: SqlAuditServices) => Promise<void>,
): Promise<void> {
  const key = createHash('sha256')
    .update(pgliteVersion())
    .update(SMALL_BUFFERS)
    .update(JSON.stringify(MIGRATIONS))
    .update(fillKey)
    .digest('hex')
    .slice(0, 16);
  const kept = join(tmpdir(), `four-eyes-pglite-filled-${key}`);
  if (!existsSync(kept)) {
    const partial = `${kept}.${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    await initdbPgliteDirectory(partial);
    const audit = await auditServices(await openPglite(partial));
    await fill(audit);
    await audit.close();
    // Another run may have kept one meanwhile: theirs is as good.
    try {
      renameSync(partial, kept);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(kept)) throw error;
    }
  }
  copyStore(kept, dir);
}

/**
 * Copies a kept store into `dir` with cp: Node's cpSync took about twice as long for a store of a
 * thousand files (39 MB: 0.24 s against 0.10 s), and its copies took longer to delete.
 */
function copyStore(kept: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('cp', ['-R', `${kept}/.`, dir]);
}

let serverReady: Promise<string> | null = null;

/**
 * The test server (test/globalSetup.ts), once it accepts connections: it starts while the first
 * test files load, and says so with a file in the scratch directory, looked for every 10 ms.
 */
function postgresUrl(): Promise<string> {
  serverReady ??= (async () => {
    const scratch = inject('scratchDirectory');
    for (;;) {
      if (existsSync(join(scratch, POSTGRES_READY))) return inject('postgresUrl');
      if (existsSync(join(scratch, POSTGRES_FAILED)))
        throw new Error(`the tests' PostgreSQL did not start: ${readFileSync(join(scratch, POSTGRES_FAILED), 'utf8')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return serverReady;
}

const postgresByName = new Map<string, Promise<SqlAuditServices>>();

/** A database of its own on the test server (created on first use), emptied. */
export async function freshPostgresAudit(name: string): Promise<SqlAuditServices> {
  if (!postgresByName.has(name))
    postgresByName.set(
      name,
      createDatabase(name)
        .then((url) => openPostgres(url))
        .then(auditServices),
    );
  const services = await postgresByName.get(name)!;
  await emptyTables(services.db);
  return services;
}

/** A connection string to a database of its own, created on the test server. */
export async function createDatabase(name: string): Promise<string> {
  const admin = await openPostgres(await postgresUrl(), 1);
  const database = `four_eyes_${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  // FILE_COPY (PostgreSQL 15 and later) copies the template's files: half the server's CPU of the
  // default, WAL_LOG, which also writes them all to the WAL (the server runs without fsync).
  const [version] = await admin.query<{ server_version_num: string }>('SHOW server_version_num');
  const strategy = Number(version!.server_version_num) >= 150_000 ? ' STRATEGY FILE_COPY' : '';
  await admin.query(`CREATE DATABASE ${database}${strategy}`);
  await admin.close();
  const url = new URL(await postgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** DELETE, not TRUNCATE: on tables this small it is several times faster (PGlite: 8 ms against 48). */
async function emptyTables(db: Database): Promise<void> {
  await db.transaction(async (sql) => {
    for (const table of [
      'audit_records',
      'webhook_deliveries',
      'outbox',
      'tracking_issues',
      'app_instances',
      'evaluation_retries',
      'check_runs',
    ])
      await sql.query(`DELETE FROM ${table}`);
  });
}

/** Raw access to a store's tables, as someone with the database (or the memory) has it: to tamper, or to plant a row. */
interface RawTables {
  deleteRecord(seq: number): Promise<void>;
  insertRecord(row: StoredRecord): Promise<void>;
  insertPost(row: Omit<OutboxRow, 'id'>): Promise<void>;
}

export interface StoreBackend {
  name: string;
  open(): Promise<{ audit: AuditServices; raw: RawTables }>;
}

function sqlTables(db: Database): RawTables {
  return {
    async deleteRecord(seq) {
      await db.query('DELETE FROM audit_records WHERE seq = $1', [seq]);
    },
    async insertRecord(r) {
      await db.query(
        'INSERT INTO audit_records (seq, kind, recorded_at, repository, pull_request, delivery_id, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [r.seq, r.kind, r.recordedAt, r.repository, r.pullRequest, r.deliveryId, r.body, r.prevHash, r.hash],
      );
    },
    async insertPost(r) {
      await db.query(
        'INSERT INTO outbox (delivery_id, repository, pull_request, decision_seq, action, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())',
        [r.delivery_id, r.repository, r.pull_request, r.decision_seq, r.action, r.payload],
      );
    },
  };
}

function memoryTables(audit: MemoryAudit): RawTables {
  return {
    async deleteRecord(seq) {
      const at = audit.records.rows.findIndex((row) => row.seq === seq);
      if (at >= 0) audit.records.rows.splice(at, 1);
    },
    async insertRecord(row) {
      audit.records.rows.push(row);
    },
    async insertPost(row) {
      audit.outbox.rows.push({ ...row, id: 1000 + audit.outbox.rows.length, done: false });
    },
  };
}

/** The backends every store contract test runs on: the in-memory store must do what the SQL ones do. */
export const STORE_BACKENDS: StoreBackend[] = [
  {
    name: 'memory',
    open: async () => {
      const audit = freshMemoryAudit();
      return { audit, raw: memoryTables(audit) };
    },
  },
  {
    name: 'PGlite',
    open: async () => {
      const audit = await freshPgliteAudit();
      return { audit, raw: sqlTables(audit.db) };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const audit = await freshPostgresAudit('store');
      return { audit, raw: sqlTables(audit.db) };
    },
  },
];
