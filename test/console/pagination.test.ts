import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTED_KINDS, type PageAt, type RecordQuery } from '../../src/audit/consoleStore.js';
import { openPglite } from '../../src/audit/pgliteDatabase.js';
import type { SqlAuditServices } from '../../src/audit/services.js';
import { auditServices } from '../../src/audit/services.js';
import { SqlConsoleStore } from '../../src/audit/sqlConsoleStore.js';
import { filledPgliteDirectory } from '../support/auditDatabase.js';
import { scratchDirectory } from '../support/scratchDirectory.js';
import { type ConsoleServer, serveConsole } from './consoleServer.js';
import { FakeSignIn, signedInAs } from './fakeSignIn.js';

const COUNT = 100_000;
const KINDS = [
  'decision',
  'decision',
  'decision',
  'exception',
  'break-glass',
  'execution',
  'merge-group',
  'blocked-attempt',
  'check-run',
  'push',
];
const TIERS = ['critical', 'high', 'medium', 'low', 'none'];
const CONCLUSIONS = ['success', 'failure', 'action_required'];
const START = Date.parse('2026-01-01T00:00:00Z');

/** Record `g` as the SQL below makes it, to know what each query must return. */
function generated(g: number) {
  return {
    seq: g,
    kind: KINDS[g % 10]!,
    repository: g % 7 === 6 ? 'other/secret' : `acme/repo-${g % 7}`,
    pullRequest: (g % 500) + 1,
    at: START + g * 60_000,
    sha: g.toString(16).padStart(40, '0'),
    tier: TIERS[g % 5]!,
    conclusion: CONCLUSIONS[g % 3]!,
    actor: `user${g % 13}`,
  };
}

/**
 * Each record's body, as short as its kind allows: PGlite's insert time grows with the bytes
 * written (a 600-byte body takes several times as long as a 200-byte one). Text is concatenated,
 * cheaper than building JSON, and the body is stored as text anyway.
 */
const BODY = `'{"seq":' || g || ',"kind":"' || k || '","data":{"headSha":"' || lpad(to_hex(g), 40, '0')
  || '","tier":"' || tier || '","conclusion":"' || conclusion || '"'
  || CASE k
    WHEN 'decision' THEN ',"approvals":{"counted":[{"login":"' || actor || '"}]}'
    WHEN 'exception' THEN ',"usedBy":"' || actor || '"'
    WHEN 'break-glass' THEN ',"by":"' || actor || '"'
    WHEN 'blocked-attempt' THEN ',"login":"' || actor || '"'
    WHEN 'execution' THEN ',"sha":"' || lpad(to_hex(g), 40, '0') || '","outcome":"' || conclusion
      || '","decision":{"tier":"' || tier || '"},"executors":[{"login":"' || actor || '"}]'
    ELSE '' END || '}}'`;

/**
 * The columns the app derives from each body as it appends (derivedColumns.ts, migration 6), from
 * the values the body is made of. A push's head SHA is read from `sha`, which these bodies give
 * executions alone; merge groups, check runs and pushes name no actor.
 */
const DERIVED = `CASE WHEN k = 'push' THEN NULL ELSE lpad(to_hex(g), 40, '0') END, tier, conclusion,
  CASE WHEN k IN ('merge-group', 'check-run', 'push') THEN '[]'::jsonb ELSE jsonb_build_array(lower(actor)) END`;

/**
 * 100,000 records in one statement, as a bulk load is done. The chain's hashes are not what this
 * test is about: each row has a unique stand-in. Every kind the console lists carries its actor
 * where that kind keeps it, and the derived columns are filled as the app fills them
 * (test/audit/derivedColumns.test.ts checks the app's against the body).
 */
const INSERT_RECORDS = `
    INSERT INTO audit_records (seq, kind, recorded_at, repository, pull_request, delivery_id, body, prev_hash, hash,
      head_sha, tier, conclusion, actors)
    SELECT g, k, timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute', repo, (g % 500) + 1, NULL, ${BODY},
      'sha256:prev', 'sha256:' || md5(g::text), ${DERIVED}
    FROM (SELECT g, (ARRAY[${KINDS.map((k) => `'${k}'`).join(',')}])[g % 10 + 1] AS k,
            (ARRAY[${TIERS.map((t) => `'${t}'`).join(',')}])[g % 5 + 1] AS tier,
            (ARRAY[${CONCLUSIONS.map((c) => `'${c}'`).join(',')}])[g % 3 + 1] AS conclusion,
            'User' || (g % 13) AS actor,
            CASE WHEN g % 7 = 6 THEN 'other/secret' ELSE 'acme/repo-' || (g % 7) END AS repo
          FROM generate_series(1, ${COUNT}) AS g) AS r`;

