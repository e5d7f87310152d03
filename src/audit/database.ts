/**
 * The one SQL interface the audit store uses, over PGlite (embedded PostgreSQL, one process) or
 * a PostgreSQL server (any number of replicas). Same SQL, same migrations, both.
 */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgresql';
  /** where the data lives, for messages (a directory, or the server without its password) */
  readonly location: string;
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding a lock on `key` that every process on this database respects
   * (a PostgreSQL advisory lock): evaluations of one pull request never overlap.
   */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the audit store lives: a PostgreSQL server when `databaseUrl` is set, else a PGlite directory (read by src/settings.ts). */
export interface StoreLocation {
  databaseUrl: string | null;
  dataDir: string;
}

/** A connection string with its password hidden, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparseable DATABASE_URL';
  }
}
