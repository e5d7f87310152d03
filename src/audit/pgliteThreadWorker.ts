import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { PgliteReply, PgliteRequest, PgliteThreadData } from './pgliteThreadProtocol.js';

/**
 * PGlite on a thread of its own (see pgliteThread.ts): it runs each statement synchronously, so
 * on the app's thread every query held up every webhook for as long as it ran.
 */
if (!parentPort) throw new Error('pgliteThreadWorker.js runs as a worker thread (pgliteThread.ts starts it)');
const port = parentPort;
const { dataDir, snapshot } = workerData as PgliteThreadData;

/** A transaction held open for the main thread: its statements run in it until it is ended. */
interface OpenTransaction {
  tx: Transaction;
  end: (commit: boolean) => void;
}

const ROLLBACK = Symbol('rollback');
const open = new Map<number, OpenTransaction>();
/** each transaction's outcome: settles once PGlite has committed or rolled back */
const outcomes = new Map<number, Promise<void>>();
const db = dataDir !== null ? new PGlite(dataDir) : new PGlite(snapshot ? { loadDataDir: new Blob([snapshot]) } : {});

function reply(message: PgliteReply): void {
  port.postMessage(message);
}

function failure(id: number, error: unknown): PgliteReply {
  if (!(error instanceof Error)) return { id, error: String(error) };
  // PostgreSQL's SQLSTATE, kept for callers that tell errors apart by it
  const code = 'code' in error && typeof error.code === 'string' ? { code: error.code } : {};
  return { id, error: error.message, ...code };
}

/** Opens transaction `id` and answers once it is open; it stays open until `end`. */
function begin(id: number): void {
  const outcome = db
    .transaction(async (tx) => {
      const commit = await new Promise<boolean>((end) => {
        open.set(id, { tx, end });
        reply({ id, rows: [] });
      });
      if (!commit) throw ROLLBACK;
    })
    .then(
      () => undefined,
      (error: unknown) => {
        if (error !== ROLLBACK) throw error;
      },
    );
  outcomes.set(id, outcome);
  // Not begun (PGlite closed): the begin's answer. A failed commit is the end's (an answer to a
  // request already answered is ignored).
  outcome.catch((error: unknown) => reply(failure(id, error)));
}

async function end(id: number, transaction: number, commit: boolean): Promise<void> {
  const entry = open.get(transaction);
  const outcome = outcomes.get(transaction);
  if (!entry || !outcome) throw new Error(`no open transaction ${transaction}`);
  open.delete(transaction);
  outcomes.delete(transaction);
  entry.end(commit);
  await outcome;
  reply({ id, rows: [] });
}

async function handle({ id, operation }: PgliteRequest): Promise<void> {
  switch (operation.op) {
    case 'query': {
      const on = operation.transaction === undefined ? db : open.get(operation.transaction)?.tx;
      if (!on) throw new Error(`no open transaction ${operation.transaction}`);
      reply({ id, rows: (await on.query(operation.text, operation.params)).rows });
      return;
    }
    case 'begin':
      begin(id);
      return;
    case 'end':
      await end(id, operation.transaction, operation.commit);
      return;
    case 'close':
      await db.close();
      reply({ id, rows: [] });
  }
}

port.on('message', (request: PgliteRequest) => {
  handle(request).catch((error: unknown) => reply(failure(request.id, error)));
});

db.waitReady.then(
  () => reply({ id: 0, rows: [] }),
  (error: unknown) => reply(failure(0, error)),
);
