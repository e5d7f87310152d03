import pg from 'pg';
import { type Database, redactUrl, type Sql } from './database.js';

/** Namespace of Four Eyes' advisory locks, so they never collide with another application's. */
const LOCK_NAMESPACE = 0x4e7e;

/** A PostgreSQL server through a connection pool: what several app replicas share. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Lock holders wait inside PostgreSQL; on a pool of their own they can never starve the queries
  // the lock holder itself needs.
  const lockPool = new pg.Pool({ connectionString: url, max: poolSize * 2 });
  // Fail at start, with the reason, rather than on the first webhook.
  const probe = await pool.connect().catch((error: Error) => {
    throw new Error(`cannot connect to ${redactUrl(url)}: ${error.message}`);
  });
  probe.release();
  return {
    kind: 'postgresql',
    location: redactUrl(url),
    async query<R>(text: string, params: unknown[] = []): Promise<R[]> {
      return (await pool.query(text, params)).rows as R[];
    },
    async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
      const client = await lockPool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, key]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, key]);
        }
      } finally {
        client.release();
      }
    },
    async close(): Promise<void> {
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}
