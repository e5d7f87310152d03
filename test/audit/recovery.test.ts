import { describe, expect, it } from 'vitest';
import type { DeliveryJob } from '../../src/audit/deliveries.js';
import type { RetryRequest } from '../../src/audit/retries.js';
import { freshPostgresAudit, STORE_BACKENDS } from '../support/auditDatabase.js';

const T0 = new Date('2026-11-24T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
/** owners silent for more than 15 s are gone */
const staleAt = (seconds: number) => at(seconds - 15);

const job = (number: number): DeliveryJob => ({
  installationId: 7,
  repository: { owner: 'acme', name: 'infra', url: 'https://github.com/acme/infra' },
  push: null,
  pullRequests: [number],
  commit: null,
  hint: null,
  breakGlass: { author: 'dana', text: '/four-eyes break-glass outage', at: '2026-11-24T09:59:00Z' },
});

const request = (pullRequest = 42, overrides: Partial<RetryRequest> = {}): RetryRequest => ({
  repository: 'acme/infra',
  pullRequest,
  installationId: 7,
  repositoryUrl: 'https://github.com/acme/infra',
  deliveryId: `delivery-${pullRequest}`,
  breakGlass: null,
  check: null,
  ...overrides,
});

/** 30 s, then doubling: the schedule the app uses, as the store is handed it */
const backoff = (now: Date) => (attempt: number) => new Date(now.getTime() + 30_000 * 2 ** (attempt - 1));

describe.each(STORE_BACKENDS)('deliveries, heartbeats and retries on $name', ({ open }) => {
  it('a delivery held by a live process is busy; once its heartbeat is stale, another takes it over at once, job and all', async () => {
    const { audit } = await open();
    await audit.instances.heartbeat('a', at(0));
    await audit.instances.heartbeat('b', at(0));
    expect(
      await audit.deliveries.claim('d1', 'pull_request', at(0), { owner: 'a', staleBefore: staleAt(0), job: job(42) }),
    ).toBe('claimed');
    expect(
      await audit.deliveries.claim('d1', 'pull_request', at(10), {
        owner: 'b',
        staleBefore: staleAt(10),
        job: job(42),
      }),
    ).toBe('busy');
    await audit.instances.heartbeat('b', at(20));
    expect(
      await audit.deliveries.claim('d1', 'pull_request', at(20), {
        owner: 'b',
        staleBefore: staleAt(20),
        job: job(42),
      }),
    ).toBe('claimed');
    expect(await audit.deliveries.takeOver({ owner: 'c', staleBefore: staleAt(20) }, at(20), 10)).toEqual([]);
  });

  it("takeOver claims the deliveries of dead processes, oldest first, with their jobs; not its own, not a live one's, not released or finished ones", async () => {
    const { audit } = await open();
    await audit.instances.heartbeat('dead', at(0));
    await audit.instances.heartbeat('live', at(30));
    await audit.instances.heartbeat('me', at(30));
    const claim = (id: string, owner: string, seconds: number, number: number) =>
      audit.deliveries.claim(id, 'pull_request', at(seconds), {
        owner,
        staleBefore: staleAt(seconds),
        job: job(number),
      });
    await claim('d2', 'dead', 2, 2);
    await claim('d1', 'dead', 1, 1);
    await claim('d3', 'dead', 3, 3);
    await claim('d4', 'live', 4, 4);
    await claim('d5', 'me', 5, 5);
    await claim('d6', 'dead', 6, 6);
    await audit.deliveries.release('d3', at(6));
    await audit.deliveries.finish('d6', at(6));
    expect(await audit.deliveries.claim('legacy', 'push', at(6))).toBe('claimed'); // no owner, no job: only its lease counts

    const taken = await audit.deliveries.takeOver({ owner: 'me', staleBefore: staleAt(30) }, at(30), 10);
    expect(taken).toEqual([
      { deliveryId: 'd1', event: 'pull_request', job: job(1) },
      { deliveryId: 'd2', event: 'pull_request', job: job(2) },
    ]);
    expect(await audit.deliveries.takeOver({ owner: 'live', staleBefore: staleAt(30) }, at(30), 10)).toEqual([]);
    expect(
      await audit.deliveries.claim('d1', 'pull_request', at(31), {
        owner: 'live',
        staleBefore: staleAt(31),
        job: job(1),
      }),
    ).toBe('busy');
  });

  it('takeOver takes at most `limit`; a process that leaves frees its claims at once; forgotten processes count as gone', async () => {
    const { audit } = await open();
    await audit.instances.heartbeat('a', at(0));
    await audit.instances.heartbeat('b', at(0));
    for (const n of [1, 2, 3])
      await audit.deliveries.claim(`d${n}`, 'pull_request', at(n), {
        owner: 'a',
        staleBefore: staleAt(n),
        job: job(n),
      });
    expect(await audit.deliveries.takeOver({ owner: 'b', staleBefore: staleAt(5) }, at(5), 10)).toEqual([]);
    await audit.instances.leave('a');
    expect(
      (await audit.deliveries.takeOver({ owner: 'b', staleBefore: staleAt(5) }, at(5), 2)).map((d) => d.deliveryId),
    ).toEqual(['d1', 'd2']);
    await audit.instances.heartbeat('c', at(100));
    await audit.instances.forget(at(50));
    expect(
      (await audit.deliveries.takeOver({ owner: 'c', staleBefore: staleAt(100) }, at(100), 10)).map(
        (d) => d.deliveryId,
      ),
    ).toEqual(['d1', 'd2', 'd3']);
  });

  it('retries: the first failure schedules attempt 1, each next one counts up from the same first failure; clear ends it', async () => {
    const { audit } = await open();
    const check = {
      repo: { owner: 'acme', name: 'infra' },
      headSha: 'c'.repeat(40),
      name: 'Separation of duties',
      number: 42,
      detailsUrl: 'https://github.com/acme/infra/pull/42',
    };
    const first = await audit.retries.schedule(
      request(42, { breakGlass: job(42).breakGlass, check }),
      'GitHub answered 502',
      at(0),
      backoff(at(0)),
    );
    expect(first).toEqual({
      ...request(42, { breakGlass: job(42).breakGlass, check }),
      attempt: 1,
      firstFailedAt: at(0),
      nextAt: at(30),
      lastError: 'GitHub answered 502',
    });
    // A later failure without a break-glass request, a check or a delivery keeps those it had.
    const second = await audit.retries.schedule(
      request(42, { deliveryId: null }),
      'GitHub answered 503',
      at(40),
      backoff(at(40)),
    );
    expect(second).toEqual({ ...first, attempt: 2, nextAt: at(100), lastError: 'GitHub answered 503' });
    expect(await audit.retries.get('acme/infra', 42)).toEqual(second);
    expect(await audit.retries.get('acme/infra', 7)).toBeNull();
    await audit.retries.clear('acme/infra', 42);
    expect(await audit.retries.get('acme/infra', 42)).toBeNull();
    expect((await audit.retries.schedule(request(42), 'GitHub answered 502', at(200), backoff(at(200)))).attempt).toBe(
      1,
    );
  });

  it('retries: only due rows are claimed, soonest first; a claimed row is leased until its lease ends or its holder dies; a new failure ends the lease', async () => {
    const { audit } = await open();
    await audit.instances.heartbeat('a', at(0));
    await audit.instances.heartbeat('b', at(0));
    await audit.retries.schedule(request(1), 'x', at(20), backoff(at(20))); // due at 50
    await audit.retries.schedule(request(2), 'x', at(0), backoff(at(0))); // due at 30
    await audit.retries.schedule(request(3), 'x', at(100), backoff(at(100))); // due at 130
    const lease = (seconds: number) => at(seconds + 300);
    expect(await audit.retries.claimDue({ id: 'a', staleBefore: staleAt(29) }, at(29), lease(29), 10)).toEqual([]);
    expect(
      (await audit.retries.claimDue({ id: 'a', staleBefore: staleAt(60) }, at(60), lease(60), 10)).map(
        (r) => r.pullRequest,
      ),
    ).toEqual([2, 1]);
    await audit.instances.heartbeat('a', at(60));
    await audit.instances.heartbeat('b', at(60));
    expect(await audit.retries.claimDue({ id: 'b', staleBefore: staleAt(61) }, at(61), lease(61), 10)).toEqual([]);
    // a's heartbeat stops: b takes over what a held
    await audit.instances.heartbeat('b', at(80));
    expect(
      (await audit.retries.claimDue({ id: 'b', staleBefore: staleAt(80) }, at(80), lease(80), 1)).map(
        (r) => r.pullRequest,
      ),
    ).toEqual([2]);
    // a failure reschedules it (due at once here) and frees it
    await audit.retries.schedule(request(2), 'y', at(81), () => at(81));
    await audit.instances.heartbeat('b', at(81));
    expect(
      (await audit.retries.claimDue({ id: 'b', staleBefore: staleAt(81) }, at(81), lease(81), 10)).map(
        (r) => r.pullRequest,
      ),
    ).toEqual([1, 2]);
    // b lives on, but its lease runs out
    await audit.instances.heartbeat('b', at(500));
    await audit.instances.heartbeat('a', at(500));
    expect(
      (await audit.retries.claimDue({ id: 'a', staleBefore: staleAt(500) }, at(500), lease(500), 10)).map(
        (r) => r.pullRequest,
      ),
    ).toEqual([1, 2, 3]);
  });
});

describe('two processes on one PostgreSQL', () => {
  it('claiming due retries and orphaned deliveries at once, never both get the same one', async () => {
    const audit = await freshPostgresAudit('recovery');
    for (const owner of ['a', 'b']) await audit.instances.heartbeat(owner, at(100));
    await audit.instances.heartbeat('dead', at(0));
    for (let n = 1; n <= 40; n++) {
      await audit.retries.schedule(request(n), 'GitHub answered 502', at(0), backoff(at(0)));
      await audit.deliveries.claim(`d${n}`, 'pull_request', at(0), {
        owner: 'dead',
        staleBefore: staleAt(0),
        job: job(n),
      });
    }
    const claimant = (id: string) => ({ id, staleBefore: staleAt(100) });
    const rounds = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const id = i % 2 ? 'a' : 'b';
        return Promise.all([
          audit.retries.claimDue(claimant(id), at(100), at(400), 10),
          audit.deliveries.takeOver({ owner: id, staleBefore: staleAt(100) }, at(100), 10),
        ]);
      }),
    );
    const retries = rounds.flatMap(([due]) => due.map((r) => r.pullRequest));
    const deliveries = rounds.flatMap(([, taken]) => taken.map((d) => d.deliveryId));
    expect(retries.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(deliveries).size).toBe(40);
    expect(deliveries).toHaveLength(40);
  });

  it("re-deliveries of a dead process's delivery to both at once: one of them claims it", async () => {
    const audit = await freshPostgresAudit('recovery');
    for (const owner of ['a', 'b']) await audit.instances.heartbeat(owner, at(100));
    await audit.instances.heartbeat('dead', at(0));
    await audit.deliveries.claim('d1', 'pull_request', at(0), { owner: 'dead', staleBefore: staleAt(0), job: job(1) });
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.deliveries.claim('d1', 'pull_request', at(100), {
          owner: i % 2 ? 'a' : 'b',
          staleBefore: staleAt(100),
          job: job(1),
        }),
      ),
    );
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c === 'busy')).toHaveLength(19);
  });
});
