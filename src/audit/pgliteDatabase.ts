import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { KeyedSerializer } from '../util/keyedSerializer.js';
import type { Database, Sql } from './database.js';

export interface PgliteDatabase extends Database {
  /** The whole data directory as a tarball: a PGlite started from it skips initdb (seconds). */
  snapshot(): Promise<Blob>;
}

/**
 * PGlite: PostgreSQL compiled to WebAssembly, in a local directory, no server. One process owns
 * the directory, so locks are the process's own; `dataDir` null keeps everything in memory,
 * started from `snapshot` when given.
 */
export async function openPglite(dataDir: string | null, snapshot?: Blob): Promise<PgliteDatabase> {
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const db = dataDir === null ? new PGlite(snapshot ? { loadDataDir: snapshot } : {}) : new PGlite(dataDir);
  await db.waitReady;
  const locks = new KeyedSerializer();
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    async query<R>(text: string, params: unknown[] = []): Promise<R[]> {
      return (await db.query<R>(text, params)).rows;
    },
    transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      return db.transaction(async (tx) =>
        work({ query: async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows }),
      );
    },
    withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
      return locks.run(key, work);
    },
    async snapshot(): Promise<Blob> {
      return db.dumpDataDir('none');
    },
    async close(): Promise<void> {
      await db.close();
    },
  };
}
