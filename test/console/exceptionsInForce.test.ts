import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ExceptionInForce } from '../../src/audit/records.js';
import type { SqlAuditServices } from '../../src/audit/services.js';
import { freshPgliteAudit } from '../support/auditDatabase.js';
import { type ConsoleServer, serveConsole } from './consoleServer.js';
import { FakeSignIn, signedInAs } from './fakeSignIn.js';
import { decision, exceptionUse, HOSTILE } from './seed.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const SHA = 'a'.repeat(40);

const inForce = (id: string, expires: string, owner = 'platform-leads'): ExceptionInForce => ({
  id,
  owner,
  expires,
  description: `${id} described`,
  justification: 'why not',
});

/** A decision of the app, judged under a policy with these exceptions (undefined: recorded before decisions carried them). */
function decisionUnder(repository: string, day: number, exceptions: ExceptionInForce[] | undefined): AuditEntry {
  const entry = decision(repository, day, SHA, day);
  if (entry.kind !== 'decision') throw new Error('not a decision');
  return { ...entry, data: { ...entry.data, ...(exceptions ? { exceptionsInForce: exceptions } : {}) } };
}

function use(repository: string, id: string, expires: string, decisionSeq: number, day: number): AuditEntry {
  return {
    kind: 'exception',
    repository,
    pullRequest: day,
    deliveryId: `use-${repository}-${id}-${day}`,
    recordedAt: `2026-11-${String(day).padStart(2, '0')}T11:00:00.000Z`,
    data: { ...exceptionUse(id, expires, 'alice'), decisionSeq, headSha: SHA, tier: 'medium' },
  };
}

const signIn = new FakeSignIn({ auditor: FakeSignIn.viewer('auditor', ['acme/infra', 'acme/network', 'acme/legacy']) });
let audit: SqlAuditServices;
let console_: ConsoleServer;

beforeAll(async () => {
  audit = await freshPgliteAudit();
  await audit.records.append([
    // #1: acme/infra's policy has three exceptions, one with hostile strings; #2, #3: tags used twice
    decisionUnder('acme/infra', 10, [
      inForce('tags', '2026-12-05'),
      inForce('iam-bootstrap', '2027-03-01'),
      { id: HOSTILE, owner: HOSTILE, expires: '2026-11-01', description: HOSTILE, justification: HOSTILE },
    ]),
    use('acme/infra', 'tags', '2026-12-05', 1, 11),
    use('acme/infra', 'tags', '2026-12-05', 1, 12),
    // #4: acme/network first had net-a and net-b, #5: net-b used; #6: then its policy dropped net-b
    decisionUnder('acme/network', 13, [inForce('net-a', '2027-01-31'), inForce('net-b', '2027-01-31')]),
    use('acme/network', 'net-b', '2027-01-31', 4, 14),
    decisionUnder('acme/network', 15, [inForce('net-a', '2027-01-31')]),
    // #7, #8: a repository the auditor may not read
    decisionUnder('other/secret', 16, [inForce('secret-exception', '2027-06-01')]),
    use('other/secret', 'secret-exception', '2027-06-01', 7, 17),
    // #9, #10: a decision recorded before decisions carried their policy's exceptions, and its use
    decisionUnder('acme/legacy', 18, undefined),
    use('acme/legacy', 'legacy-tags', '2027-02-01', 9, 19),
  ]);
  // #11: a decision the command line recorded does not say what the app's policy is
  const cli = decisionUnder('acme/infra', 20, []);
  const { checkName: _name, policyFiles: _files, ...data } = cli.data as unknown as Record<string, unknown>;
  await audit.records.append([{ ...cli, data: { ...data, recordedBy: 'four-eyes evaluate --record' } } as AuditEntry]);
  console_ = await serveConsole(audit, signIn, { now: () => NOW });
}, 180_000);
afterAll(() => console_.close());

async function exceptionsPage(): Promise<{ inForce: string; dropped: string }> {
  const response = await fetch(`${console_.url}/four-eyes/exceptions`, { headers: signedInAs('auditor') });
  expect(response.status).toBe(200);
  const [inForce = '', dropped = ''] = (await response.text()).split('<h2>Used, no longer in the policy</h2>');
  return { inForce, dropped };
}

const row = (id: string, repository: string) =>
  new RegExp(`<tr[^>]*><th scope="row">${id}</th><td>${repository}</td>.*?</tr>`);

describe("the console's exceptions in force", () => {
  it("lists every exception of each repository's latest policy, used or not, with its use count", async () => {
    const { inForce } = await exceptionsPage();
    expect(inForce).toMatch(
      /<tr class="soon"><th scope="row">tags<\/th><td>acme\/infra<\/td><td>platform-leads<\/td><td>2026-12-05 <strong>\(expires within 14 days\)<\/strong><\/td><td class="num">2<\/td><td><a href="\/four-eyes\/records\/3">#3<\/a> by alice<\/td>/,
    );
    expect(inForce).toMatch(
      /<tr><th scope="row">iam-bootstrap<\/th><td>acme\/infra<\/td><td>platform-leads<\/td><td>2027-03-01<\/td><td class="num">0<\/td><td><span class="muted">never used<\/span><\/td>/,
    );
    expect(inForce).toMatch(/<tr><th scope="row">net-a<\/th><td>acme\/network<\/td>.*<td class="num">0<\/td>/);
  });

  it('marks an expired exception of the policy as expired', async () => {
    const { inForce } = await exceptionsPage();
    expect(inForce).toContain('<td>2026-11-01 <strong class="failure">(expired)</strong></td>');
  });

  it('escapes what the policy says of its exceptions', async () => {
    const { inForce } = await exceptionsPage();
    expect(inForce).not.toContain('<script>');
    expect(inForce).not.toContain('<img');
    expect(inForce).toContain('&lt;script&gt;');
  });

  it("no longer lists as in force an exception a later decision's policy dropped; lists it as used before", async () => {
    const { inForce, dropped } = await exceptionsPage();
    expect(inForce).not.toMatch(row('net-b', 'acme/network'));
    expect(dropped).toMatch(row('net-b', 'acme/network'));
    expect(dropped).toMatch(/net-b<\/th><td>acme\/network<\/td>.*<td class="num">1<\/td>/);
  });

  it('lists the exceptions used in a repository whose latest decision predates them, as their latest use described them', async () => {
    const { inForce } = await exceptionsPage();
    expect(inForce).toMatch(
      /legacy-tags<\/th><td>acme\/legacy<\/td>.*<td class="num">1<\/td>.*as its latest use described it/,
    );
  });

  it("ignores the command line's decisions and never shows a repository out of the viewer's reach", async () => {
    const { inForce, dropped } = await exceptionsPage();
    expect(inForce).toMatch(row('iam-bootstrap', 'acme/infra'));
    expect(inForce + dropped).not.toContain('secret');
  });
});
