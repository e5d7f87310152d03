import type { Database } from './database.js';
import type { InstanceRegistry } from './instances.js';

/** Heartbeats in the app_instances table (migrations.ts, version 3). */
export class SqlInstances implements InstanceRegistry {
  constructor(readonly db: Database) {}

  async heartbeat(instanceId: string, now: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO app_instances (instance_id, started_at, heartbeat_at) VALUES ($1, $2, $2) ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at',
      [instanceId, now.toISOString()],
    );
  }

  async leave(instanceId: string): Promise<void> {
    await this.db.query('DELETE FROM app_instances WHERE instance_id = $1', [instanceId]);
  }

  async forget(before: Date): Promise<void> {
    await this.db.query('DELETE FROM app_instances WHERE heartbeat_at < $1', [before.toISOString()]);
  }
}
