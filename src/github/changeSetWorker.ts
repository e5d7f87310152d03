import { GCProfiler, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { adoptHeadModules, buildChangeSet, type ChangeSet, headModulesOf } from '../change/changeSet.js';
import type { Decision } from '../policy/decision.js';
import { type ChangeToEvaluate, evaluateChange } from '../policy/evaluateChange.js';
import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { LruCache } from '../util/lruCache.js';
import { type CachedParse, cachedParser, DEFAULT_CACHE_BOUNDS } from './caches.js';
import { type HeadLocations, type PackedHeadLocations, packHeadLocations } from './headLocations.js';
import { type ModuleScan, scannedSources } from './moduleGraph.js';

/**
 * The worker thread of changeSetBuilder.ts: builds change sets off the app's event loop, one at
 * a time, with a parse cache of its own, and evaluates the last few it built. Pure work only: no
 * network, no store, no clock (`now` comes with the request).
 */

/**
 * A change set is asked for in parts, so that no one message takes long to copy: each side's
 * files in pieces of about a megabyte, then `build`.
 */
export type BuildRequest = { id: number; side: 'base' | 'head'; files: SourceFile[] } | { id: number; build: true };

/** `evaluateChange` of the change set built for request `evaluate`, with everything else it needs. */
export type EvaluateRequest = { id: number; evaluate: number; change: Omit<ChangeToEvaluate, 'changeSet'> };

/** Module calls read from files' texts (moduleGraph.ts), sent in parts as a build's trees are, then `scan`. */
export type ScanRequest = { id: number; scanPart: ModuleScan[] } | { id: number; scan: true };

export type WorkerRequest = BuildRequest | EvaluateRequest | ScanRequest;

/** What the app takes of `evaluateChange`: the findings are in the decision. */
export interface AppEvaluation {
  decision: Decision;
  proposedPolicyErrors: ReturnType<typeof evaluateChange>['proposedPolicyErrors'];
}

/** `evaluated` is null when the change set is not held any more: the app evaluates it itself. */
export type EvaluateResponse =
  | { id: number; evaluated: AppEvaluation | null }
  | { id: number; evaluating: true; error: string };

/** Each scan's local module sources, in order. */
export type ScanResponse =
  | { id: number; scanned: (readonly string[])[] }
  | { id: number; scanning: true; error: string };

export type WorkerResponse = BuildResponse | EvaluateResponse | ScanResponse;

/**
 * What the worker says when a build is done: the change set (or why not), then how much heap it
 * holds idle (once it has collected its garbage, when the build left much); and each evaluation.
 */
export type WorkerMessage = WorkerResponse | { idle: true; heapBytes: number };

export type BuildResponse = (
  | { id: number; changeSet: ReturnType<typeof buildChangeSet>; headModules: PackedHeadLocations }
  | { id: number; error: string }
) & {
  /** the most heap the worker used while building it (garbage included), for operators and benchmarks */
  peakHeapBytes: number;
};

const parses = new LruCache<string, CachedParse>(DEFAULT_CACHE_BOUNDS.parseSourceBytes, (parsed) => parsed.sourceBytes);

/** The trees of the change sets being sent, by request id. */
const receiving = new Map<number, { base: SourceTree; head: SourceTree }>();

/** Change sets kept for their evaluation: an evaluation asks for its own right after reading its plans. */
const HELD_CHANGE_SETS = 4;

/**
 * The change sets last built, by request id, for their evaluation (it follows its build, once
 * the plans are read), with the head's locations in place of its objects, so the trees go.
 */
const held = new LruCache<number, ChangeSet>(HELD_CHANGE_SETS);

/** The files of the module scans being sent, by request id. */
const scanning = new Map<number, ModuleScan[]>();

parentPort?.on('message', (request: WorkerRequest) => {
  if ('evaluate' in request) {
    parentPort?.postMessage(evaluated(request) satisfies WorkerMessage);
    return;
  }
  if ('scanPart' in request) {
    const scans = scanning.get(request.id) ?? [];
    scans.push(...request.scanPart);
    scanning.set(request.id, scans);
    return;
  }
  if ('scan' in request) {
    const scans = scanning.get(request.id) ?? [];
    scanning.delete(request.id);
    parentPort?.postMessage(scanned(request.id, scans) satisfies WorkerMessage);
    return;
  }
  let trees = receiving.get(request.id);
  if (!trees) {
    trees = { base: { files: [] }, head: { files: [] } };
    receiving.set(request.id, trees);
  }
  if ('side' in request) {
    trees[request.side].files.push(...request.files);
    return;
  }
  receiving.delete(request.id);
  const profiler = new GCProfiler();
  profiler.start();
  let built: { changeSet: ReturnType<typeof buildChangeSet>; headModules: PackedHeadLocations } | { error: string };
  try {
    const changeSet = buildChangeSet(trees.base, trees.head, { parse: cachedParser(parses) });
    const kept = locations(headModulesOf(changeSet));
    adoptHeadModules(changeSet, kept);
    held.set(request.id, changeSet);
    built = { changeSet, headModules: packHeadLocations(kept) };
  } catch (error) {
    built = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  const peakHeapBytes = peakHeap(profiler.stop());
  parentPort?.postMessage({ id: request.id, ...built, peakHeapBytes } satisfies WorkerMessage, transferable(built));
  // A large build leaves hundreds of megabytes of garbage that V8 collects only when the worker
  // allocates again, maybe never: collected now, while nothing waits for this worker.
  setImmediate(() => {
    if (getHeapStatistics().used_heap_size > COLLECT_ABOVE_BYTES) collectGarbage?.();
    parentPort?.postMessage({ idle: true, heapBytes: getHeapStatistics().used_heap_size } satisfies WorkerMessage);
  });
});

function scanned(id: number, scans: ModuleScan[]): ScanResponse {
  try {
    return { id, scanned: [...scannedSources(scans)] };
  } catch (error) {
    return { id, scanning: true, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

function evaluated(request: EvaluateRequest): EvaluateResponse {
  const changeSet = held.get(request.evaluate);
  if (!changeSet) return { id: request.id, evaluated: null };
  try {
    const { decision, proposedPolicyErrors } = evaluateChange({ ...request.change, changeSet });
    return { id: request.id, evaluated: { decision, proposedPolicyErrors } };
  } catch (error) {
    return {
      id: request.id,
      evaluating: true,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}

/** The packed locations' memory, moved to the app's thread when they fill it alone (a pooled buffer is copied). */
function transferable(built: { headModules: PackedHeadLocations } | { error: string }): ArrayBuffer[] {
  if (!('headModules' in built)) return [];
  const { buffer, byteOffset, byteLength } = built.headModules;
  return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength ? [buffer] : [];
}

/** Heap in use after a build above which the worker collects its garbage at once. */
const COLLECT_ABOVE_BYTES = 128_000_000;

/** V8's full garbage collection, for this worker's isolate (null if it cannot be had). */
const collectGarbage = exposedGarbageCollector();

function exposedGarbageCollector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const collect: unknown = runInNewContext('gc');
    return typeof collect === 'function' ? (collect as () => void) : null;
  } catch {
    return null;
  }
}

/** The heap's peak during a profile: its size before each collection, and now. */
function peakHeap(profile: ReturnType<GCProfiler['stop']>): number {
  let peak = getHeapStatistics().used_heap_size;
  for (const gc of profile?.statistics ?? []) peak = Math.max(peak, gc.beforeGC.heapStatistics.usedHeapSize);
  return peak;
}

/**
 * What crosses back of the head's objects: their places, and a module call's `source`
 * attribute (what planLocator and guessPlanRoot read), not their bodies: those stay here.
 */
function locations(modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>): HeadLocations {
  const out: HeadLocations = new Map();
  for (const [dir, objects] of modules) {
    const kept = new Map<string, ComparableObject>();
    for (const [address, object] of objects) {
      const source = object.kind === 'module' ? object.ref.body.attributes.filter((a) => a.name === 'source') : [];
      const { module, file, range } = object.ref;
      kept.set(address, {
        kind: object.kind,
        module: object.module,
        address: object.address,
        ref: { module, address: object.ref.address, file, range, body: { attributes: source, blocks: [] } },
        files: object.files,
      });
    }
    out.set(dir, kept);
  }
  return out;
}
