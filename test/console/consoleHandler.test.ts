import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlAuditServices } from '../../src/audit/services.js';
import { freshPgliteAudit } from '../support/auditDatabase.js';
import { type ConsoleServer, serveConsole } from './consoleServer.js';
import { FakeSignIn, signedInAs } from './fakeSignIn.js';
import { HOSTILE, SHA_7, seedConsole } from './seed.js';

const NOW = new Date('2026-11-26T12:00:00Z');

const signIn = new FakeSignIn({
  auditor: FakeSignIn.viewer('auditor', ['acme/infra', 'acme/network']),
  everything: FakeSignIn.viewer('everything', [
    'acme/infra',
    'acme/network',
    'other/secret',
    `acme/${HOSTILE}`.toLowerCase(),
  ]),
  outsider: { kind: 'forbidden', login: 'outsider', reason: 'not a member of acme/auditors nor an owner of acme' },
});

let audit: SqlAuditServices;
const issuesRead: { repository: string; number: number; installationId: number }[] = [];
let console_: ConsoleServer;

beforeAll(async () => {
  audit = await freshPgliteAudit();
  await seedConsole(audit, { hostile: true });
  console_ = await serveConsole(audit, signIn, {
    baseUrl: 'https://ghe.example.com/api/v3',
    now: () => NOW,
    issueState: async (issue) => {
      issuesRead.push(issue);
      return 'closed';
    },
  });
});
afterAll(() => console_.close());

