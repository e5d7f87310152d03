/**
 * Resolves in a later turn of the event loop, after pending I/O and timers: long work on the
 * app's thread awaits it between steps, so other webhooks are served in between.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