/**
 * The records inserted with the indexes dropped first and made again after from their own
 * definitions (the same indexes, built in one pass each), then the planner's statistics taken.
 */
async function insertRecords(audit: SqlAuditServices): Promise<void> {
  const indexes = await audit.db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_records'
     AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
  );
  for (const index of indexes) await audit.db.query(`DROP INDEX ${index.indexname}`);
  await audit.db.query(INSERT_RECORDS);
  for (const index of indexes) await audit.db.query(index.indexdef);
  await audit.db.query('ANALYZE audit_records');
}

const VISIBLE = new Set(['acme/repo-0', 'acme/repo-1', 'acme/repo-2', 'acme/repo-3', 'acme/repo-4', 'acme/repo-5']);
const ALL = Array.from({ length: COUNT }, (_, i) => generated(i + 1));

/** What a query must return, newest first: computed from the generator, not from the store. */
function expected(query: RecordQuery): number[] {
  return ALL.filter(
    (r) =>
      query.visible.has(r.repository) &&
      (query.kind ? r.kind === query.kind : (LISTED_KINDS as readonly string[]).includes(r.kind)) &&
      (!query.repository || r.repository === query.repository.toLowerCase()) &&
      (query.pullRequest === undefined || r.pullRequest === query.pullRequest) &&
      (!query.headSha || r.sha.startsWith(query.headSha)) &&
      (!query.tier || r.tier === query.tier) &&
      (!query.conclusion || r.conclusion === query.conclusion) &&
      (!query.actor || (r.kind !== 'merge-group' && r.actor === query.actor.toLowerCase())) &&
      (!query.since || r.at >= Date.parse(query.since)) &&
      (!query.until || r.at < Date.parse(query.until)),
  )
    .map((r) => r.seq)
    .reverse();
}

let audit: SqlAuditServices;
let store: SqlConsoleStore;
const timings: Record<string, number> = {};

/**
 * PGlite in a directory of its own, as the app keeps it, not in memory: writing 100,000 records
 * to its in-memory file system takes about four times as long. The filled store is kept between
 * runs (keyed by the statements that fill it) and copied here: the insert, half of this file's
 * time, is paid on the first run only. The copy (188 MB) is in the run's scratch directory,
 * removed after the run, not by this file.
 */
beforeAll(async () => {
  const dir = scratchDirectory('console-100k');
  const started = performance.now();
  await filledPgliteDirectory(dir, INSERT_RECORDS + insertRecords.toString(), async (filling) => {
    const inserting = performance.now();
    await insertRecords(filling);
    timings.insert = performance.now() - inserting;
  });
  audit = await auditServices(await openPglite(dir));
  timings.setup = performance.now() - started;
  store = new SqlConsoleStore(audit.db);
}, 120_000);

afterAll(async () => {
  console.info(
    `console on ${COUNT.toLocaleString('en')} records (PGlite), ms:`,
    JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))),
  );
  await audit?.close();
});

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  timings[name] = Math.max(timings[name] ?? 0, performance.now() - started);
  return result;
}

/** Every page from the newest to the oldest, following `older`, checking each page's flags. */
async function walk(query: RecordQuery, size: number): Promise<number[]> {
  const seen: number[] = [];
  let at: PageAt = { at: 'first' };
  for (let pages = 0; ; pages++) {
    const page = await timed('page', () => store.page(query, at, size));
    expect(page.hasNewer).toBe(pages > 0);
    seen.push(...page.records.map((r) => r.seq));
    if (!page.hasOlder) return seen;
    expect(page.records).toHaveLength(size);
    at = { at: 'older', than: page.records.at(-1)!.seq };
  }
}

