import { processEnvironment } from '../settings.js';
import { COMMAND_MODULES } from './commandModules.js';
import { runCommand, writeResult } from './runCommand.js';

// Process edge: write what the command produced and exit with its code.
// A reader that goes away early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const [name, ...rest] = process.argv.slice(2);
const context = { io: { stdout: process.stdout, stderr: process.stderr }, env: processEnvironment() };
// A command loads only its own module; the usage and unknown commands go through main.ts.
const load = name !== undefined && Object.hasOwn(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : undefined;
process.exitCode = load
  ? writeResult(await runCommand(await load(), rest, context), context.io)
  : await (await import('./main.js')).runCliAsync(process.argv.slice(2), context.io, context.env);
