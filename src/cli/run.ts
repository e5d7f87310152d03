import { runCli } from './main.js';

// Process edge: write what the command produced and exit with its code.
const result = runCli(process.argv.slice(2));
process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
