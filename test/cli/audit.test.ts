import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChainEntry } from '../../src/audit/chain.js';
import { openPostgres } from '../../src/audit/postgresDatabase.js';
import type { AuditEntry } from '../../src/audit/records.js';
import { auditServices, type SqlAuditServices } from '../../src/audit/services.js';
import { runCliAsync } from '../../src/cli/main.js';
import { createDatabase, initdbPgliteDirectory } from '../support/auditDatabase.js';
import { scratchDirectory } from '../support/scratchDirectory.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLE = [
  '--base',
  join(ROOT, 'examples/iam-change/base'),
  '--head',
  join(ROOT, 'examples/iam-change/head'),
  '--facts',
  join(ROOT, 'examples/iam-change/facts.json'),
  '--now',
  '2026-11-23T12:00:00Z',
];

async function cli(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCliAsync(
    argv,
    {
      stdout: {
        write: (t: string) => {
          stdout += t;
        },
      },
      stderr: {
        write: (t: string) => {
          stderr += t;
        },
      },
    },
    env,
  );
  return { code, stdout, stderr };
}

let url = '';
let audit: SqlAuditServices;
beforeAll(async () => {
  url = await createDatabase('cli');
  audit = await auditServices(await openPostgres(url));
});

/** Records with only the fields the export reads, as an older Four Eyes may have stored them (hence a chain entry taken as an audit entry). */
const entry = (
  kind: AuditEntry['kind'],
  repository: string,
  day: number,
  data: Record<string, unknown>,
  pullRequest: number | null = 7,
): AuditEntry =>
  ({
    kind,
    repository,
    pullRequest,
    deliveryId: `d-${kind}-${day}`,
    recordedAt: `2026-11-${String(day).padStart(2, '0')}T09:30:00.000Z`,
    data,
  }) as ChainEntry as AuditEntry;

async function seed(): Promise<void> {
  await audit.db.query('TRUNCATE audit_records, webhook_deliveries, outbox, tracking_issues');
  await audit.records.append([
    entry(
      'push',
      'acme/infra',
      20,
      { branch: 'feature', login: 'carol', sha: 'a'.repeat(40), at: '2026-11-20T09:00:00Z', forced: true },
      null,
    ),
    entry('decision', 'acme/infra', 21, {
      headSha: 'b'.repeat(40),
      conclusion: 'success',
      tier: 'high',
      title: 'High impact: 1 of 1 independent approval',
    }),
    entry('check-run', 'acme/infra', 21, {
      decisionSeq: 2,
      checkRunId: 555,
      headSha: 'b'.repeat(40),
      name: 'Separation of duties',
      conclusion: 'success',
    }),
    entry('exception', 'acme/infra', 22, {
      headSha: 'b'.repeat(40),
      id: 'tags-only',
      description: 'Tag changes',
      owner: 'sec-lead',
      expires: '2027-06-30',
      usedBy: 'alice',
      tier: 'medium',
    }),
    entry('break-glass', 'acme/web', 23, {
      sha: 'c'.repeat(40),
      by: 'dana',
      reason: '=HYPERLINK("x"), "quoted", prod down',
      tier: 'critical',
    }),
    entry('execution', 'acme/infra', 24, {
      sha: 'b'.repeat(40),
      environment: 'production',
      runId: 31,
      executors: [{ login: 'erin', roles: ['actor', 'triggering-actor'] }],
      outcome: 'approved',
      code: 'approved-change',
      reason: 'bbbbbbb merged #7 and brought exactly its approved change',
      decision: { seq: 2, pullRequest: 7, tier: 'high' },
    }),
  ]);
}

