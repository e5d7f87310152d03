import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { adoptHeadModules, buildChangeSet, type ChangeSet } from '../change/changeSet.js';
import { type ChangeToEvaluate, evaluateChange } from '../policy/evaluateChange.js';
import type { ParsedFile } from '../terraform/model.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import type { AppEvaluation, BuildRequest, WorkerMessage, WorkerRequest, WorkerResponse } from './changeSetWorker.js';
import { unpackHeadLocations } from './headLocations.js';
import { type ModuleScanner, scannedSourcesInSlices } from './moduleGraph.js';
import { nextTurn } from './nextTurn.js';

/**
 * Builds change sets for the app. A large one takes seconds of CPU; built on the event loop it
 * would hold up every other webhook for as long, so it is built in a worker thread while the
 * event loop goes on. A small one is built in place: handing it over would cost more than it saves.
 */
export interface ChangeSetBuilder {
  /** `parse` is used for the change sets built in place (the worker has a parse cache of its own) */
  build(base: SourceTree, head: SourceTree, parse: (file: SourceFile) => ParsedFile): Promise<ChangeSet>;
  /**
   * `evaluateChange`, the decision and the proposed policy's errors of it: for a change set the
   * worker built and still holds, in the worker (classifying a large change takes the event loop
   * as long as building it would); otherwise in place. The same result either way; a worker that
   * fails fails it.
   */
  evaluate(change: ChangeToEvaluate): Promise<AppEvaluation>;
  /**
   * Reads scans' local module sources (moduleGraph.ts): a large pull request's in the worker, as
   * its change set is built there; a small one's here, in slices.
   */
  scanModules: ModuleScanner;
  /** Stops the worker, if one runs; the builder still builds (in place, or in a new worker). */
  close(): Promise<void>;
  /** The most heap the worker used for the last change set it built (0 before the first), garbage included. */
  lastWorkerPeakHeapBytes(): number;
}

export interface ChangeSetBuilderOptions {
  /** trees with at least this many characters of source (both sides) are built in the worker; default 1,000,000 */
  minWorkerChars?: number;
  /** the worker's script (default: changeSetWorker.js beside this file; without it, everything is built in place) */
  workerUrl?: URL;
  /** a worker still holding more heap than this once idle and collected is stopped; the next large change set starts another; default 1 GB */
  recycleHeapBytes?: number;
  /**
   * The worker's old-generation heap limit in MB (default: V8's, which grows with the machine's
   * memory). A change set that needs more fails, saying so, and the next one starts a new worker.
   */
  maxHeapMb?: number;
  /**
   * How long the worker may go without answering while it has work, in ms (default 5 minutes):
   * then it is stopped. The request it was on (the oldest) fails, saying it took too long; the
   * others it held fail as a transient cause (WORKER_RESTARTED), which the retry schedule retries.
   */
  maxBusyMs?: number;
}

/** The code of the error the requests a stopped worker held fail with: worth trying again (transientFailure.ts). */
export const WORKER_RESTARTED = 'FOUR_EYES_WORKER_RESTARTED';

const DEFAULT_MIN_WORKER_CHARS = 1_000_000;
const DEFAULT_RECYCLE_HEAP_BYTES = 1_000_000_000;
const DEFAULT_MAX_BUSY_MS = 300_000;

export function changeSetBuilder(options: ChangeSetBuilderOptions = {}): ChangeSetBuilder {
  return new WorkerBuilder(
    options.minWorkerChars ?? DEFAULT_MIN_WORKER_CHARS,
    options.workerUrl ?? new URL('./changeSetWorker.js', import.meta.url),
    options.recycleHeapBytes ?? DEFAULT_RECYCLE_HEAP_BYTES,
    options.maxHeapMb,
    options.maxBusyMs ?? DEFAULT_MAX_BUSY_MS,
  );
}

interface Pending {
  resolve: (response: WorkerResponse) => void;
  reject: (error: Error) => void;
  /** when its last message went to the worker (a sequence number): the worker takes requests in that order */
  posted?: number;
  /** the worker doing it */
  worker: Worker;
}

class WorkerBuilder implements ChangeSetBuilder {
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #workerPeakHeapBytes = 0;
  /** The change sets the worker built, by which worker and under which request id it keeps them. */
  readonly #builtBy = new WeakMap<ChangeSet, { worker: Worker; id: number }>();
  /** Run from sources (tests), there is no compiled worker script: build in place. */
  readonly #hasWorker: boolean;

  constructor(
    private readonly minWorkerChars: number,
    private readonly workerUrl: URL,
    private readonly recycleHeapBytes: number,
    private readonly maxHeapMb: number | undefined,
    private readonly maxBusyMs: number,
  ) {
    this.#hasWorker = existsSync(fileURLToPath(workerUrl));
  }

