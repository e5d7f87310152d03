import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StoreReadiness } from '../audit/readiness.js';
import type { AppMetrics } from './metrics.js';

export interface OperationsProbes {
  /** the store's readiness, and whether the process still takes deliveries */
  readiness(): Promise<StoreReadiness>;
  metrics: AppMetrics;
}

/**
 * `GET /healthz` (the process answers), `GET /readyz` (200 when the store is ready and deliveries
 * are taken, else 503 with the reason) and `GET /metrics` (Prometheus text). A Probot handler:
 * true when it answered, false to leave the request to the next handler.
 */
export function operationsHandler(probes: OperationsProbes) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') answer(res, 200, 'ok\n');
    else if (path === '/readyz') {
      const readiness = await probes.readiness();
      answer(res, readiness.ready ? 200 : 503, readiness.ready ? 'ready\n' : `not ready: ${readiness.reason}\n`);
    } else if (path === '/metrics') {
      try {
        const { contentType, text } = await probes.metrics.exposition();
        answer(res, 200, text, contentType);
      } catch (error) {
        answer(res, 503, `metrics unavailable: ${(error as Error).message}\n`);
      }
    } else return false;
    return true;
  };
}

function answer(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}