const QUERIES: [string, Omit<RecordQuery, 'visible'>, number][] = [
  ['everything visible', {}, 2000],
  ['break-glass in one repository', { kind: 'break-glass', repository: 'ACME/repo-3' }, 50],
  ['an actor, in another case', { actor: 'USER5' }, 200],
  ['a tier and a conclusion', { tier: 'critical', conclusion: 'failure', kind: 'decision' }, 100],
  ['a pull request', { pullRequest: 42 }, 7],
  ['a SHA prefix', { headSha: '00000000000000000000000000000000000012' }, 20],
  ['a day', { since: '2026-02-10T00:00:00.000Z', until: '2026-02-11T00:00:00.000Z' }, 100],
  ['everything at once', { kind: 'decision', tier: 'high', actor: 'user3', since: '2026-01-20T00:00:00.000Z' }, 13],
];

describe('the console on 100,000 records', () => {
  it.each(QUERIES)(
    'pages through %s newest first: every match once, none missing, first and last pages bounded',
    async (_name, filter, size) => {
      const query = { ...filter, visible: VISIBLE };
      const want = expected(query);
      expect(want.length).toBeGreaterThan(size);
      const seen = await walk(query, size);
      expect(seen).toEqual(want);
      expect(await timed('count', () => store.count(query))).toBe(want.length);
      const last = await timed('last page', () => store.page(query, { at: 'last' }, size));
      expect(last.records.map((r) => r.seq)).toEqual(want.slice(-size));
      expect([last.hasNewer, last.hasOlder]).toEqual([true, false]);
      const beforeLast = await store.page(query, { at: 'newer', than: last.records[0]!.seq }, size);
      expect(beforeLast.records.map((r) => r.seq)).toEqual(want.slice(-2 * size, -size));
      expect(beforeLast.hasOlder).toBe(true);
    },
  );

  it('finds the one record of a full head SHA', async () => {
    const headSha = (77_777).toString(16).padStart(40, '0');
    const page = await timed('head SHA', () => store.page({ visible: VISIBLE, headSha }, { at: 'first' }, 50));
    expect(page.records.map((r) => r.seq)).toEqual([77_777]);
    expect([page.hasNewer, page.hasOlder]).toEqual([false, false]);
  });

  it('never returns a record outside the visible repositories, whatever the filter asks for', async () => {
    const query = { visible: new Set(['acme/repo-1']), repository: 'other/secret' };
    expect((await store.page(query, { at: 'first' }, 50)).records).toEqual([]);
    const one = await store.page({ visible: new Set(['acme/repo-1']) }, { at: 'first' }, 500);
    expect(new Set(one.records.map((r) => r.repository))).toEqual(new Set(['acme/repo-1']));
    expect(await store.record(6, VISIBLE)).toBeNull(); // record 6 is other/secret's
    expect((await store.record(7, VISIBLE))?.repository).toBe('acme/repo-0');
  });

  it('answers a page deep in the log as fast as the first, through the console', async () => {
    const console_: ConsoleServer = await serveConsole(
      audit,
      new FakeSignIn({
        auditor: { kind: 'viewer', viewer: { login: 'auditor', repositories: VISIBLE, csrfToken: 't' } },
      }),
    );
    const get = async (path: string) => {
      const started = performance.now();
      const response = await fetch(console_.url + path, { headers: signedInAs('auditor') });
      const text = await response.text();
      timings[`GET ${path.split('?')[0]}${path.includes('older') ? ' (deep)' : ''}`] = performance.now() - started;
      return { status: response.status, text };
    };
    const first = await get('/four-eyes/decisions');
    expect(first.status).toBe(200);
    expect(first.text).toContain(`${expected({ visible: VISIBLE }).length.toLocaleString('en')} records match`);
    expect(first.text).toContain(`href="/four-eyes/records/${expected({ visible: VISIBLE })[0]}"`);
    const listed = expected({ visible: VISIBLE });
    const deepAt = listed.length - 100;
    const deep = await get(`/four-eyes/decisions?older=${listed[deepAt]}`);
    expect(deep.text).toContain(`href="/four-eyes/records/${listed[deepAt + 1]}"`);
    expect(deep.text).not.toContain(`href="/four-eyes/records/${listed[deepAt]}"`);
    const last = await get('/four-eyes/decisions?last=1');
    expect(last.text).toContain('href="/four-eyes/records/1"');
    const exported = await get('/four-eyes/export.jsonl?kind=break-glass');
    const lines = exported.text.trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual(
      expected({ visible: VISIBLE, kind: 'break-glass' }),
    );
    await console_.close();
  });
});
