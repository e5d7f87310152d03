import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { auditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createDatabase } from '../support/auditDatabase.js';
import { FakeGitHub } from './support/fakeGitHub.js';
import { deliver, replicaEnvironment, serveGitHub, startReplica, stoppedAfterAll } from './support/processes.js';
import { review, scenario } from './support/scenario.js';
import { pullRequestEvent } from './support/webhooks.js';

const { processes, stores } = stoppedAfterAll();

/** Short timings, so the test waits a second where production waits 15: a process silent for 1 s is gone. */
const RECOVERY = { intervalMs: 200, heartbeatMs: 200, staleAfterMs: 1_000 };

/** Waits until `what` finds something, however long a loaded machine takes: the test's timeout, not a clock here, stops a hang. */
async function until<T>(what: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await what();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('an app process killed mid-evaluation (SIGKILL)', () => {
  it.each([
    ['reading the repository (nothing recorded yet)', 'GET', /\/git\/trees\//],
    ['posting the decision (recorded, the check run not completed)', 'PATCH', /\/check-runs\/\d+$/],
  ])(
    'while %s: another process started after it completes the check correctly',
    async (_step, method, path) => {
      const url = await createDatabase(`crash_${method}`);
      const store = await auditServices(await openPostgres(url));
      stores.push(store);
      const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
      const github = new FakeGitHub(s);
      // The first request at the step never gets an answer: the process is killed while it waits.
      let reached = false;
      const held = (m: string, u: string) => {
        if (reached || m !== method || !path.test(u)) return null;
        reached = true;
        return new Promise<void>(() => {});
      };
      const env = {
        ...replicaEnvironment(await serveGitHub(github, processes, held), url),
        FOUR_EYES_TEST_RECOVERY: JSON.stringify(RECOVERY),
      };
      const first = await startReplica(env, processes);
      const event = pullRequestEvent('synchronize', s) as unknown as { id: string; name: string; payload: unknown };
      void deliver(first.port, event).catch(() => undefined);
      await until(() => (reached ? true : undefined));

      first.child.kill('SIGKILL');
      const killedAt = Date.now();
      await startReplica(env, processes);
      const completed = await until(() => github.checkRuns.find((run) => run.body.status === 'completed'));
      const recoveredInMs = Date.now() - killedAt;

      expect(completed.body).toMatchObject({ conclusion: 'success' });
      expect(github.checkRuns.filter((run) => run.body.status === 'completed')).toHaveLength(1);
      const decisions = await store.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_records WHERE kind = 'decision'",
      );
      expect(Number(decisions[0]!.n)).toBe(1);
      await until(async () =>
        (
          await store.db.query<{ state: string }>('SELECT state FROM webhook_deliveries WHERE delivery_id = $1', [
            event.id,
          ])
        )[0]?.state === 'done'
          ? true
          : undefined,
      );
      expect(await verifyChain(store.records)).toMatchObject({ intact: true });
      process.stdout.write(
        `crash while ${_step}: the check completed ${recoveredInMs} ms after the kill (a new process started meanwhile; a figure, not a bound)\n`,
      );
    },
    60_000,
  );
});
