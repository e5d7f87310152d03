import { auditHelp, runAudit, type Output } from './commands/audit.js';
import { catalogHelp, runCatalog } from './commands/catalog.js';
import { runEvaluateRecorded } from './commands/evaluateRecord.js';
import { classifyHelp, runClassify } from './commands/classify.js';
import { runDiff, diffHelp } from './commands/diff.js';
import { evaluateHelp, runEvaluate } from './commands/evaluate.js';
import { runInventory, inventoryHelp } from './commands/inventory.js';
import type { CommandResult } from './commands/result.js';
import { runValidateConfig, validateConfigHelp } from './commands/validateConfig.js';
import { UsageError } from './errors.js';

const COMMANDS: Record<string, { run: (argv: string[]) => CommandResult; help: string }> = {
  inventory: { run: runInventory, help: inventoryHelp },
  diff: { run: runDiff, help: diffHelp },
  classify: { run: runClassify, help: classifyHelp },
  evaluate: { run: runEvaluate, help: evaluateHelp },
  'validate-config': { run: runValidateConfig, help: validateConfigHelp },
  catalog: { run: runCatalog, help: catalogHelp },
};

const usage = `Usage: four-eyes <command> [options]

Commands:
${[...Object.values(COMMANDS).map((c) => c.help), auditHelp].map((help) => '  ' + (help.split('\n')[0] ?? '').replace('Usage: four-eyes ', '')).join('\n')}

Run four-eyes <command> --help for details.`;

/** Runs one CLI invocation; never throws for bad input (usage errors are exit code 2). */
export function runCli(argv: string[]): CommandResult {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return { stdout: usage + '\n', exitCode: name === undefined ? 2 : 0 };
  }
  const command = COMMANDS[name];
  if (!command) return { stdout: '', stderr: `four-eyes: unknown command "${name}"; expected one of ${[...Object.keys(COMMANDS), 'audit'].join(', ')}\n`, exitCode: 2 };
  try {
    return command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) return { stdout: '', stderr: `four-eyes: ${error.message}\n`, exitCode: 2 };
    throw error;
  }
}

/**
 * Runs one invocation, the commands that use the audit store (`audit`, `evaluate --record`)
 * included: they stream to `io` (an export can be large). Returns the exit code.
 */
export async function runCliAsync(argv: string[], io: Output, env: Record<string, string | undefined>): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === 'audit') return await runAudit(rest, io, env);
    if (name === 'evaluate' && rest.includes('--record')) return await runEvaluateRecorded(rest, io, env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`four-eyes: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const result = runCli(argv);
  io.stdout.write(result.stdout);
  if (result.stderr) io.stderr.write(result.stderr);
  return result.exitCode;
}
