import type { Command, CommandContext, CommandResult } from './commands/result.js';
import { UsageError } from './errors.js';

/** Runs one command with its arguments; a usage error becomes one line on stderr and exit code 2. */
export function runCommand(
  command: Command,
  argv: string[],
  context: CommandContext,
): CommandResult | Promise<CommandResult> {
  try {
    const result = command.run(argv, context);
    return result instanceof Promise ? result.catch(usageErrorResult) : result;
  } catch (error) {
    return usageErrorResult(error);
  }
}

/** Writes what a command produced (after what it wrote as it went) and returns its exit code. */
export function writeResult(result: CommandResult, io: CommandContext['io']): number {
  io.stdout.write(result.stdout);
  if (result.stderr) io.stderr.write(result.stderr);
  return result.exitCode;
}

/** A usage error is one line on stderr and exit code 2; anything else is a bug and propagates. */
function usageErrorResult(error: unknown): CommandResult {
  if (error instanceof UsageError) return { stdout: '', stderr: `four-eyes: ${error.message}\n`, exitCode: 2 };
  throw error;
}
