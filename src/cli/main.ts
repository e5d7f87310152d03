import { auditHelp, runAudit } from './commands/audit.js';
import { catalogHelp, runCatalog } from './commands/catalog.js';
import { classifyHelp, runClassify } from './commands/classify.js';
import { diffHelp, runDiff } from './commands/diff.js';
import { evaluateHelp, runEvaluate } from './commands/evaluate.js';
import { inventoryHelp, runInventory } from './commands/inventory.js';
import { planDigestHelp, runPlanDigest } from './commands/planDigest.js';
import type { Command, CommandContext, CommandResult } from './commands/result.js';
import { runValidateConfig, validateConfigHelp } from './commands/validateConfig.js';
import { runCommand, writeResult } from './runCommand.js';

/** Every command, in the order the usage lists them. */
const COMMANDS: Record<string, Command> = {
  inventory: { run: runInventory, help: inventoryHelp },
  diff: { run: runDiff, help: diffHelp },
  classify: { run: runClassify, help: classifyHelp },
  evaluate: { run: runEvaluate, help: evaluateHelp },
  'plan-digest': { run: runPlanDigest, help: planDigestHelp },
  'validate-config': { run: runValidateConfig, help: validateConfigHelp },
  catalog: { run: runCatalog, help: catalogHelp },
  audit: { run: runAudit, help: auditHelp },
};

const usage = `Usage: four-eyes <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => '  ' + (c.help.split('\n')[0] ?? '').replace('Usage: four-eyes ', ''))
  .join('\n')}

Run four-eyes <command> --help for details.`;

/** Runs one invocation and writes what it produced to `context.io`. Returns the exit code. */
export async function runCliAsync(
  argv: string[],
  io: CommandContext['io'],
  env: CommandContext['env'],
): Promise<number> {
  return writeResult(await dispatch(argv, { io, env }), io);
}

/**
 * Runs an invocation whose command answers without waiting (every command but `audit` and
 * `evaluate --record`): for embedding and tests. Never throws for bad input (exit code 2).
 */
export function runCli(argv: string[]): CommandResult {
  // Answers as on a terminal (JSON indented); what a command writes as it goes comes first in `stdout`.
  let written = '';
  const stdout = { write: (text: string) => (written += text), isTTY: true };
  const result = dispatch(argv, { io: { stdout, stderr: discard }, env: {} });
  if (result instanceof Promise) throw new Error(`four-eyes ${argv[0]} works asynchronously; call runCliAsync`);
  return written === '' ? result : { ...result, stdout: written + result.stdout };
}

const discard = { write: () => true };

function dispatch(argv: string[], context: CommandContext): CommandResult | Promise<CommandResult> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return { stdout: usage + '\n', exitCode: name === undefined ? 2 : 0 };
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command)
    return {
      stdout: '',
      stderr: `four-eyes: unknown command "${name}"; expected one of ${Object.keys(COMMANDS).join(', ')}\n`,
      exitCode: 2,
    };
  return runCommand(command, rest, context);
}
