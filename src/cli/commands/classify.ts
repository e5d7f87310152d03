import { buildChangeSet } from '../../change/changeSet.js';
import { type Classification, classifyChangeSet } from '../../classify/classify.js';
import { routeSection } from '../../report/findingRoutes.js';
import { renderTable } from '../../report/table.js';
import { outputFormat, parseCommandArgs, rejectPositionals, requireString } from '../args.js';
import { formatConfigErrors, resolvePolicy } from '../policySource.js';
import { readSourceTree } from '../readTree.js';
import type { CommandResult } from './result.js';

export const classifyHelp = `Usage: four-eyes classify --base <dir> --head <dir> [--config <file>] [--format json|text]

Classifies every changed Terraform object (and changed files such as CODEOWNERS or workflows)
by impact: critical > high > medium > low > none, each finding with its rule and rationale.
The policy is --config, else <base>/.github/four-eyes.yml, else the built-in defaults.
Exit code 0 when classified; 1 when the policy is invalid (nothing is classified: fail closed);
2 on bad usage.`;

export function runClassify(argv: string[]): CommandResult {
  const { values, positionals } = parseCommandArgs('classify', argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { stdout: classifyHelp + '\n', exitCode: 0 };
  rejectPositionals('classify', positionals);
  const format = outputFormat('classify', values.format, ['json', 'text'] as const, 'json');
  const baseDir = requireString('classify', values.base, 'base');
  const base = readSourceTree(baseDir);
  const head = readSourceTree(requireString('classify', values.head, 'head'));
  const policy = resolvePolicy(values.config as string | undefined, baseDir);
  if (policy.errors.length > 0) {
    return {
      stdout: formatConfigErrors(policy.source, policy.errors),
      stderr: `four-eyes: the policy ${policy.source} is invalid; nothing can be classified until it is fixed\n`,
      exitCode: 1,
    };
  }
  const classification = classifyChangeSet(buildChangeSet(base, head), policy.policy);
  const stdout =
    format === 'json'
      ? JSON.stringify(
          {
            tier: classification.tier,
            policy: policy.source,
            findings: classification.findings,
            warnings: classification.warnings,
          },
          null,
          2,
        ) + '\n'
      : classificationText(classification, policy.source);
  return { stdout, exitCode: 0 };
}

function classificationText(classification: Classification, source: string): string {
  const rows = classification.findings.map((f) => [
    f.tier,
    f.action,
    (f.module && f.module !== '.' ? f.module + ': ' : '') + f.address,
    f.ruleId,
    `${f.file}:${f.line}`,
    f.rationale,
  ]);
  const table = rows.length
    ? renderTable(['TIER', 'ACTION', 'ADDRESS', 'RULE', 'LOCATION', 'RATIONALE'], rows, 100)
    : 'No changes to classify.\n';
  const routes = routeSection(classification.findings);
  const routesText = routes.length
    ? `\nWhere changes made elsewhere landed:\n${routes.map((line) => `  - ${line}`).join('\n')}\n`
    : '';
  return `Overall tier: ${classification.tier}  (policy: ${source})\n\n${table}${routesText}${warningsText(classification)}`;
}

/** Old problems out of the change's reach: listed after the findings, not rated. */
function warningsText(classification: Classification): string {
  if (classification.warnings.length === 0) return '';
  const lines = classification.warnings.map(
    (w) => `  - ${w.file}:${w.line} (${w.ruleId}, module ${w.module}): ${w.message}`,
  );
  return `\nWarnings (already at the base, unchanged, in modules this change neither touches nor reaches; not rated):\n${lines.join('\n')}\n`;
}
