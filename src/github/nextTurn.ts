/**
 * Resolves in a later turn of the event loop, after pending I/O and timers: long work on the
 * app's thread awaits it between steps, so other webhooks are served in between.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * For long work on the app's thread, done step by step: awaited after each step, it lets the event
 * loop turn once `sliceMs` have passed since the last turn, so other webhooks wait at most a slice.
 */
export function turnEvery(sliceMs: number): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
}

/**
 * How long sliced work on the app's thread runs between turns. Each turn another webhook's
 * evaluation takes waits for at most one slice: a small pull request takes a dozen turns (its
 * GitHub requests, its build, its record), so beside a large one it waits for a dozen slices.
 */
export const SLICE_MS = 4;
