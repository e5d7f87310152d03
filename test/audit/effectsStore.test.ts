import { describe, expect, it } from 'vitest';
import type { CheckRunStart } from '../../src/audit/checkRuns.js';
import type { NewOutboxItem } from '../../src/audit/outbox.js';
import { STORE_BACKENDS } from '../support/auditDatabase.js';

/*
 * What the side effects and check runs need from every store (memory, PGlite, PostgreSQL): posts
 * keyed by what they belong to, attempts recorded before posting, the exception log issue's
 * creation recorded before it is asked for, and every started check run tracked until completed.
 */

const T0 = new Date('2026-11-24T12:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const logPost = (n: number, overrides: Partial<NewOutboxItem> = {}): NewOutboxItem =>
  ({
    deliveryId: `delivery-${n}`,
    repository: 'acme/infra',
    pullRequest: 42,
    decisionSeq: n,
    action: 'exception-log',
    payload: { issueNumber: null, body: `comment ${n}` },
    ...overrides,
  }) as NewOutboxItem;

const target = {
  repo: { owner: 'acme', name: 'infra' },
  headSha: 'c'.repeat(40),
  name: 'Separation of duties',
  number: 42,
  detailsUrl: 'https://github.com/acme/infra/pull/42',
};

const run = (overrides: Partial<CheckRunStart> = {}): CheckRunStart => ({
  repository: 'acme/infra',
  repositoryUrl: 'https://github.com/acme/infra',
  pullRequest: 42,
  headSha: 'c'.repeat(40),
  name: 'Separation of duties',
  installationId: 7,
  ...overrides,
});

describe.each(STORE_BACKENDS)('side effects and check runs on $name', ({ open }) => {
  it('a post with an effect key is added once per repository; without a key, always', async () => {
    const { audit } = await open();
    const added = await audit.transaction(async (tx) => [
      await tx.addPost(logPost(1, { effectKey: 'break-glass pr=42 post=log' }), T0),
      await tx.addPost(logPost(2, { effectKey: 'break-glass pr=42 post=log' }), T0),
      await tx.addPost(logPost(3, { effectKey: 'break-glass pr=42 post=log', repository: 'acme/web' }), T0),
      await tx.addPost(logPost(4), T0),
      await tx.addPost(logPost(5), T0),
    ]);
    expect(added).toEqual([true, false, true, true, true]);
    expect(
      await audit.transaction((tx) => tx.addPost(logPost(6, { effectKey: 'break-glass pr=42 post=log' }), T0)),
    ).toBe(false);
    const pending = await audit.outbox.pending('acme/infra', 42);
    expect(pending.map((p) => [p.decisionSeq, p.effectKey ?? null])).toEqual([
      [1, 'break-glass pr=42 post=log'],
      [4, null],
      [5, null],
    ]);
  });

  it('attempts: the first is told nothing came before; later ones when the first began', async () => {
    const { audit } = await open();
    await audit.transaction((tx) => tx.addPost(logPost(1, { installationId: 7 }), T0));
    const [item] = await audit.outbox.pending('acme/infra', 42);
    expect(item).toMatchObject({ installationId: 7 });
    expect(await audit.outbox.attempting(item!.id, later(1))).toBeNull();
    expect(await audit.outbox.attempting(item!.id, later(2))).toEqual(later(1));
    expect(await audit.outbox.attempting(item!.id, later(3))).toEqual(later(1));
  });

  it('a failure report belongs to no decision', async () => {
    const { audit } = await open();
    await audit.transaction((tx) =>
      tx.addPost(
        {
          deliveryId: null,
          repository: 'acme/infra',
          pullRequest: 42,
          decisionSeq: null,
          action: 'failure-report',
          payload: {
            target,
            started: { ...target, id: 1000 },
            output: { title: 'Blocked', summary: 'x', annotations: [] },
          },
        },
        T0,
      ),
    );
    expect(await audit.outbox.pending('acme/infra', 42)).toMatchObject([
      { decisionSeq: null, action: 'failure-report' },
    ]);
  });

  it('stale posts: pull requests with a post pending since the cut-off that an installation can make', async () => {
    const { audit } = await open();
    await audit.transaction(async (tx) => {
      await tx.addPost(logPost(1, { installationId: 7 }), T0);
      await tx.addPost(logPost(2, { installationId: 7, pullRequest: 7 }), later(10));
      await tx.addPost(logPost(3, { pullRequest: 8 }), T0);
    });
    expect(await audit.outbox.stale(later(5), 10)).toEqual([
      { repository: 'acme/infra', pullRequest: 42, installationId: 7 },
    ]);
    const [item] = await audit.outbox.pending('acme/infra', 42);
    await audit.outbox.done(item!.id, 'https://example.com', later(6));
    expect(await audit.outbox.stale(later(20), 10)).toEqual([
      { repository: 'acme/infra', pullRequest: 7, installationId: 7 },
    ]);
  });

  it('the exception log issue: its creation is recorded before it is asked for, and known once set', async () => {
    const { audit } = await open();
    expect(await audit.outbox.creatingTrackingIssue('acme/infra', T0)).toBeNull();
    expect(await audit.outbox.trackingIssue('acme/infra')).toBeNull();
    expect(await audit.outbox.creatingTrackingIssue('acme/infra', later(1))).toEqual(T0);
    await audit.outbox.setTrackingIssue('acme/infra', 900);
    expect(await audit.outbox.trackingIssue('acme/infra')).toBe(900);
    expect(await audit.outbox.creatingTrackingIssue('acme/web', T0)).toBeNull();
  });

  it('check runs: tracked from before the start until completed; a start without an answer stays open without an id', async () => {
    const { audit } = await open();
    const a = await audit.checkRuns.starting(run(), T0);
    const b = await audit.checkRuns.starting(run({ headSha: 'd'.repeat(40) }), later(1));
    await audit.checkRuns.starting(run({ pullRequest: 7 }), T0);
    expect(await audit.checkRuns.started(a, 1000)).toBe(true);
    expect(await audit.checkRuns.started(b, 1000)).toBe(false);
    expect(
      (await audit.checkRuns.open('acme/infra', 42)).map((r) => [
        r.runId,
        r.headSha[0],
        r.installationId,
        r.repositoryUrl,
      ]),
    ).toEqual([
      [1000, 'c', 7, 'https://github.com/acme/infra'],
      [null, 'd', 7, 'https://github.com/acme/infra'],
    ]);
    await audit.checkRuns.completed(1000, 'success', later(2));
    await audit.checkRuns.closed(b, later(2));
    expect(await audit.checkRuns.open('acme/infra', 42)).toEqual([]);
    expect((await audit.checkRuns.open('acme/infra', 7)).map((r) => r.startedAt)).toEqual([T0.toISOString()]);
  });

  it('a run whose completion is pending in the outbox is not open (nobody else completes it) until the post is done', async () => {
    const { audit } = await open();
    await audit.checkRuns.started(await audit.checkRuns.starting(run(), T0), 1000);
    await audit.transaction((tx) =>
      tx.addPost(
        {
          deliveryId: null,
          repository: 'acme/infra',
          pullRequest: 42,
          decisionSeq: null,
          action: 'failure-report',
          payload: {
            target,
            started: { ...target, id: 1000 },
            output: { title: 'Blocked', summary: 'x', annotations: [] },
          },
        },
        T0,
      ),
    );
    expect(await audit.checkRuns.open('acme/infra', 42)).toEqual([]);
    expect(await audit.checkRuns.stale(later(5), 10)).toEqual([]);
    const [report] = await audit.outbox.pending('acme/infra', 42);
    await audit.outbox.done(report!.id, '1000', T0);
    expect((await audit.checkRuns.open('acme/infra', 42)).map((r) => r.runId)).toEqual([1000]);
  });

  it('stale runs: pull requests with a run open since the cut-off and an installation to complete it', async () => {
    const { audit } = await open();
    await audit.checkRuns.starting(run(), T0);
    await audit.checkRuns.starting(run(), later(1));
    await audit.checkRuns.starting(run({ pullRequest: 7 }), later(10));
    await audit.checkRuns.starting(run({ pullRequest: 8, installationId: null }), T0);
    expect(await audit.checkRuns.stale(later(5), 10)).toEqual([
      { repository: 'acme/infra', repositoryUrl: 'https://github.com/acme/infra', pullRequest: 42, installationId: 7 },
    ]);
    expect(await audit.checkRuns.stale(later(10), 1)).toHaveLength(1);
    expect(await audit.checkRuns.stale(later(10), 10)).toHaveLength(2);
  });
});
