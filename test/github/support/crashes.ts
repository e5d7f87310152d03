/** Thrown where a test makes Four Eyes "die": after GitHub did something, before Four Eyes wrote it down. */
class SimulatedCrash extends Error {
  constructor(where: string) {
    super(`simulated crash: ${where}`);
  }
}

/**
 * Makes the next call of `target[method]` (that `when` picks) fail as if the process died right
 * there, once; other calls behave. The store write it replaces never happens, as in a real crash.
 */
export function crashOnce<T extends object, K extends keyof T>(
  target: T,
  method: K,
  when: (...args: unknown[]) => boolean = () => true,
): void {
  const original = target[method] as (...args: unknown[]) => unknown;
  let crashed = false;
  (target as Record<K, unknown>)[method] = (...args: unknown[]) => {
    if (crashed || !when(...args)) return original.apply(target, args);
    crashed = true;
    return Promise.reject(new SimulatedCrash(String(method)));
  };
}
