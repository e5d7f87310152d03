import type { Database } from './database.js';
import { MIGRATIONS } from './migrations.js';
import type { AuditServices } from './services.js';

export type StoreReadiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether the store can serve the app: it answers, and (a database) every migration this Four
 * Eyes knows is applied. What `GET /readyz` reports; never throws.
 */
export async function storeReadiness(audit: Pick<AuditServices, 'db' | 'outbox'>): Promise<StoreReadiness> {
  try {
    await audit.outbox.backlog();
    if (!isDatabase(audit.db)) return { ready: true };
    const rows = await audit.db.query<{ version: number }>('SELECT version FROM four_eyes_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const missing = MIGRATIONS.filter((m) => !applied.has(m.version)).map((m) => m.version);
    if (missing.length)
      return { ready: false, reason: `the audit store lacks migrations ${missing.join(', ')} (restart to apply them)` };
    return { ready: true };
  } catch (error) {
    return { ready: false, reason: `the audit store does not answer: ${(error as Error).message}` };
  }
}

function isDatabase(db: AuditServices['db']): db is Database {
  return db.kind !== 'memory' && 'query' in db;
}