async function get(path: string, who?: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(console_.url + path, { headers: who ? signedInAs(who) : {}, redirect: 'manual' });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function post(path: string, who: string, form: Record<string, string>) {
  const response = await fetch(console_.url + path, {
    method: 'POST',
    headers: { ...signedInAs(who), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text(), location: response.headers.get('location') };
}

const PAGES = [
  '/four-eyes/decisions',
  '/four-eyes/records/1',
  '/four-eyes/exceptions',
  '/four-eyes/break-glass',
  '/four-eyes/integrity',
  '/four-eyes/export.csv',
  '/four-eyes/export.jsonl',
];

describe("the auditors' console: who may see what", () => {
  it.each(PAGES)(
    '%s: 401 with a sign-in link for nobody, 403 with the reason for someone not allowed, 200 for an auditor',
    async (path) => {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.text).toContain('href="/four-eyes/sign-in"');
      const outsider = await get(path, 'outsider');
      expect(outsider.status).toBe(403);
      expect(outsider.text).toContain('not a member of acme/auditors nor an owner of acme');
      expect((await get(path, 'auditor')).status).toBe(200);
    },
  );

  it('gives its own routes to the sign-in first, and leaves every path outside /four-eyes/ to the next handler', async () => {
    const signInPage = await get('/four-eyes/sign-in?as=auditor');
    expect(signInPage.status).toBe(303);
    expect(signIn.handled).toContain('sign-in');
    expect((await get('/four-eyes-not/decisions', 'auditor')).text).toBe('not the console\n');
    expect((await get('/healthz')).text).toBe('not the console\n');
    expect((await get('/four-eyes/style.css')).headers.get('content-type')).toContain('text/css');
  });

  it('answers an unknown page with 404, and the root with the decisions', async () => {
    expect((await get('/four-eyes/nothing', 'auditor')).status).toBe(404);
    expect((await get('/four-eyes/records/abc', 'auditor')).status).toBe(404);
    const root = await get('/four-eyes/', 'auditor');
    expect([root.status, root.headers.get('location')]).toEqual([303, '/four-eyes/decisions']);
  });

  it('never shows a record of a repository the viewer cannot read: not listed, not exported, not counted, its page not found', async () => {
    const list = await get('/four-eyes/decisions', 'auditor');
    expect(list.text).toContain('acme/infra');
    expect(list.text).not.toContain('other/secret');
    expect(list.text).toContain('8 records match');
    expect((await get('/four-eyes/records/10', 'auditor')).status).toBe(404);
    expect((await get('/four-eyes/records/10', 'everything')).status).toBe(200);
    for (const path of [
      '/four-eyes/export.csv',
      '/four-eyes/export.jsonl',
      '/four-eyes/exceptions',
      '/four-eyes/break-glass',
    ]) {
      const page = await get(path, 'auditor');
      expect(page.text, path).not.toContain('secret');
      expect(page.text, path).not.toContain('mallory');
    }
    expect((await get('/four-eyes/decisions?repository=other/secret', 'auditor')).text).toContain('0 records match');
    // A record of another kind, and one tied to a visible decision, stay out of reach the same way.
    expect((await get('/four-eyes/records/12', 'auditor')).status).toBe(404);
  });

  it('treats a viewer who may read no repository as seeing nothing', async () => {
    const nobody = new FakeSignIn({ empty: FakeSignIn.viewer('empty', []) });
    const server = await serveConsole(audit, nobody, { now: () => NOW });
    const response = await fetch(`${server.url}/four-eyes/decisions`, { headers: signedInAs('empty') });
    expect(await response.text()).toContain('0 records match');
    await server.close();
  });
});

describe("the auditors' console: pages", () => {
  it("shows a decision's findings linked to their files at the head SHA on the configured GitHub, requirements, approvals not counted, and the anchor", async () => {
    const { text } = await get('/four-eyes/records/1', 'auditor');
    expect(text).toContain(`href="https://ghe.example.com/acme/infra/blob/${SHA_7}/modules/iam/main.tf#L12"`);
    expect(text).toContain('grants administrator access');
    expect(text).toContain('<h2>Requirements</h2>');
    expect(text).toContain('<h2>Approvals not counted</h2>');
    expect(text).toMatch(/<th scope="row">alice<\/th><td>[^<]*author/);
    const [row] = await audit.db.query<{ hash: string }>('SELECT hash FROM audit_records WHERE seq = 1');
    expect(text).toContain(`four-eyes audit verify --expect 1:${row!.hash}`);
    // its check run, and the approval refused because its reviewer pushed
    expect(text).toContain('href="/four-eyes/records/2"');
    expect(text).toContain('href="/four-eyes/records/3"');
  });

  it('lists the exceptions in force with their uses, highlighting one that expires within 14 days', async () => {
    const { text } = await get('/four-eyes/exceptions', 'auditor');
    expect(text).toMatch(
      /<tr class="soon"><th scope="row">staging-tags<\/th><td>acme\/infra<\/td><td>platform-leads<\/td><td>2026-12-01/,
    );
    expect(text).toContain('<td class="num">1</td>');
  });

  it('lists break-glass uses with their follow-up review issue and whether GitHub says it is closed', async () => {
    const { text } = await get('/four-eyes/break-glass', 'auditor');
    expect(text).toContain('outage: restore routing');
    expect(text).toContain(
      'href="https://github.com/acme/network/issues/41">acme/network/issues/41</a> <span class="success">closed</span>',
    );
    expect(issuesRead).toContainEqual({ repository: 'acme/network', number: 41, installationId: 31 });
  });

  it.each([
    ['kind=break-glass', ['#7']],
    ['kind=exception', ['#5']],
    ['repository=ACME/network', ['#6', '#7']],
    ['pr=8&repository=acme/infra', ['#4', '#5', '#8', '#9']],
    [`sha=${SHA_7.slice(0, 10)}`, ['#1', '#3']],
    ['tier=critical&kind=decision', ['#1', '#4', '#6']],
    ['conclusion=success&kind=decision', ['#4', '#6']],
    ['actor=DANA', ['#6', '#7']],
    ['actor=erin', ['#9']],
    ['from=2026-11-22&to=2026-11-23', ['#6', '#7', '#8']],
  ])('filters by %s', async (filter, seqs) => {
    const { text } = await get(`/four-eyes/decisions?${filter}`, 'auditor');
    const shown = [...text.matchAll(/<a href="\/four-eyes\/records\/\d+">(#\d+)<\/a><\/th>/g)].map((m) => m[1]);
    expect(shown.sort()).toEqual(seqs.sort());
  });

  it('refuses filters it does not understand with 400, naming each, rather than list everything', async () => {
    const { status, text } = await get('/four-eyes/decisions?pr=abc&sha=xyz&tier=huge&from=2026-13-01', 'auditor');
    expect(status).toBe(400);
    for (const field of ['Pull request', 'Head SHA', 'Tier', 'From']) expect(text).toContain(field);
    expect(text).not.toContain('records match');
    expect((await get('/four-eyes/export.csv?kind=push', 'auditor')).status).toBe(400);
  });

  it('labels every filter input and gives every table header a scope', async () => {
    const { text } = await get('/four-eyes/decisions', 'auditor');
    const inputs = [...text.matchAll(/<(input|select)\b[^>]*>/g)].filter((m) => !m[0].includes('type="hidden"'));
    const labelled = [...text.matchAll(/<label>[^<]*<(input|select)\b/g)];
    expect(inputs.length).toBe(9);
    expect(labelled.length).toBe(inputs.length);
    expect([...text.matchAll(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/g)]).toEqual([]);
    expect(text).toContain('<a class="skip" href="#main">');
  });
});

describe("the auditors' console: hostile values", () => {
  it('escapes repository names, logins, titles and finding messages everywhere they are shown', async () => {
    for (const path of ['/four-eyes/decisions', '/four-eyes/records/13', '/four-eyes/decisions?kind=decision']) {
      const { status, text } = await get(path, 'everything');
      expect(status, path).toBe(200);
      expect(text, path).not.toContain('<script>');
      expect(text, path).not.toContain('<img src=x');
      expect(text, path).toContain('&lt;script&gt;');
    }
    const { headers } = await get('/four-eyes/decisions', 'everything');
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('exports CSV with formulas defused and quotes doubled, and JSON Lines that parse back', async () => {
    const csv = (await get('/four-eyes/export.csv?kind=decision', 'everything')).text;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'seq,kind,recorded_at,repository,pull_request,head_sha,actor,conclusion,tier,detail,check_run_id,delivery_id,hash',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""`);
    const jsonl = (await get('/four-eyes/export.jsonl?kind=decision', 'everything')).text;
    const rows = jsonl
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; repository: string });
    expect(rows.map((r) => r.seq)).toEqual([13, 10, 6, 4, 1]);
    expect(rows[0]!.repository).toBe(`acme/${HOSTILE}`);
  });
});

describe("the auditors' console: integrity", () => {
  it('verifies the chain on a POST carrying the viewer’s CSRF token, and shows the outcome with the latest anchor', async () => {
    expect((await post('/four-eyes/integrity', 'auditor', {})).status).toBe(403);
    expect((await post('/four-eyes/integrity', 'auditor', { csrf: 'csrf-of-everything' })).status).toBe(403);
    const accepted = await post('/four-eyes/integrity', 'auditor', { csrf: 'csrf-of-auditor' });
    expect([accepted.status, accepted.location]).toEqual([303, '/four-eyes/integrity']);
    let text = '';
    for (let i = 0; i < 100 && !text.includes('Intact'); i++) {
      text = (await get('/four-eyes/integrity', 'auditor')).text;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(text).toContain('Intact: 13 records, head #13');
    const [head] = await audit.db.query<{ hash: string }>('SELECT hash FROM audit_records WHERE seq = 13');
    expect(text).toContain(`four-eyes audit verify --expect 13:${head!.hash}`);
  });
});
