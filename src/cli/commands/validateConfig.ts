import { readFileSync } from 'node:fs';
import { BUILTIN_RULE_IDS } from '../../classify/catalog/index.js';
import { loadPolicy } from '../../config/loadPolicy.js';
import { parseCommandArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { formatConfigErrors } from '../policySource.js';
import type { CommandResult } from './result.js';

export const validateConfigHelp = `Usage: four-eyes validate-config <file>

Validates a policy file (.github/four-eyes.yml) against config-schema/four-eyes.schema.json and
the rules a schema cannot express (exception expiry, rule ids, regular expressions).
Exit code 0 when valid; 1 with every error as file:line:column: message; 2 on bad usage.`;

export function runValidateConfig(argv: string[]): CommandResult {
  const { values, positionals } = parseCommandArgs('validate-config', argv, { help: { type: 'boolean', short: 'h' } });
  if (values.help) return { stdout: validateConfigHelp + '\n', exitCode: 0 };
  if (positionals.length !== 1) throw new UsageError('validate-config: give exactly one policy file');
  const path = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no such file or directory: ${path}`
        : code === 'EISDIR'
          ? `the policy file is a directory: ${path}`
          : `cannot read ${path} (${code ?? 'unreadable'})`,
    );
  }
  const loaded = loadPolicy(text, BUILTIN_RULE_IDS);
  if (loaded.ok) return { stdout: `${path}: valid\n`, exitCode: 0 };
  return {
    stdout: formatConfigErrors(path, loaded.errors),
    stderr: `four-eyes: ${loaded.errors.length} error(s) in ${path}\n`,
    exitCode: 1,
  };
}
