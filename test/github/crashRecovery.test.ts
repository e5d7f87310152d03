import nock from 'nock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DeliveryJob } from '../../src/audit/deliveries.js';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { type AuditServices, auditServices } from '../../src/audit/services.js';
import { createDatabase, freshMemoryAudit } from '../support/auditDatabase.js';
import { review, type Scenario, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const stores: AuditServices[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
});

const NOW = new Date('2026-11-24T12:00:00Z');
const MINUTE_AGO = new Date(NOW.getTime() - 60_000);

/** What a `synchronize` of the scenario's PR asks for, as the app keeps it with the claim. */
function synchronizeJob(s: Scenario): DeliveryJob {
  return {
    installationId: 7,
    repository: { owner: s.owner, name: s.name, url: `https://github.com/${s.owner}/${s.name}` },
    push: {
      to: { pullRequest: s.number },
      facts: { login: 'alice', sha: s.headSha, at: '2026-11-24T11:00:00Z', forced: false },
    },
    pullRequests: [s.number],
    commit: null,
    hint: { baseRef: s.baseRef, baseSha: s.baseSha, headSha: s.headSha, changedFiles: s.files.length },
    breakGlass: null,
  };
}

/** A process that claimed `deliveryId` a minute ago and has been silent since: it died mid-work. */
async function claimedByDeadProcess(
  audit: AuditServices,
  deliveryId: string,
  job: DeliveryJob,
  heartbeat = MINUTE_AGO,
): Promise<void> {
  await audit.instances.heartbeat('dead-process', heartbeat);
  const claim = await audit.deliveries.claim(deliveryId, 'pull_request', MINUTE_AGO, {
    owner: 'dead-process',
    staleBefore: new Date(0),
    job,
  });
  expect(claim).toBe('claimed');
}

const approved = () => scenario({ policy: 'version: 1\n', reviews: [review('carol')] });

describe('a delivery whose process died', () => {
  it('is processed at once when GitHub delivers it again, not after its 5-minute lease', async () => {
    const s = approved();
    const { probot, github, audit } = await testApp(s);
    const event = pullRequestEvent('synchronize', s) as { id: string };
    await claimedByDeadProcess(audit, event.id, synchronizeJob(s));
    await probot.receive(event as never);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect(await audit.deliveries.claim(event.id, 'pull_request', NOW)).toBe('done');
  });

  it('is resumed by the next round from the job kept with its claim: the push recorded, the PR evaluated, the delivery done', async () => {
    const s = approved();
    const { github, audit, activity, recovery } = await testApp(s);
    await claimedByDeadProcess(audit, 'delivery-of-the-dead', synchronizeJob(s));
    expect(await recovery.tick()).toEqual({ resumed: ['delivery-of-the-dead'], retried: [] });
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect((await activity.pushes('acme/infra', s.headRef, 42, [s.headSha])).toPullRequest).toEqual([
      { login: 'alice', sha: s.headSha, at: '2026-11-24T11:00:00Z', forced: false },
    ]);
    expect(await audit.deliveries.claim('delivery-of-the-dead', 'pull_request', NOW)).toBe('done');
    expect(await recovery.tick()).toEqual({ resumed: [], retried: [] });
  });

  it('is resumed when the app starts, without waiting for a timer', async () => {
    const s = approved();
    const audit = freshMemoryAudit();
    await claimedByDeadProcess(audit, 'delivery-of-the-dead', synchronizeJob(s));
    const { github, recovery } = await testApp(s, {
      audit,
      recovery: { timers: true, intervalMs: 60_000, heartbeatMs: 60_000 },
    });
    try {
      // However long a loaded machine takes to start: the test's timeout, not a count of attempts, stops a hang.
      while (github.checkRuns.at(-1)?.body.conclusion === undefined)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    } finally {
      await recovery.stop();
    }
  });

  it('a check suite of a fork, resumed: its pull requests are found by the commit as the webhook would have', async () => {
    const s = scenario({
      policy: 'version: 1\n',
      reviews: [review('carol')],
      associated: [{ number: 42, headRefOid: 'c'.repeat(40), state: 'OPEN' }],
    });
    const { github, audit, recovery } = await testApp(s);
    await claimedByDeadProcess(audit, 'suite-of-the-dead', {
      ...synchronizeJob(s),
      push: null,
      pullRequests: [],
      commit: s.headSha,
      hint: null,
    });
    await recovery.tick();
    expect(github.apiRequests()).toContain('POST /graphql FourEyesPullRequestsForCommit');
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });
});

describe('a delivery whose process is alive', () => {
  it('is neither taken over by a round nor processed again by a re-delivery while its lease lasts', async () => {
    const s = approved();
    const { probot, github, audit, recovery } = await testApp(s);
    const event = pullRequestEvent('synchronize', s) as { id: string };
    await claimedByDeadProcess(audit, event.id, synchronizeJob(s), new Date(NOW.getTime() - 5_000));
    expect(await recovery.tick()).toEqual({ resumed: [], retried: [] });
    await probot.receive(event as never);
    expect(github.checkRuns).toEqual([]);
  });
});

describe('two app processes on one PostgreSQL', () => {
  it('a due retry is run by one of them only', async () => {
    const url = await createDatabase('recovery_apps');
    const [storeA, storeB] = [
      await auditServices(await openPostgres(url)),
      await auditServices(await openPostgres(url)),
    ];
    stores.push(storeA, storeB);
    let now = NOW.getTime();
    const clock = () => new Date(now);
    const s = approved();
    const a = await testApp(s, { audit: storeA, now: clock });
    const b = await testApp(s, { audit: storeB, github: a.github, now: clock });
    a.github.fail('POST /graphql FourEyesPullRequest', { status: 502, body: { message: 'Bad Gateway' } });
    await a.probot.receive(pullRequestEvent('synchronize', s));
    expect(a.github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    now += 30_000;

    const rounds = await Promise.all([a.recovery.tick(), b.recovery.tick()]);

    expect(rounds.flatMap((r) => r.retried)).toEqual([{ pullRequest: 'acme/infra#42', attempt: 2 }]);
    expect(a.github.apiRequests().filter((r) => r === 'POST /graphql FourEyesPullRequest')).toHaveLength(2);
    expect(a.github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect(await storeB.retries.get('acme/infra', 42)).toBeNull();
  }, 60_000);
});