describe('four-eyes audit export', () => {
  it('CSV: a header, one line per record, quoted where needed, formulas defused', async () => {
    await seed();
    const result = await cli(['audit', 'export', '--format', 'csv'], { DATABASE_URL: url });
    expect(result.code).toBe(0);
    const hashes = (await audit.db.query<{ hash: string }>('SELECT hash FROM audit_records ORDER BY seq')).map(
      (r) => r.hash,
    );
    expect(result.stdout.split('\r\n')).toEqual([
      'seq,kind,recorded_at,repository,pull_request,head_sha,actor,conclusion,tier,detail,check_run_id,delivery_id,hash',
      `1,push,2026-11-20T09:30:00.000Z,acme/infra,,${'a'.repeat(40)},carol,,,force-push to feature,,d-push-20,${hashes[0]}`,
      `2,decision,2026-11-21T09:30:00.000Z,acme/infra,7,${'b'.repeat(40)},,success,high,High impact: 1 of 1 independent approval,,d-decision-21,${hashes[1]}`,
      `3,check-run,2026-11-21T09:30:00.000Z,acme/infra,7,${'b'.repeat(40)},,success,,check run 555 for decision #2,,d-check-run-21,${hashes[2]}`,
      `4,exception,2026-11-22T09:30:00.000Z,acme/infra,7,${'b'.repeat(40)},alice,,medium,"tags-only: Tag changes (owner sec-lead, expires 2027-06-30)",,d-exception-22,${hashes[3]}`,
      `5,break-glass,2026-11-23T09:30:00.000Z,acme/web,7,${'c'.repeat(40)},dana,,critical,"'=HYPERLINK(""x""), ""quoted"", prod down",,d-break-glass-23,${hashes[4]}`,
      `6,execution,2026-11-24T09:30:00.000Z,acme/infra,7,${'b'.repeat(40)},erin,approved,high,"production (run 31, decision #2): approved-change: bbbbbbb merged #7 and brought exactly its approved change",,d-execution-24,${hashes[5]}`,
      '',
    ]);
    expect(result.stderr).toBe('audit export: 6 record(s)\n');
  });

  it('JSON lines: every field, and decisions carry the check run they were posted as and the gate decisions resting on them', async () => {
    await seed();
    const result = await cli(['audit', 'export', '--kind', 'decisions'], { DATABASE_URL: url });
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual([
      expect.objectContaining({
        seq: 2,
        kind: 'decision',
        repository: 'acme/infra',
        pullRequest: 7,
        checkRunId: 555,
        executions: [6],
        deliveryId: 'd-decision-21',
        data: expect.objectContaining({ conclusion: 'success' }),
      }),
    ]);
  });

  it('blocked attempts and merge groups: their own kinds and columns', async () => {
    await seed();
    await audit.records.append([
      entry('blocked-attempt', 'acme/infra', 24, {
        headSha: 'b'.repeat(40),
        login: 'carol',
        reason: 'co-author',
        detail: 'carol co-authored bbbbbbb',
      }),
      entry('merge-group', 'acme/infra', 25, {
        headSha: 'd'.repeat(40),
        headRef: `refs/heads/gh-readonly-queue/main/pr-7-${'b'.repeat(40)}`,
        conclusion: 'failure',
        title: 'Blocked: #7 has no decision for bbbbbbb',
      }),
    ]);
    const lines = async (kind: string) =>
      (await cli(['audit', 'export', '--kind', kind, '--format', 'csv'], { DATABASE_URL: url })).stdout
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.split(',').slice(1, 10).join(','));
    expect(await lines('blocked-attempts')).toEqual([
      `blocked-attempt,2026-11-24T09:30:00.000Z,acme/infra,7,${'b'.repeat(40)},carol,,,approval refused (co-author): carol co-authored bbbbbbb`,
    ]);
    expect(await lines('merge-groups')).toEqual([
      `merge-group,2026-11-25T09:30:00.000Z,acme/infra,7,${'d'.repeat(40)},,failure,,refs/heads/gh-readonly-queue/main/pr-7-${'b'.repeat(40)}: Blocked: #7 has no decision for bbbbbbb`,
    ]);
  });

  it.each([
    [['--repo', 'acme/web'], [5]],
    [['--kind', 'pushes'], [1]],
    [['--kind', 'exceptions'], [4]],
    [['--kind', 'break-glass'], [5]],
    [['--kind', 'executions'], [6]],
    [
      ['--since', '2026-11-21'],
      [2, 3, 4, 5, 6],
    ],
    [
      ['--until', '2026-11-21'],
      [1, 2, 3],
    ],
    [
      ['--since', '2026-11-21T10:00:00Z'],
      [4, 5, 6],
    ],
    [
      ['--since', '2026-11-21', '--until', '2026-11-22', '--repo', 'acme/infra'],
      [2, 3, 4],
    ],
  ])('filters %j exactly', async (filters, seqs) => {
    await seed();
    const result = await cli(['audit', 'export', ...filters], { DATABASE_URL: url });
    expect(
      result.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { seq: number }).seq),
    ).toEqual(seqs);
  });

  it.each([
    [
      ['--kind', 'everything'],
      'four-eyes: audit export: --kind must be one of decisions, exceptions, break-glass, pushes, blocked-attempts, merge-groups, executions, got "everything"\n',
    ],
    [
      ['--since', 'last week'],
      'four-eyes: audit export: --since must be a date (2026-11-24) or an ISO-8601 time (2026-11-24T12:00:00Z), got "last week"\n',
    ],
    [['--format', 'xlsx'], 'four-eyes: audit export: --format must be one of jsonl, csv, got "xlsx"\n'],
    [['--repo', 'infra'], 'four-eyes: audit export: --repo takes owner/name, got "infra"\n'],
  ])('usage errors %j are one line, exit 2', async (argv, stderr) => {
    expect(await cli(['audit', 'export', ...argv], { DATABASE_URL: url })).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('four-eyes audit verify', () => {
  it('intact: the count and the head, exit 0; tampered: the first broken link, exit 1', async () => {
    await seed();
    const intact = await cli(['audit', 'verify'], { DATABASE_URL: url });
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(
      /^intact: 6 record\(s\); head #6 sha256:[0-9a-f]{64} \(postgresql: postgres:\/\/postgres@127\.0\.0\.1:\d+\/four_eyes_cli_\d+\)\n$/,
    );
    await audit.db.query("UPDATE audit_records SET body = replace(body, 'carol', 'carl') WHERE seq = 1");
    const broken = await cli(['audit', 'verify'], { DATABASE_URL: url });
    expect(broken).toEqual({
      code: 1,
      stderr: '',
      stdout:
        'BROKEN at record #1: record #1 was edited: its content no longer hashes to its stored hash\n0 record(s) before it are intact.\n',
    });
  });

  it('--expect checks a kept hash; a malformed one is a usage error', async () => {
    await seed();
    const [head] = await audit.db.query<{ hash: string }>('SELECT hash FROM audit_records WHERE seq = 5');
    expect((await cli(['audit', 'verify', '--expect', `5:${head!.hash}`], { DATABASE_URL: url })).stdout).toContain(
      '1 kept hash(es) match',
    );
    expect(await cli(['audit', 'verify', '--expect', '5:abc'], { DATABASE_URL: url })).toMatchObject({
      code: 2,
      stderr:
        'four-eyes: audit verify: --expect takes <seq>:sha256:<64 hex digits>, as the check run prints it; got "5:abc"\n',
    });
  });

  it('a data directory that does not exist is an error, not an empty intact store', async () => {
    const missing = join(tmpdir(), `four-eyes-missing-${process.pid}`);
    expect(await cli(['audit', 'verify'], { FOUR_EYES_DATA_DIR: missing })).toEqual({
      code: 2,
      stdout: '',
      stderr: `four-eyes: audit: there is no audit store in ${missing}; point FOUR_EYES_DATA_DIR at the app's data directory, or set DATABASE_URL\n`,
    });
  });

  it('an unreachable database is a one-line error', async () => {
    const result = await cli(['audit', 'verify'], { DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^four-eyes: audit: cannot open the audit store: cannot connect to postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: .+\n$/,
    );
  });
});

describe('four-eyes audit: usage', () => {
  it.each([
    ['audit', '--help'],
    ['audit', 'verify', '-h'],
    ['audit', 'export', '--help'],
  ])('%s %s prints the usage, exit 0, without opening a store', async (...argv) => {
    const result = await cli(argv, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')[0]).toBe('Usage: four-eyes audit verify|export [options]');
  });
  it.each([
    [['audit'], 2, 'Usage: four-eyes audit verify|export [options]'],
    [['audit', 'delete'], 2, 'four-eyes: audit: unknown subcommand "delete"; expected verify or export\n'],
    [
      ['audit', 'verify', '--all'],
      2,
      "four-eyes: audit verify: Unknown option '--all' (see four-eyes audit verify --help)\n",
    ],
    [
      ['audit', 'export', 'extra'],
      2,
      'four-eyes: audit export: unexpected argument "extra" (options only; see four-eyes audit export --help)\n',
    ],
  ])('%j: exit %i, one line', async (argv, code, first) => {
    const result = await cli(argv, {});
    expect(result.code).toBe(code);
    expect(result.stdout.split('\n')[0] === first.split('\n')[0] || result.stderr === first).toBe(true);
  });
});

describe('four-eyes evaluate --record (PGlite in FOUR_EYES_DATA_DIR, as the app)', () => {
  it('prints the decision, appends it, and the chain verifies and exports', async () => {
    const dir = scratchDirectory('record');
    const env = { FOUR_EYES_DATA_DIR: join(dir, 'store') };
    // The store as initdb leaves it (PGlite's seconds of initdb are not under test): the first
    // command migrates it and records #1.
    await initdbPgliteDirectory(env.FOUR_EYES_DATA_DIR);
    const first = await cli(['evaluate', ...EXAMPLE, '--record', '--format', 'text'], env);
    expect(first.code).toBe(1);
    expect(first.stdout.split('\n')[0]).toBe('Critical impact: 1 of 2 independent approvals');
    expect(first.stderr).toMatch(/^four-eyes: recorded as audit record #1 sha256:[0-9a-f]{64} \(pglite: .*store\)\n$/);
    await cli(['evaluate', ...EXAMPLE, '--record'], env);
    expect((await cli(['audit', 'verify'], env)).stdout).toMatch(/^intact: 2 record\(s\)/);
    const exported = (await cli(['audit', 'export', '--format', 'csv'], env)).stdout.split('\r\n');
    expect(exported).toHaveLength(4);
    expect(exported[1]).toContain(',decision,');
    expect(exported[1]).toContain(
      ',acme/infra,128,c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4,,action_required,critical,Critical impact: 1 of 2 independent approvals,',
    );
  }, 180_000);
});
