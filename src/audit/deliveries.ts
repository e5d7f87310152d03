export type DeliveryClaim = 'claimed' | 'done' | 'busy';

/**
 * Webhook deliveries processed once, also when several replicas receive the same one: the first
 * to claim the delivery id owns it for a lease. A delivery whose owner crashed (lease run out)
 * or failed (lease released) can be claimed again, which is how a re-delivery finishes the work.
 */
export interface DeliveryLedger {
  readonly leaseMs: number;
  claim(deliveryId: string, event: string, now: Date): Promise<DeliveryClaim>;
  finish(deliveryId: string, now: Date): Promise<void>;
  /** The work failed: let a re-delivery try at once instead of waiting for the lease. */
  release(deliveryId: string, now: Date): Promise<void>;
}
