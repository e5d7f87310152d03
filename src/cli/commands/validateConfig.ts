import { readFileSync } from 'node:fs';
import { BUILTIN_RULE_IDS } from '../../classify/catalog/index.js';
import { loadPolicy } from '../../config/loadPolicy.js';
import { unownedRules } from '../../config/ruleOwners.js';
import type { Policy } from '../../model/policy.js';
import { parseCommandArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { formatConfigErrors } from '../policySource.js';
import type { CommandResult } from './result.js';

export const validateConfigHelp = `Usage: four-eyes validate-config [--strict] <file>

Validates a policy file (.github/four-eyes.yml) against config-schema/four-eyes.schema.json and
the rules a schema cannot express (exception expiry, rule ids, regular expressions).
With --strict, a policy that names owners of findings must name one for every high and critical
rule (docs/owners.md); the rules without are listed.
Exit code 0 when valid; 1 with every error as file:line:column: message; 2 on bad usage.`;

export function runValidateConfig(argv: string[]): CommandResult {
  const { values, positionals } = parseCommandArgs('validate-config', argv, {
    strict: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
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
  if (loaded.ok) return values.strict ? strictOwners(path, loaded.policy) : { stdout: `${path}: valid\n`, exitCode: 0 };
  return {
    stdout: formatConfigErrors(path, loaded.errors),
    stderr: `four-eyes: ${loaded.errors.length} error(s) in ${path}\n`,
    exitCode: 1,
  };
}

/** --strict: when the policy names owners of findings, every high and critical rule has one. */
function strictOwners(path: string, policy: Policy): CommandResult {
  const unowned = unownedRules(policy);
  if (unowned.length === 0) return { stdout: `${path}: valid\n`, exitCode: 0 };
  const lines = unowned.map(
    (rule) => `${path}: ${rule.tier} rule ${rule.id} has no owner: give it one (its owner, or catalog.owners)`,
  );
  return {
    stdout: lines.join('\n') + '\n',
    stderr: `four-eyes: ${unowned.length} high or critical rule(s) without an owner in ${path} (--strict)\n`,
    exitCode: 1,
  };
}