  build(base: SourceTree, head: SourceTree, parse: (file: SourceFile) => ParsedFile): Promise<ChangeSet> {
    if (!this.#hasWorker || sourceChars(base) + sourceChars(head) < this.minWorkerChars)
      return inTurnOfItsOwn(() => buildChangeSet(base, head, { parse }));
    const id = this.#nextId++;
    const worker = this.worker();
    const built = this.ask(worker, id);
    void this.send(worker, id, base, head);
    return built.then((response) => {
      if (!('changeSet' in response)) throw new Error('the change-set worker answered a build with no change set');
      const packed = response.headModules;
      adoptHeadModules(response.changeSet, () => unpackHeadLocations(packed));
      this.#builtBy.set(response.changeSet, { worker, id });
      return response.changeSet;
    });
  }

  readonly scanModules: ModuleScanner = async (scans) => {
    let chars = 0;
    for (const scan of scans) chars += scan.content.length;
    if (!this.#hasWorker || chars < this.minWorkerChars) return scannedSourcesInSlices(scans);
    const id = this.#nextId++;
    const worker = this.worker();
    const answer = this.ask(worker, id);
    const messages = [...parts(scans, (scan) => scan.content.length)].map((scanPart) => ({ id, scanPart }));
    void this.sendInParts(worker, id, messages, { id, scan: true });
    const response = await answer;
    if (!('scanned' in response)) throw new Error('the change-set worker answered a module scan with no sources');
    return response.scanned;
  };

  async evaluate(change: ChangeToEvaluate): Promise<AppEvaluation> {
    const built = this.#builtBy.get(change.changeSet);
    if (built && built.worker === this.#worker) {
      const id = this.#nextId++;
      const answer = this.ask(built.worker, id);
      const { changeSet: _held, ...rest } = change;
      built.worker.ref();
      this.post(built.worker, id, { id, evaluate: built.id, change: rest });
      const response = await answer;
      if ('evaluated' in response && response.evaluated !== null) return response.evaluated;
      // Not held any more (the worker keeps the last few): evaluated here, as a small change is.
    }
    const { decision, proposedPolicyErrors } = await inTurnOfItsOwn(() => evaluateChange(change));
    return { decision, proposedPolicyErrors };
  }

  /** The answer to request `id` of `worker`: rejected with the worker's error, or if it dies first. */
  private ask(worker: Worker, id: number): Promise<WorkerResponse> {
    const answer = new Promise<WorkerResponse>((resolve, reject) => this.#pending.set(id, { resolve, reject, worker }));
    if (this.#watchdog?.worker !== worker) this.watch(worker);
    return answer;
  }

  /** Armed while a worker has work; each answer re-arms it (see maxBusyMs). */
  #watchdog: { worker: Worker; timer: NodeJS.Timeout } | null = null;

  private watch(worker: Worker): void {
    this.unwatch(this.#watchdog?.worker ?? worker);
    if (!this.busy(worker)) return;
    const timer = setTimeout(() => this.stuck(worker), this.maxBusyMs);
    timer.unref();
    this.#watchdog = { worker, timer };
  }

  private unwatch(worker: Worker): void {
    if (this.#watchdog?.worker !== worker) return;
    clearTimeout(this.#watchdog.timer);
    this.#watchdog = null;
  }

  /** The worker went `maxBusyMs` without answering: stopped, its oldest request blamed, the others to be tried again. */
  private stuck(worker: Worker): void {
    const seconds = Math.round(this.maxBusyMs / 1000);
    this.blameOldest(
      worker,
      new Error(
        `the change-set worker gave no answer in ${seconds} s (FOUR_EYES_WORKER_TIMEOUT_SECONDS) building this pull request's change set; it was stopped: split the pull request, or raise the limit`,
      ),
      `was stopped after ${seconds} s`,
    );
    void this.stop(worker);
  }

  /**
   * The request the worker is on fails with `cause`: the first whose last message was posted (it
   * takes requests first in, first out). The others it held did nothing wrong, and fail as worth
   * trying again (WORKER_RESTARTED).
   */
  private blameOldest(worker: Worker, cause: Error, what: string): void {
    if (this.#worker === worker) this.#worker = null;
    this.unwatch(worker);
    const held = [...this.#pending].filter(([, pending]) => pending.worker === worker);
    const onIt = Math.min(...held.map(([, pending]) => pending.posted ?? Number.POSITIVE_INFINITY));
    for (const [id, pending] of held) {
      this.#pending.delete(id);
      pending.reject(
        pending.posted === onIt
          ? cause
          : Object.assign(
              new Error(
                `the change-set worker ${what} on another pull request, with this one waiting; it is tried again`,
              ),
              { code: WORKER_RESTARTED },
            ),
      );
    }
  }

  /**
   * Copying a message blocks the event loop for as long as it takes (a 20 MB pull request: a
   * few hundred milliseconds), so the trees go in parts, the event loop turning between them.
   */
  private send(worker: Worker, id: number, base: SourceTree, head: SourceTree): Promise<void> {
    const messages = (['base', 'head'] as const).flatMap((side) =>
      [...parts((side === 'base' ? base : head).files, (file) => file.content.length)].map(
        (files): BuildRequest => ({ id, side, files }),
      ),
    );
    return this.sendInParts(worker, id, messages, { id, build: true });
  }

  /** The parts of request `id`, the event loop turning between them, then the message that ends it. */
  private async sendInParts(worker: Worker, id: number, messages: WorkerRequest[], last: WorkerRequest): Promise<void> {
    worker.ref();
    for (const part of messages) {
      if (!this.#pending.has(id)) return; // the worker died: the request has failed already
      worker.postMessage(part);
      await nextTurn();
    }
    if (this.#pending.has(id)) this.post(worker, id, last);
  }

  #posts = 0;

  /** Posts the message that completes request `id`: the worker takes it up after those posted before. */
  private post(worker: Worker, id: number, last: WorkerRequest): void {
    const pending = this.#pending.get(id);
    if (pending) pending.posted = ++this.#posts;
    worker.postMessage(last);
  }

  lastWorkerPeakHeapBytes(): number {
    return this.#workerPeakHeapBytes;
  }

  async close(): Promise<void> {
    if (this.#worker) await this.stop(this.#worker);
  }

  private async stop(worker: Worker): Promise<void> {
    if (this.#worker === worker) this.#worker = null;
    await worker.terminate();
  }

  private worker(): Worker {
    if (this.#worker) return this.#worker;
    const limit = this.maxHeapMb;
    const worker = new Worker(
      this.workerUrl,
      limit === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: limit } },
    );
    worker.on('message', (message: WorkerMessage) => {
      if (!('idle' in message)) this.settle(message);
      // Live data this large (a parse cache grown past its bounds?) is let go with the worker.
      else if (message.heapBytes > this.recycleHeapBytes && !this.busy(worker)) void this.stop(worker);
    });
    worker.on('error', (error) => {
      if (outOfMemory(error)) this.blameOldest(worker, new Error(tooLarge(limit)), 'ran out of memory');
      else this.failAll(worker, error);
    });
    worker.on('exit', (code) => this.failAll(worker, new Error(`the change-set worker exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  private settle(response: WorkerResponse): void {
    if ('peakHeapBytes' in response) this.#workerPeakHeapBytes = response.peakHeapBytes;
    const pending = this.#pending.get(response.id);
    if (!pending) return;
    this.#pending.delete(response.id);
    this.watch(pending.worker);
    // An idle worker does not keep the process up; one with work does, like any pending I/O.
    if (!this.busy(pending.worker)) pending.worker.unref();
    if ('error' in response) {
      pending.reject(
        new Error(
          `${'evaluating' in response ? 'evaluating' : 'building'} the change set failed in the worker: ${response.error}`,
        ),
      );
      return;
    }
    pending.resolve(response);
  }

  private busy(worker: Worker): boolean {
    return [...this.#pending.values()].some((pending) => pending.worker === worker);
  }

  /** A worker that fails takes its jobs with it: each fails (and is retried as any failed evaluation); the next job starts a new worker. */
  private failAll(worker: Worker, error: Error): void {
    if (this.#worker === worker) this.#worker = null;
    this.unwatch(worker);
    for (const [id, pending] of this.#pending) {
      if (pending.worker !== worker) continue;
      this.#pending.delete(id);
      pending.reject(error);
    }
  }
}

function outOfMemory(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** Why a change set that outgrew the worker's heap is not evaluated, and what to do. */
function tooLarge(limitMb: number | undefined): string {
  const limit = limitMb === undefined ? "V8's default heap limit" : `its limit of ${limitMb} MB`;
  return `the change-set worker ran out of memory (${limit}, FOUR_EYES_WORKER_MEMORY_MB) building this pull request's change set: raise the limit, or split the pull request`;
}

/** A message's worth of files: about this many characters of content. */
const PART_CHARS = 1_000_000;

function* parts<T>(items: readonly T[], charsOf: (item: T) => number): Generator<T[]> {
  let part: T[] = [];
  let chars = 0;
  for (const item of items) {
    part.push(item);
    chars += charsOf(item);
    if (chars >= PART_CHARS) {
      yield part;
      part = [];
      chars = 0;
    }
  }
  if (part.length > 0) yield part;
}

function sourceChars(tree: SourceTree): number {
  let chars = 0;
  for (const file of tree.files) chars += file.content.length;
  return chars;
}

/**
 * Work done in place, in a turn of the event loop of its own: a small change set still takes
 * tens of milliseconds to build or judge, and the store queries and rendering on either side of
 * it would otherwise run in the same turn, holding up every other webhook for the sum of them.
 */
async function inTurnOfItsOwn<T>(work: () => T): Promise<T> {
  await nextTurn();
  const result = work();
  await nextTurn();
  return result;
}
