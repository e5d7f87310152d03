import { planDigest } from '../../plan/planDigest.js';
import type { Plan, PlanError } from '../../plan/planModel.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { isFileSystemError, readPlanFile } from '../planFile.js';
import type { CommandResult } from './result.js';

export const planDigestHelp = `Usage: four-eyes plan-digest <plan.json>... [--format text|json]

Prints the digest of each plan (the JSON of \`terraform show -json <planfile>\`): a SHA-256 of
what it will do (addresses, actions, after values, unknown markers; not before values, the
prior state, timestamps or versions), the same for the same intended change. Text prints
"<digest>  <file>" per plan, like sha256sum; json prints
[{source, digest, resourceChanges, formatVersion, terraformVersion}].
Exit code 0 when every plan was read; 1 when one cannot be (its error as file:line: message on
stderr; the others are still printed); 2 on bad usage or a missing file.`;

interface DigestedPlan {
  source: string;
  digest: string;
  resourceChanges: number;
  formatVersion: string;
  terraformVersion: string | null;
}

export function runPlanDigest(argv: string[]): CommandResult {
  const { values, positionals } = parseCommandArgs('plan-digest', argv, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { stdout: planDigestHelp + '\n', exitCode: 0 };
  const format = outputFormat('plan-digest', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length === 0) throw new UsageError('plan-digest: give at least one plan JSON file');
  const digested: DigestedPlan[] = [];
  const errors: PlanError[] = [];
  for (const path of positionals) {
    const result = readPlan(path);
    if ('error' in result) {
      errors.push(result.error);
      continue;
    }
    const { plan } = result;
    const { formatVersion, terraformVersion } = plan;
    digested.push({
      source: path,
      digest: planDigest(plan),
      resourceChanges: plan.resourceChanges.length,
      formatVersion,
      terraformVersion,
    });
  }
  const stdout =
    format === 'json'
      ? JSON.stringify(digested, null, 2) + '\n'
      : digested.map(({ digest, source }) => `${digest}  ${source}\n`).join('');
  const stderr = errors.map((e) => `${e.source}${e.line === null ? '' : `:${e.line}`}: ${e.message}\n`).join('');
  return { stdout, stderr, exitCode: errors.length > 0 ? 1 : 0 };
}

function readPlan(path: string): { plan: Plan } | { error: PlanError } {
  try {
    return readPlanFile(path);
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    const code = error.code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no such file or directory: ${path}`
        : code === 'EISDIR'
          ? `a plan is a file, not a directory: ${path}`
          : `cannot read ${path} (${code ?? 'unreadable'})`,
    );
  }
}
