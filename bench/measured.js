// Runs a program in this process — `node bench/measured.js <script> <args>...` runs <script>
// as if started by `node <script> <args>...` — and, as the process exits, writes what it cost
// as JSON to file descriptor 3: peak RSS and CPU time. bench/memory.js times the whole process
// from outside (start-up included), as a user waits for it.

import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
if (script === undefined) {
  console.error('usage: node bench/measured.js <script> [args...]   (reports on file descriptor 3)');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(script), ...args];
process.on('exit', (code) => {
  const usage = process.resourceUsage();
  writeSync(
    3,
    JSON.stringify({
      exitCode: code,
      peakRssMiB: usage.maxRSS / 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    }),
  );
});
await import(pathToFileURL(resolve(script)).href);
