import { request as httpRequest } from 'node:http';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AuditServices } from '../../src/audit/services.js';
import { freshMemoryAudit, freshPgliteAudit } from '../support/auditDatabase.js';
import { appServer } from '../support/servedApp.js';
import { FakeSignIn, signedInAs } from './fakeSignIn.js';

const serveApp = appServer();

const signIn = new FakeSignIn({ auditor: FakeSignIn.viewer('auditor', ['acme/infra']) });

/** The app behind Probot's own server, as `npm start` serves it, with or without the console. */
async function serve(audit: AuditServices, withConsole: boolean): Promise<{ url: string; warnings: string[] }> {
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg as string) });
  const url = await serveApp(
    { audit, ...(withConsole ? { console: { signIn, baseUrl: 'https://api.github.com' } } : {}) },
    log,
  );
  return { url, warnings };
}

/** One request on a connection of its own (servers of earlier tests may have had this port): its status. */
function status(url: string, who?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { agent: false, headers: who ? signedInAs(who) : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe("the auditors' console in the app", () => {
  it('is served under /four-eyes/ when a sign-in is given, and the webhooks route is left alone', async () => {
    const { url } = await serve(await freshPgliteAudit(), true);
    expect(await status(`${url}/four-eyes/decisions`)).toBe(401);
    expect(await status(`${url}/four-eyes/decisions`, 'auditor')).toBe(200);
    expect(await status(`${url}/api/github/webhooks`)).not.toBe(401);
  });

  it('is not there without a sign-in', async () => {
    const { url } = await serve(await freshPgliteAudit(), false);
    expect(await status(`${url}/four-eyes/decisions`, 'auditor')).toBe(404);
  });

  it('is off, saying why, on a store that cannot serve it', async () => {
    const { url, warnings } = await serve(freshMemoryAudit(), true);
    expect(await status(`${url}/four-eyes/decisions`, 'auditor')).toBe(404);
    expect(warnings.join('\n')).toContain(
      "the auditors' console is off: the audit store (memory) cannot serve the console",
    );
  });
});
