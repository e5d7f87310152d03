/**
 * The app's processes, each with a heartbeat: a claim (on a delivery or a retry) held by a process
 * whose heartbeat stopped is free for another, so a crashed replica's work resumes within seconds
 * instead of after a lease of minutes.
 */
export interface InstanceRegistry {
  /** This process is alive at `now` (the first beat registers it). */
  heartbeat(instanceId: string, now: Date): Promise<void>;
  /** This process stops: its claims are free at once. */
  leave(instanceId: string): Promise<void>;
  /** Forgets processes silent since before `before` (their claims read as dead either way). */
  forget(before: Date): Promise<void>;
}
