import type { Logger } from 'probot';
import { storeReadiness } from '../audit/readiness.js';
import type { AuditServices } from '../audit/services.js';
import { DeliveryIntake } from './deliveryIntake.js';
import { AppMetrics } from './metrics.js';
import { operationsHandler } from './operationsRoutes.js';
import type { OrphanSweep } from './orphanSweep.js';
import type { Recovery } from './recovery.js';

/** What the app runs once loaded: the parts a shutdown stops, in order. */
export interface RunningApp {
  audit: AuditServices;
  recovery: Recovery;
  sweep: OrphanSweep;
  log: Logger;
}

/** Something that stops taking HTTP requests and resolves once those under way are answered (Probot's Server). */
export interface StoppableServer {
  stop(): Promise<void>;
}

/**
 * What operators see and do: the probes and metrics routes, the deliveries in flight, and the
 * clean shutdown. Made before the app (its metrics go to the Octokit class too), attached by it.
 */
export class AppOperations {
  readonly metrics = new AppMetrics();
  readonly intake = new DeliveryIntake();
  #app: RunningApp | null = null;

  attach(app: RunningApp): void {
    this.#app = app;
    this.metrics.watch(app.audit);
  }

  /** The Probot handler for /healthz, /readyz and /metrics. */
  handler() {
    return operationsHandler({
      metrics: this.metrics,
      readiness: async () => {
        if (!this.intake.open) return { ready: false, reason: 'shutting down' };
        if (!this.#app) return { ready: false, reason: 'the app is not loaded yet' };
        return storeReadiness(this.#app.audit);
      },
    });
  }

  /**
   * SIGTERM: take no more deliveries, stop listening and let those in flight finish, stop the
   * background work, make the posts still pending, close the store. Never throws: what fails is
   * logged, and what is left is the next process's (the outbox and the delivery ledger keep it).
   */
  async shutdown(server: StoppableServer): Promise<void> {
    const app = this.#app;
    this.intake.close();
    app?.log.info(`four-eyes: shutting down; finishing ${this.intake.inFlight} deliveries in flight`);
    await Promise.all([
      server.stop().catch((error: unknown) => app?.log.warn({ err: error }, 'four-eyes: stopping the server failed')),
      this.intake.drained(),
    ]);
    if (!app) return;
    const step = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        app.log.error({ err: error }, `four-eyes: ${what} failed during shutdown`);
      }
    };
    app.sweep.stop();
    await step('stopping the background work', () => app.recovery.stop());
    await step('flushing the outbox', async () => {
      const report = await app.sweep.flushOutbox();
      const left = await app.audit.outbox.backlog();
      app.log.info({ ...report, left }, 'four-eyes: outbox flushed');
    });
    await step('closing the audit store', () => app.audit.close());
    app.log.info('four-eyes: stopped');
  }
}

/** On SIGTERM (what orchestrators send before killing), shut down cleanly, then exit 0. */
export function stopOnSigterm(operations: AppOperations, server: StoppableServer, exit = process.exit): void {
  process.once('SIGTERM', () => {
    void operations.shutdown(server).then(() => exit(0));
  });
}
