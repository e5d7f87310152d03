import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteThread } from '../../src/audit/pgliteThread.js';
import { freshPgliteAudit, freshPgliteThreadAudit, initdbPgliteDirectory } from '../support/auditDatabase.js';

// The store's contract on this backend is test/audit/store.test.ts ('PGlite on its own thread').
const scratch = mkdtempSync(join(tmpdir(), 'four-eyes-pglite-thread-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** How many times a 5 ms timer fired while `work` ran: none when the event loop was held. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

describe('PGlite on a thread of its own', () => {
  it("leaves the event loop free while a statement runs, which PGlite on the app's thread does not", async () => {
    const onThread = await freshPgliteThreadAudit();
    const inline = await freshPgliteAudit();
    expect(await ticksDuring(() => onThread.db.query('SELECT pg_sleep(0.3)'))).toBeGreaterThan(0);
    expect(await ticksDuring(() => inline.db.query('SELECT pg_sleep(0.3)'))).toBe(0);
  });

  it("answers a failing statement with PostgreSQL's message and SQLSTATE", async () => {
    const { db } = await freshPgliteThreadAudit();
    await expect(db.query('SELECT no_such_column FROM audit_records')).rejects.toMatchObject({
      message: 'column "no_such_column" does not exist',
      code: '42703',
    });
    expect(await db.query<{ n: number }>('SELECT $1::int + 1 AS n', [41])).toEqual([{ n: 42 }]);
  });

  it('fails the work of a thread that will not start, and never answers as if it had', async () => {
    const exits = join(scratch, 'exits.mjs');
    writeFileSync(exits, 'process.exit(3);\n');
    await expect(openPgliteThread(null, { workerUrl: pathToFileURL(exits) })).rejects.toThrow(
      'the PGlite thread exited with code 3',
    );
  });

  it('says once that it was lost when the thread dies while open, and fails that statement and every later one', async () => {
    const diesAtFirstStatement = join(scratch, 'dies.mjs');
    writeFileSync(
      diesAtFirstStatement,
      "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ id: 0, rows: [] });\nparentPort.on('message', () => process.exit(6));\n",
    );
    const lost: string[] = [];
    const db = await openPgliteThread(null, {
      workerUrl: pathToFileURL(diesAtFirstStatement),
      onLost: (error) => lost.push(error.message),
    });
    await expect(db.query('SELECT 1')).rejects.toThrow('the PGlite thread exited with code 6');
    await expect(db.query('SELECT 2')).rejects.toThrow('the PGlite thread exited with code 6');
    await expect(db.transaction(async (sql) => sql.query('SELECT 3'))).rejects.toThrow('exited with code 6');
    expect(lost).toEqual(['the PGlite thread exited with code 6']);
  });

  it('keeps a data directory, and refuses every statement once closed', async () => {
    const dir = join(scratch, 'store');
    await initdbPgliteDirectory(dir);
    const lost: Error[] = [];
    const first = await openPgliteThread(dir, { workerUrl: workerUrl(), onLost: (error) => lost.push(error) });
    await first.query('CREATE TABLE kept (n int)');
    await first.query('INSERT INTO kept VALUES (7)');
    await first.close();
    await expect(first.query('SELECT 1')).rejects.toThrow('the PGlite thread was closed');
    expect(lost).toEqual([]); // closing is not losing it
    const second = await openPgliteThread(dir, { workerUrl: workerUrl() });
    expect(await second.query('SELECT n FROM kept')).toEqual([{ n: 7 }]);
    await second.close();
  });
});

function workerUrl(): URL {
  return new URL('../../dist/audit/pgliteThreadWorker.js', import.meta.url);
}
