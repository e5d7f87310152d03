import { request as httpRequest } from 'node:http';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AuditServices } from '../../src/audit/services.js';
import { AppOperations } from '../../src/github/operations.js';
import { freshMemoryAudit, freshPgliteAudit } from '../support/auditDatabase.js';
import { appServer } from '../support/servedApp.js';

const serveApp = appServer();

/** The app behind Probot's own HTTP server, as `npm start` serves it; its base URL. */
function serve(audit: AuditServices, operations = new AppOperations()): Promise<string> {
  return serveApp({ audit, operations }, pino({ level: 'silent' }));
}

/** One request on a connection of its own (servers of earlier tests may have had this port). */
function request(url: string, method = 'GET', headers: Record<string, string> = {}, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? null, text }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

interface Answer {
  status: number;
  type: string | null;
  text: string;
}

const get = (url: string) => request(url);

describe('GET /healthz, /readyz, /metrics', () => {
  it('answer on a ready app: the process is up, the store ready, the metrics in Prometheus text', async () => {
    const base = await serve(freshMemoryAudit());
    expect(await get(`${base}/healthz`)).toMatchObject({ status: 200, text: 'ok\n' });
    expect(await get(`${base}/readyz`)).toMatchObject({ status: 200, text: 'ready\n' });
    const metrics = await get(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'four_eyes_evaluations_total',
      'four_eyes_evaluation_duration_seconds',
      'four_eyes_github_requests_total',
      'four_eyes_github_rate_limit_remaining',
      'four_eyes_deliveries_total',
    ])
      expect(metrics.text).toContain(`# TYPE ${name} `);
    expect(metrics.text).toContain('four_eyes_outbox_backlog 0');
    expect(metrics.text).toContain('four_eyes_audit_records 0');
  });

  it('other paths and methods are left to Probot (404), the webhook path still its own', async () => {
    const base = await serve(freshMemoryAudit());
    expect((await get(`${base}/readyz/x`)).status).toBe(404);
    expect((await request(`${base}/healthz`, 'POST')).status).toBe(404);
    const unsigned = await request(`${base}/api/github/webhooks`, 'POST', { 'content-type': 'application/json' }, '{}');
    expect(unsigned.status).toBe(400);
  });

  it('readyz on a database with every migration applied: 200', async () => {
    const base = await serve(await freshPgliteAudit());
    expect(await get(`${base}/readyz`)).toMatchObject({ status: 200 });
  });

  it('readyz when a migration is missing: 503, naming it', async () => {
    const audit = await freshPgliteAudit();
    const base = await serve(audit);
    await audit.db.query('DELETE FROM four_eyes_migrations WHERE version = 4');
    const ready = await get(`${base}/readyz`);
    // the store is shared by this file's tests: put the row back before asserting
    await audit.db.query("INSERT INTO four_eyes_migrations (version, description) VALUES (4, 'restored')");
    expect(ready).toEqual({
      status: 503,
      type: 'text/plain; charset=utf-8',
      text: 'not ready: the audit store lacks migrations 4 (restart to apply them)\n',
    });
    expect((await get(`${base}/healthz`)).status).toBe(200);
  });

  it('readyz and metrics when the store does not answer: 503, healthz still 200', async () => {
    const audit = freshMemoryAudit();
    const base = await serve(audit);
    const down = () => Promise.reject(new Error('connection refused'));
    audit.outbox.backlog = down;
    audit.records.count = down;
    expect(await get(`${base}/readyz`)).toMatchObject({
      status: 503,
      text: 'not ready: the audit store does not answer: connection refused\n',
    });
    expect(await get(`${base}/metrics`)).toMatchObject({ status: 503 });
    expect((await get(`${base}/healthz`)).status).toBe(200);
  });

  it('readyz once shutting down: 503, so the orchestrator sends no more', async () => {
    const operations = new AppOperations();
    const base = await serve(freshMemoryAudit(), operations);
    operations.intake.close();
    expect(await get(`${base}/readyz`)).toMatchObject({ status: 503, text: 'not ready: shutting down\n' });
  });
});
