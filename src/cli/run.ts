import { processEnvironment } from '../settings.js';
import { runCliAsync } from './main.js';

// Process edge: write what the command produced and exit with its code.
// A reader that goes away early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await runCliAsync(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr },
  processEnvironment(),
);
