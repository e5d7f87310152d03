import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, it } from 'vitest';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { auditServices, type SqlAuditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createDatabase } from '../support/auditDatabase.js';
import { FakeGitHub } from './support/fakeGitHub.js';
import { BREAK_GLASS_REASON } from './support/policies.js';
import { deliver, type Processes, replicaEnvironment, serveGitHub, startReplica } from './support/processes.js';
import { scenario } from './support/scenario.js';
import { commentEvent, pullRequestEvent } from './support/webhooks.js';

/*
 * The app as its own process (test/github/support/replicaProcess.mjs) on PostgreSQL, SIGKILLed at
 * each side effect of a break-glass, right after GitHub did it and before its answer arrived. A
 * new process on the same store sweeps at start and then evaluates the pull request again: every
 * post is on GitHub exactly once, and no check run is left in progress.
 */

const POLICY =
  'version: 1\nbreak_glass:\n  allowed:\n    users: [dana]\n  min_reason_length: 20\nowners:\n  users: [sec-lead]\n';
const processes: Processes = { children: [], servers: [] };
const stores: SqlAuditServices[] = [];
afterAll(async () => {
  for (const child of processes.children) child.kill('SIGKILL');
  for (const server of processes.servers) server.close();
  await Promise.all(stores.map((s) => s.close()));
});

/** The fake GitHub over HTTP; `kill` is called after GitHub did what a request asked, and when it returns true no answer is sent. */
async function serveKillingGitHub(github: FakeGitHub, kill: (route: string) => boolean): Promise<string> {
  let killed = false;
  github.afterEffect = (route) => {
    if (kill(route)) killed = true;
  };
  return serveGitHub(github, processes, null, () => {
    const drop = killed;
    killed = false;
    return drop;
  });
}

/** Delivers a signed webhook; a process killed meanwhile answers nothing, which is fine. */
async function deliverToDying(port: number, event: { id: string; name: string; payload: unknown }): Promise<void> {
  await deliver(port, event).catch(() => undefined);
}

/** Waits until `done` holds, however long a loaded machine takes: the test's timeout, not a count of attempts, stops a hang. */
async function until(done: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function count(store: SqlAuditServices, sql: string): Promise<number> {
  const [row] = await store.db.query<{ n: string }>(sql);
  return Number(row!.n);
}

const STEPS: { step: string; route: string; occurrence: number }[] = [
  { step: 'the check run started', route: 'POST /repos/acme/infra/check-runs', occurrence: 1 },
  { step: 'the check run completed', route: 'PATCH /repos/acme/infra/check-runs/1000', occurrence: 1 },
  { step: 'the exception log issue opened', route: 'POST /repos/acme/infra/issues', occurrence: 1 },
  { step: 'the exception log comment posted', route: 'POST /repos/acme/infra/issues/900/comments', occurrence: 1 },
  { step: 'the follow-up issue opened', route: 'POST /repos/acme/infra/issues', occurrence: 2 },
  { step: 'the owners mentioned', route: 'POST /repos/acme/infra/issues/42/comments', occurrence: 1 },
];

// The steps run at once: each has its own database, fake GitHub and processes, and most of a
// step's time is processes starting and waiting on each other.
describe('SIGKILL at each side effect of a break-glass', () => {
  it.concurrent.for(STEPS)(
    'killed right after $step: after a restart, every post is on GitHub once and no run is left in progress',
    { timeout: 300_000 },
    async ({ step, route, occurrence }, { expect }) => {
      const url = await createDatabase(`kill_${STEPS.findIndex((s) => s.step === step)}`);
      const store = await auditServices(await openPostgres(url));
      stores.push(store);
      const s = scenario({ policy: POLICY });
      const github = new FakeGitHub(s);
      let seen = 0;
      let victim: ChildProcess | null = null;
      const apiUrl = await serveKillingGitHub(github, (r) => {
        if (r !== route || ++seen !== occurrence) return false;
        victim?.kill('SIGKILL');
        return true;
      });
      const env = replicaEnvironment(apiUrl, url);

      const first = await startReplica(env, processes);
      victim = first.child;
      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      await deliverToDying(first.port, commentEvent(s, BREAK_GLASS_REASON, 'dana') as never);
      await exited;
      expect(seen).toBe(occurrence);

      const second = await startReplica({ ...env, SWEEP_STALE_AFTER_MS: '0' }, processes);
      await until(
        async () =>
          github.openCheckRuns().length === 0 &&
          (await count(store, 'SELECT count(*) AS n FROM outbox WHERE done_at IS NULL')) === 0,
      );
      const again = pullRequestEvent('labeled', s) as unknown as { id: string; name: string; payload: unknown };
      await deliverToDying(second.port, again);
      await until(
        async () =>
          (await count(
            store,
            `SELECT count(*) AS n FROM webhook_deliveries WHERE delivery_id = '${again.id}' AND state = 'done'`,
          )) === 1,
      );
      second.child.kill('SIGKILL');

      expect(github.openCheckRuns()).toEqual([]);
      const recordedBreakGlass =
        (await count(store, "SELECT count(*) AS n FROM audit_records WHERE kind = 'break-glass'")) > 0;
      // Killed before the break-glass request was recorded, its delivery waits for GitHub's re-delivery: nothing posted yet.
      expect(github.issues.map((i) => i.title)).toEqual(
        recordedBreakGlass ? ['Four Eyes exception log', 'Review break-glass on acme/infra#42 (ccccccc)'] : [],
      );
      expect(github.comments.map((c) => c.issue)).toEqual(recordedBreakGlass ? [900, 42] : []);
      expect(recordedBreakGlass).toBe(step !== 'the check run started');
      expect(await count(store, 'SELECT count(*) AS n FROM check_runs WHERE completed_at IS NULL')).toBe(0);
      expect(await verifyChain(store.records)).toMatchObject({ intact: true });
      expect(github.leftovers()).toEqual([]);
    },
  );
});
