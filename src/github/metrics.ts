import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AuditServices } from '../audit/services.js';
import type { EvaluationResult } from './evaluation.js';

/** What a request to GitHub was, for the requests counter: GraphQL, a REST read or write, or an installation token. */
export type RequestKind = 'graphql' | 'rest-read' | 'rest-write' | 'token';

/** One answer GitHub gave (or none: `status` 'error' when the request got no HTTP answer). */
export interface RequestSeen {
  kind: RequestKind;
  status: number | 'error';
  /** from the answer's `x-ratelimit-*` headers, when it had them */
  rateLimit: { resource: string; remaining: number } | null;
}

/** How a delivery ended: done, claimed but left for a re-delivery or retry, skipped (done or held elsewhere), refused while shutting down. */
export type DeliveryOutcome = 'processed' | 'released' | 'skipped' | 'refused';

/** The store the gauges read at each scrape. */
type WatchedStore = Pick<AuditServices, 'outbox' | 'records'>;

/**
 * The app's Prometheus metrics, in a registry of its own (not prom-client's global one: each app
 * and each test counts alone). Counters are bumped where the things happen; the outbox backlog
 * and the number of audit records are read from the store when scraped.
 */
export class AppMetrics {
  readonly registry = new Registry();
  #store: WatchedStore | null = null;
  readonly #evaluations = new Counter({
    name: 'four_eyes_evaluations_total',
    help: 'Evaluations of pull requests, by the conclusion and tier of the decision (conclusion "failed": no decision)',
    labelNames: ['conclusion', 'tier'] as const,
    registers: [this.registry],
  });
  readonly #evaluationSeconds = new Histogram({
    name: 'four_eyes_evaluation_duration_seconds',
    help: 'Time one evaluation of a pull request took (its lock held), by outcome: decided, skipped or failed',
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180],
    registers: [this.registry],
  });
  readonly #requests = new Counter({
    name: 'four_eyes_github_requests_total',
    help: 'Requests to GitHub, by kind (graphql, rest-read, rest-write, token) and HTTP status ("error": no answer)',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });
  readonly #rateLimitRemaining = new Gauge({
    name: 'four_eyes_github_rate_limit_remaining',
    help: "Requests left in GitHub's rate limit window, by resource (core, graphql, ...), as the latest answer said",
    labelNames: ['resource'] as const,
    registers: [this.registry],
  });
  readonly #deliveries = new Counter({
    name: 'four_eyes_deliveries_total',
    help: 'Webhook deliveries by outcome: processed, released (left for a re-delivery or retry), skipped (done or held elsewhere), refused (shutting down)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    const store = () => this.#store;
    new Gauge({
      name: 'four_eyes_outbox_backlog',
      help: 'Posts to GitHub recorded but not made yet',
      registers: [this.registry],
      async collect() {
        const watched = store();
        if (watched) this.set(await watched.outbox.backlog());
      },
    });
    new Gauge({
      name: 'four_eyes_audit_records',
      help: 'Records in the audit chain',
      registers: [this.registry],
      async collect() {
        const watched = store();
        if (watched) this.set(await watched.records.count());
      },
    });
  }

  /** The store whose backlog and records the gauges report. */
  watch(store: WatchedStore): void {
    this.#store = store;
  }

  /** Node's own metrics (memory, CPU, event loop): for the server process, not for each test's app. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  evaluated(result: EvaluationResult, seconds: number): void {
    this.#evaluationSeconds.observe({ outcome: result.kind }, seconds);
    if (result.kind === 'failed') this.#evaluations.inc({ conclusion: 'failed', tier: 'none' });
    else if (result.kind === 'decided' && result.decision)
      this.#evaluations.inc({ conclusion: result.decision.conclusion, tier: result.decision.tier });
  }

  /** Bound: handed to the rate-limit plugin as its observer. */
  readonly requested = (seen: RequestSeen): void => {
    this.#requests.inc({ kind: seen.kind, status: String(seen.status) });
    if (seen.rateLimit) this.#rateLimitRemaining.set({ resource: seen.rateLimit.resource }, seen.rateLimit.remaining);
  };

  delivery(outcome: DeliveryOutcome): void {
    this.#deliveries.inc({ outcome });
  }

  /** The Prometheus text exposition, and its content type. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
