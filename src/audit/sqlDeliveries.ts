import type { Database } from './database.js';
import type { DeliveryClaim, DeliveryLedger } from './deliveries.js';

/** The delivery ledger in a SQL table: a delivery is claimed by inserting its id, so replicas race fairly. */
export class SqlDeliveryLedger implements DeliveryLedger {
  constructor(readonly db: Database, readonly leaseMs = 5 * 60_000) {}

  async claim(deliveryId: string, event: string, now: Date): Promise<DeliveryClaim> {
    const until = new Date(now.getTime() + this.leaseMs).toISOString();
    const claimed = await this.db.query(
      `INSERT INTO webhook_deliveries (delivery_id, event, state, lease_until, received_at) VALUES ($1, $2, 'processing', $3, $4)
       ON CONFLICT (delivery_id) DO UPDATE SET lease_until = EXCLUDED.lease_until
       WHERE webhook_deliveries.state = 'processing' AND webhook_deliveries.lease_until <= $4
       RETURNING delivery_id`,
      [deliveryId, event, until, now.toISOString()],
    );
    if (claimed.length > 0) return 'claimed';
    const [row] = await this.db.query<{ state: string }>('SELECT state FROM webhook_deliveries WHERE delivery_id = $1', [deliveryId]);
    return row?.state === 'done' ? 'done' : 'busy';
  }

  async finish(deliveryId: string, now: Date): Promise<void> {
    await this.db.query("UPDATE webhook_deliveries SET state = 'done', finished_at = $2 WHERE delivery_id = $1", [deliveryId, now.toISOString()]);
  }

  /** The work failed: let a re-delivery try at once instead of waiting for the lease. */
  async release(deliveryId: string, now: Date): Promise<void> {
    await this.db.query("UPDATE webhook_deliveries SET lease_until = $2 WHERE delivery_id = $1 AND state = 'processing'", [deliveryId, now.toISOString()]);
  }
}
