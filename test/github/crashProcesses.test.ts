import { beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { auditServices, type SqlAuditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createDatabase } from '../support/auditDatabase.js';
import { FakeGitHubs } from './support/fakeGitHubs.js';
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

/*
 * One app process evaluating two pull requests, each of a repository (and an installation: the app
 * writes one at a time per installation) of its own, on one store and one GitHub; each stopped at
 * a step: the first request there never gets an answer. The process is killed while both wait,
 * and another started after it completes both checks. An app process costs a second of CPU
 * before it serves anything: both steps in one, not a process and a restart each.
 */
const STEPS = [
  { step: 'reading the repository (nothing recorded yet)', method: 'GET', path: /\/git\/trees\// },
  { step: 'posting the decision (recorded, the check run not completed)', method: 'PATCH', path: /\/check-runs\/\d+$/ },
];
const github = new FakeGitHubs(
  STEPS.map((_, i) => scenario({ name: `infra-${i}`, policy: 'version: 1\n', reviews: [review('carol')] })),
  scenario({ name: 'none', policy: 'version: 1\n' }),
);
const events = github.repositories.map(
  (fake, i) =>
    pullRequestEvent('synchronize', fake.scenario, fake.scenario.author.login, {
      installation: { id: 7 + i },
    }) as unknown as { id: string; name: string; payload: unknown },
);
let store: SqlAuditServices;
/** milliseconds from the kill to each step's check run completed */
const recoveredInMs: number[] = [];

beforeAll(async () => {
  const url = await createDatabase('crash');
  store = await auditServices(await openPostgres(url));
  stores.push(store);
  const reached = STEPS.map(() => false);
  const held = (m: string, u: string) => {
    const i = STEPS.findIndex(
      ({ method, path }, i) => !reached[i] && m === method && u.startsWith(`/repos/acme/infra-${i}/`) && path.test(u),
    );
    if (i < 0) return null;
    reached[i] = true;
    return new Promise<void>(() => {});
  };
  const env = {
    ...replicaEnvironment(await serveGitHub(github, processes, held), url),
    FOUR_EYES_TEST_RECOVERY: JSON.stringify(RECOVERY),
  };
  const first = await startReplica(env, processes);
  for (const event of events) void deliver(first.port, event).catch(() => undefined);
  await until(() => (reached.every(Boolean) ? true : undefined));

  first.child.kill('SIGKILL');
  const killedAt = Date.now();
  await startReplica(env, processes);
  await Promise.all(
    github.repositories.map(async (fake, i) => {
      await until(() => fake.checkRuns.find((run) => run.body.status === 'completed'));
      recoveredInMs[i] = Date.now() - killedAt;
    }),
  );
}, 120_000);

describe('an app process killed mid-evaluation (SIGKILL)', () => {
  it.for(STEPS.map(({ step }, index) => ({ step, index })))(
    'while $step: another process started after it completes the check correctly',
    async ({ step, index }) => {
      const fake = github.repositories[index]!;
      const completed = fake.checkRuns.filter((run) => run.body.status === 'completed');
      expect(completed).toHaveLength(1);
      expect(completed[0]!.body).toMatchObject({ conclusion: 'success' });
      const decisions = await store.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_records WHERE kind = 'decision' AND repository = $1",
        [`acme/infra-${index}`],
      );
      expect(Number(decisions[0]!.n)).toBe(1);
      await until(async () =>
        (
          await store.db.query<{ state: string }>('SELECT state FROM webhook_deliveries WHERE delivery_id = $1', [
            events[index]!.id,
          ])
        )[0]?.state === 'done'
          ? true
          : undefined,
      );
      process.stdout.write(
        `crash while ${step}: the check completed ${recoveredInMs[index]} ms after the kill (a new process started meanwhile; a figure, not a bound)\n`,
      );
    },
  );

  it('leaves one chain that verifies', async () => {
    expect(await verifyChain(store.records)).toMatchObject({ intact: true });
  });
});
