import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import { auditServices, type SqlAuditServices } from '../../src/audit/services.js';
import { verifyChain } from '../../src/audit/verify.js';
import { createDatabase } from '../support/auditDatabase.js';
import { FakeGitHubs } from './support/fakeGitHubs.js';
import { BREAK_GLASS_REASON } from './support/policies.js';
import { deliver, type Processes, replicaEnvironment, serveGitHub, startReplica } from './support/processes.js';
import { scenario } from './support/scenario.js';
import { commentEvent, pullRequestEvent } from './support/webhooks.js';

/*
 * The app as its own process (test/github/support/replicaProcess.mjs) on PostgreSQL, SIGKILLed at
 * each side effect of a break-glass, right after GitHub did it and before its answer arrived. A
 * new process on the same store sweeps at start and then evaluates the pull request again: every
 * post is on GitHub exactly once, and no check run is left in progress.
 *
 * Each side effect has a pull request of its own, in a repository (and an installation: the app
 * writes one at a time per installation) of its own, on one store and one GitHub: one process
 * takes the break-glass of each, GitHub keeps back its answer to each at that side effect, and
 * the process is killed once all wait there; then one new process recovers them all. An app
 * process costs a second of CPU before it serves anything: two, not a process and a restart per
 * side effect.
 */

const POLICY =
  'version: 1\nbreak_glass:\n  allowed:\n    users: [dana]\n  min_reason_length: 20\nowners:\n  users: [sec-lead]\n';
const processes: Processes = { children: [], servers: [] };
let store: SqlAuditServices;
afterAll(async () => {
  for (const child of processes.children) child.kill('SIGKILL');
  for (const server of processes.servers) server.close();
  await store?.close();
});

/** Delivers a signed webhook; a process killed meanwhile answers nothing, which is fine. */
async function deliverToDying(port: number, event: { id: string; name: string; payload: unknown }): Promise<void> {
  await deliver(port, event).catch(() => undefined);
}

/** Waits until `done` holds, however long a loaded machine takes: the test's timeout, not a count of attempts, stops a hang. */
async function until(done: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  const [row] = await store.db.query<{ n: string }>(sql, params);
  return Number(row!.n);
}

/** The side effects of a break-glass in the repository `repo`, in the order the app makes them; its check runs are numbered from `firstRun`. */
const STEPS = [
  { step: 'the check run started', route: (repo: string) => `POST /repos/${repo}/check-runs`, occurrence: 1 },
  {
    step: 'the check run completed',
    route: (repo: string, firstRun: number) => `PATCH /repos/${repo}/check-runs/${firstRun}`,
    occurrence: 1,
  },
  { step: 'the exception log issue opened', route: (repo: string) => `POST /repos/${repo}/issues`, occurrence: 1 },
  {
    step: 'the exception log comment posted',
    route: (repo: string) => `POST /repos/${repo}/issues/900/comments`,
    occurrence: 1,
  },
  { step: 'the follow-up issue opened', route: (repo: string) => `POST /repos/${repo}/issues`, occurrence: 2 },
  { step: 'the owners mentioned', route: (repo: string) => `POST /repos/${repo}/issues/42/comments`, occurrence: 1 },
];
const scenarios = STEPS.map((_, i) => scenario({ name: `infra-${i}`, policy: POLICY }));
const github = new FakeGitHubs(scenarios, scenario({ name: 'none', policy: POLICY }));
/** How many times each step's route was requested, and how many of those before the process was killed. */
const seen = STEPS.map(() => 0);
let seenAtKill: number[] = [];
/** Set when the request just done was at its step's side effect: its answer never comes. */
let atSideEffect = false;

beforeAll(async () => {
  const url = await createDatabase('kill');
  store = await auditServices(await openPostgres(url));
  const reached = STEPS.map(() => false);
  github.repositories.forEach((fake, i) => {
    const { route, occurrence } = STEPS[i]!;
    const sideEffect = route(`${fake.scenario.owner}/${fake.scenario.name}`, 1000 * (i + 1));
    fake.afterEffect = (r) => {
      if (r !== sideEffect || ++seen[i]! !== occurrence) return;
      reached[i] = true;
      atSideEffect = true;
    };
  });
  const apiUrl = await serveGitHub(github, processes, null, () => {
    const held = atSideEffect ? new Promise<void>(() => {}) : null;
    atSideEffect = false;
    return held;
  });
  const env = replicaEnvironment(apiUrl, url);

  const first = await startReplica(env, processes);
  for (const [i, s] of scenarios.entries()) {
    const event = commentEvent(s, BREAK_GLASS_REASON, 'dana') as unknown as {
      id: string;
      name: string;
      payload: { installation: unknown };
    };
    event.payload.installation = { id: 100 + i };
    void deliverToDying(first.port, event);
  }
  await until(() => reached.every(Boolean));
  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  first.child.kill('SIGKILL');
  await exited;
  seenAtKill = [...seen];

  const restarted = await startReplica({ ...env, SWEEP_STALE_AFTER_MS: '0' }, processes);
  await until(
    async () =>
      github.repositories.every((fake) => fake.openCheckRuns().length === 0) &&
      (await count('SELECT count(*) AS n FROM outbox WHERE done_at IS NULL')) === 0,
  );
  const again = scenarios.map((s, i) => {
    const event = pullRequestEvent('labeled', s, s.author.login, { installation: { id: 100 + i } });
    return event as unknown as { id: string; name: string; payload: unknown };
  });
  await Promise.all(again.map((event) => deliverToDying(restarted.port, event)));
  await until(
    async () =>
      (await count(
        "SELECT count(*) AS n FROM webhook_deliveries WHERE delivery_id = ANY($1) AND state = 'done'",
        again.map((event) => event.id),
      )) === again.length,
  );
  restarted.child.kill('SIGKILL');
}, 300_000);

describe('SIGKILL at each side effect of a break-glass, then a restart', () => {
  it.for(STEPS.map((step, index) => ({ ...step, index })))(
    'killed right after $step: after the restart, every post is on GitHub once and no run is left in progress',
    async ({ step, occurrence, index }) => {
      const fake = github.repositories[index]!;
      const repository = `${fake.scenario.owner}/${fake.scenario.name}`;
      expect(seenAtKill[index]).toBe(occurrence);
      expect(fake.openCheckRuns()).toEqual([]);
      const recordedBreakGlass =
        (await count(
          "SELECT count(*) AS n FROM audit_records WHERE kind = 'break-glass' AND repository = $1",
          repository,
        )) > 0;
      // Killed before the break-glass request was recorded, its delivery waits for GitHub's re-delivery: nothing posted yet.
      expect(fake.issues.map((i) => i.title)).toEqual(
        recordedBreakGlass ? ['Four Eyes exception log', `Review break-glass on ${repository}#42 (ccccccc)`] : [],
      );
      expect(fake.comments.map((c) => c.issue)).toEqual(recordedBreakGlass ? [900, 42] : []);
      expect(recordedBreakGlass).toBe(step !== 'the check run started');
      expect(
        await count('SELECT count(*) AS n FROM check_runs WHERE completed_at IS NULL AND repository = $1', repository),
      ).toBe(0);
      expect(fake.leftovers()).toEqual([]);
    },
  );

  it('leaves one chain that verifies, and no request GitHub did not expect', async () => {
    expect(await verifyChain(store.records)).toMatchObject({ intact: true });
    expect(github.others.leftovers()).toEqual([]);
  });
});
