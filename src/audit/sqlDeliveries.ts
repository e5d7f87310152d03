import type { Database } from './database.js';
import {
  type Claimant,
  type DeliveryClaim,
  type DeliveryJob,
  type DeliveryLedger,
  deliveryJob,
  type OrphanedDelivery,
} from './deliveries.js';

/** An owner counts as alive while its heartbeat is at least `$stale` (its row in app_instances, see sqlInstances.ts). */
const OWNER_DEAD = (row: string, stale: string) =>
  `${row}.owner IS NOT NULL AND NOT EXISTS (SELECT 1 FROM app_instances i WHERE i.instance_id = ${row}.owner AND i.heartbeat_at >= ${stale})`;

/** The delivery ledger in a SQL table: a delivery is claimed by inserting its id, so replicas race fairly. */
export class SqlDeliveryLedger implements DeliveryLedger {
  constructor(
    readonly db: Database,
    readonly leaseMs = 5 * 60_000,
  ) {}

  async claim(
    deliveryId: string,
    event: string,
    now: Date,
    claimant?: Claimant & { job: DeliveryJob | null },
  ): Promise<DeliveryClaim> {
    const until = new Date(now.getTime() + this.leaseMs).toISOString();
    // Without a claimant (no heartbeats known), only an owner with no heartbeat at all is dead.
    const staleBefore = (claimant?.staleBefore ?? new Date(0)).toISOString();
    const job = claimant?.job ? JSON.stringify(claimant.job) : null;
    const claimed = await this.db.query(
      `INSERT INTO webhook_deliveries (delivery_id, event, state, lease_until, received_at, owner, job) VALUES ($1, $2, 'processing', $3, $4, $5, $6)
       ON CONFLICT (delivery_id) DO UPDATE SET lease_until = EXCLUDED.lease_until, owner = EXCLUDED.owner, job = COALESCE(EXCLUDED.job, webhook_deliveries.job)
       WHERE webhook_deliveries.state = 'processing' AND (webhook_deliveries.lease_until <= $4 OR (${OWNER_DEAD('webhook_deliveries', '$7')}))
       RETURNING delivery_id`,
      [deliveryId, event, until, now.toISOString(), claimant?.owner ?? null, job, staleBefore],
    );
    if (claimed.length > 0) return 'claimed';
    const [row] = await this.db.query<{ state: string }>(
      'SELECT state FROM webhook_deliveries WHERE delivery_id = $1',
      [deliveryId],
    );
    return row?.state === 'done' ? 'done' : 'busy';
  }

  async finish(deliveryId: string, now: Date): Promise<void> {
    await this.db.query("UPDATE webhook_deliveries SET state = 'done', finished_at = $2 WHERE delivery_id = $1", [
      deliveryId,
      now.toISOString(),
    ]);
  }

  async release(deliveryId: string, now: Date): Promise<void> {
    await this.db.query(
      "UPDATE webhook_deliveries SET lease_until = $2, owner = NULL WHERE delivery_id = $1 AND state = 'processing'",
      [deliveryId, now.toISOString()],
    );
  }

  async takeOver(claimant: Claimant, now: Date, limit: number): Promise<OrphanedDelivery[]> {
    // The dead owners first, then their rows locked by owner: a row another process takes over
    // meanwhile has a live owner when it is locked, so it is skipped. (A heartbeat test joined into
    // the locking query would be checked against the row as first read, and claim it twice.)
    const dead = await this.db.query<{ owner: string }>(
      `SELECT DISTINCT w.owner FROM webhook_deliveries w WHERE w.state = 'processing' AND w.job IS NOT NULL AND w.owner <> $1 AND ${OWNER_DEAD('w', '$2')}`,
      [claimant.owner, claimant.staleBefore.toISOString()],
    );
    if (dead.length === 0) return [];
    const until = new Date(now.getTime() + this.leaseMs).toISOString();
    const rows = await this.db.query<{ delivery_id: string; event: string; job: string; received_at: Date | string }>(
      `WITH orphans AS MATERIALIZED (
         SELECT w.delivery_id FROM webhook_deliveries w
         WHERE w.state = 'processing' AND w.job IS NOT NULL AND w.owner = ANY($2::text[])
         ORDER BY w.received_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries d SET owner = $1, lease_until = $3 FROM orphans
       WHERE d.delivery_id = orphans.delivery_id
       RETURNING d.delivery_id, d.event, d.job, d.received_at`,
      [claimant.owner, dead.map((row) => row.owner), until, limit],
    );
    // RETURNING keeps no order: oldest first, as picked.
    return rows
      .sort((a, b) => new Date(a.received_at).getTime() - new Date(b.received_at).getTime())
      .map((row) => ({ deliveryId: row.delivery_id, event: row.event, job: deliveryJob(row.delivery_id, row.job) }));
  }
}
