import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KeyedSerializer } from '../util/keyedSerializer.js';
import type { Database, Sql } from './database.js';
import { openPglite } from './pgliteDatabase.js';
import type { PgliteOperation, PgliteReply, PgliteRequest, PgliteThreadData } from './pgliteThreadProtocol.js';

const WORKER_URL = new URL('./pgliteThreadWorker.js', import.meta.url);

/**
 * PGlite on a worker thread: the same database and SQL as `openPglite`, but its statements run
 * off the app's event loop. PGlite executes each one synchronously in WebAssembly; on the app's
 * thread that took a third of the event loop while pull requests were evaluated, and a large
 * decision's insert held every other webhook up as long as it ran. Run from sources (tests),
 * there is no compiled worker script: PGlite is opened on this thread instead. `snapshot`, for an
 * in-memory store, is a data directory to start from (as `openPglite`'s).
 */
export async function openPgliteThread(
  dataDir: string | null,
  options: {
    snapshot?: Blob;
    workerUrl?: URL;
    /** told once if the thread dies while open: every statement fails from then on */
    onLost?: (error: Error) => void;
  } = {},
): Promise<Database> {
  const workerUrl = options.workerUrl ?? WORKER_URL;
  if (!existsSync(fileURLToPath(workerUrl))) return openPglite(dataDir, options.snapshot);
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const snapshot = options.snapshot ? await options.snapshot.arrayBuffer() : null;
  const workerData: PgliteThreadData = { dataDir, snapshot };
  const worker = new Worker(workerUrl, { workerData, transferList: snapshot ? [snapshot] : [] });
  const thread = new PgliteThread(worker, options.onLost);
  await thread.ready;
  const locks = new KeyedSerializer();
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    query: <R>(text: string, params: unknown[] = []) => thread.ask<R>({ op: 'query', text, params }),
    transaction: (work) => thread.transaction(work),
    withLock: (key, work) => locks.run(key, work),
    close: () => thread.close(),
  };
}

class PgliteThread {
  readonly #pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  /** why the thread can take no more requests, once it has exited or failed */
  #gone: Error | null = null;
  readonly ready: Promise<void>;

  constructor(
    private readonly worker: Worker,
    private readonly onLost?: (error: Error) => void,
  ) {
    this.ready = new Promise((resolve, reject) => this.#pending.set(0, { resolve: () => resolve(), reject }));
    worker.on('message', (reply: PgliteReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the PGlite thread exited with code ${code}`)));
  }

  /** The rows PGlite answers `operation` with (typed by the caller, as PGlite's own `query<R>`). */
  ask<R = unknown>(operation: PgliteOperation): Promise<R[]> {
    return this.send<R>(operation).answer;
  }

  private send<R>(operation: PgliteOperation): { id: number; answer: Promise<R[]> } {
    const id = this.#nextId++;
    if (this.#gone) return { id, answer: Promise.reject(this.#gone) };
    const answer = new Promise<R[]>((resolve, reject) => {
      this.#pending.set(id, { resolve: (rows) => resolve(rows as R[]), reject });
      this.worker.postMessage({ id, operation } satisfies PgliteRequest);
    });
    return { id, answer };
  }

  /** `work` in one transaction of PGlite's: committed when it returns, rolled back when it throws. */
  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const begun = this.send({ op: 'begin' });
    await begun.answer;
    const transaction = begun.id;
    const sql: Sql = {
      query: <R>(text: string, params: unknown[] = []) => this.ask<R>({ op: 'query', text, params, transaction }),
    };
    let result: T;
    try {
      result = await work(sql);
    } catch (error) {
      await this.ask({ op: 'end', transaction, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.ask({ op: 'end', transaction, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (!this.#gone) await this.ask({ op: 'close' });
    this.#gone ??= new Error('the PGlite thread was closed');
    await this.worker.terminate();
  }

  private settle(reply: PgliteReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if ('error' in reply) pending.reject(Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {}));
    else pending.resolve(reply.rows);
  }

  /** Every request waiting fails with the thread, and every later one. */
  private fail(error: Error): void {
    const opened = !this.#pending.has(0);
    if (this.#gone === null && opened) this.onLost?.(error);
    this.#gone ??= error;
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      pending.reject(error);
    }
  }
}
