import { describe, expect, it } from 'vitest';
import type { AuditStore } from '../../src/audit/auditStore.js';
import type { AuditEntry } from '../../src/audit/records.js';
import { ChainCheck } from '../../src/console/chainCheck.js';
import { integrityBody } from '../../src/console/integrityPage.js';
import { page } from '../../src/console/layout.js';
import { freshMemoryAudit } from '../support/auditDatabase.js';

const push = (n: number): AuditEntry => ({
  kind: 'push',
  repository: 'acme/infra',
  pullRequest: null,
  deliveryId: `push-${n}`,
  recordedAt: '2026-11-24T11:00:00.000Z',
  data: { login: 'alice', sha: 'a'.repeat(40), at: '2026-11-24T11:00:00Z', forced: false, branch: 'main' },
});

/** The store, its records read until `pauseAt`, then held until released: a long chain, mid-way. */
function heldAt(store: AuditStore, pauseAt: number): { store: AuditStore; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const wrapper = Object.create(store) as AuditStore;
  wrapper.records = async function* (filter, pageSize) {
    let n = 0;
    for await (const record of store.records(filter, pageSize)) {
      if (++n === pauseAt) await held;
      yield record;
    }
  };
  return { store: wrapper, release };
}

const viewer = { login: 'auditor', repositories: new Set(['acme/infra']), csrfToken: 'token' };

describe("the console's verification of the chain", () => {
  it('reports its progress while it runs, on a page that refreshes itself, then the outcome; asking twice joins the one running', async () => {
    const audit = freshMemoryAudit();
    await audit.records.append(Array.from({ length: 25_000 }, (_, i) => push(i)));
    const { store, release } = heldAt(audit.records, 20_001);
    const check = new ChainCheck(store, () => new Date('2026-11-26T12:00:00Z'));
    expect(check.state.state).toBe('never');
    await check.start('auditor');
    await check.start('someone else');
    await expect.poll(() => (check.state.state === 'running' ? check.state.checked : -1)).toBe(20_000);
    const running = page({ title: 'Integrity', viewer, refreshSeconds: 2 }, integrityBody(null, check.state, viewer));
    expect(running).toContain('<meta http-equiv="refresh" content="2">');
    expect(running).toContain('20,000 of 25,000 records checked');
    expect(running).toContain('<progress max="25000" value="20000">');
    expect(running).not.toContain('Verify the whole chain now');
    release();
    await check.finished();
    const done = integrityBody(null, check.state, viewer).text;
    expect(done).toContain('Intact: 25,000 records, head #25000');
    expect(done).toContain('verified by auditor');
  });

  it('names the first broken link', async () => {
    const audit = freshMemoryAudit();
    await audit.records.append([push(1), push(2), push(3)]);
    audit.records.rows.splice(1, 1);
    const check = new ChainCheck(audit.records, () => new Date());
    await check.start('auditor');
    await check.finished();
    expect(integrityBody(null, check.state, viewer).text).toContain(
      'BROKEN at record #2</strong>: record #2 is missing: deleted (the next stored record is #3)',
    );
  });
});
