// The machine's load, as the benches see it: a fixed loop timed at the start and at the end of a
// run. About 290 ms on a quiet 2-core machine of the kind CI uses; much more means another
// process took the CPU, and the wall times measured in between are not to be trusted.
import { performance } from 'node:perf_hooks';

/** How long the fixed loop took, in milliseconds. */
export function machineCheckMs() {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 5e7; i++) x = (x * 31 + i) | 0;
  const ms = performance.now() - start;
  return x === 0.5 ? -1 : ms; // never true; keeps the loop from being optimised away
}
