import { buildChangeSet } from '../../change/changeSet.js';
import { reachedTrees, withOldProblems } from '../../change/reachedTrees.js';
import { type Classification, classifyChangeSet } from '../../classify/classify.js';
import type { PlanError } from '../../plan/planModel.js';
import { judgePlans, type PlanSummary } from '../../policy/judgePlans.js';
import { routeSection } from '../../report/findingRoutes.js';
import { findingAction, findingAddress, planLines } from '../../report/planLines.js';
import { shownFindings } from '../../report/shownFindings.js';
import { renderTable } from '../../report/table.js';
import type { SourceTree } from '../../terraform/sourceTree.js';
import { outputFormat, parseCommandArgs, rejectPositionals, requireString } from '../args.js';
import { readPlanFiles } from '../planFiles.js';
import { formatConfigErrors, resolvePolicy } from '../policySource.js';
import { readSourceTree } from '../readTree.js';
import { jsonStyle, jsonText } from '../render/jsonOutput.js';
import type { CommandContext, CommandResult } from './result.js';

export const classifyHelp = `Usage: four-eyes classify --base <dir> --head <dir> [--plan [<root>=]<plan.json> ...] [--config <file>] [--format json|text]
       four-eyes classify --plan <plan.json> [--plan ...] [--config <file>] [--format json|text]

Classifies every changed Terraform object (and changed files such as CODEOWNERS or workflows)
by impact: critical > high > medium > low > none, each finding with its rule and rationale.
With --plan (the output of \`terraform show -json plan.tfplan\`, repeatable), the plan's changes
are judged too, by the same rules; the higher tier wins per object. \`stacks/prod=plan.json\`
says which root the plan was made in (else it is guessed from the head); its findings then point
at the code. Each judged plan is printed with its digest (see \`four-eyes plan-digest\`).
The policy is --config, else <base>/.github/four-eyes.yml, else the built-in defaults.
JSON is indented on a terminal, compact otherwise (--pretty indents it anyway).
Exit code 0 when classified; 1 when the policy is invalid or a plan cannot be read (fail
closed); 2 on bad usage.`;

export function runClassify(argv: string[], context: CommandContext): CommandResult {
  const { values, positionals } = parseCommandArgs('classify', argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    config: { type: 'string' },
    plan: { type: 'string', multiple: true },
    format: { type: 'string' },
    pretty: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { stdout: classifyHelp + '\n', exitCode: 0 };
  rejectPositionals('classify', positionals);
  const format = outputFormat('classify', values.format, ['json', 'text'] as const, 'json');
  const planSpecs = (values.plan as string[] | undefined) ?? [];
  const trees = readTrees(values.base, values.head, planSpecs.length > 0);
  const policy = resolvePolicy(values.config as string | undefined, trees.baseDir);
  if (policy.errors.length > 0) {
    return {
      stdout: formatConfigErrors(policy.source, policy.errors),
      stderr: `four-eyes: the policy ${policy.source} is invalid; nothing can be classified until it is fixed\n`,
      exitCode: 1,
    };
  }
  const reached = reachedTrees(trees.base, trees.head);
  const changeSet = withOldProblems(buildChangeSet(reached.base, reached.head), reached.outOfReach);
  const code = classifyChangeSet(changeSet, policy.policy);
  const evidence = readPlanFiles('classify', planSpecs);
  const judged = planSpecs.length > 0 ? judgePlans(evidence, changeSet, policy.policy, code) : null;
  const classification = judged?.classification ?? code;
  const stdout =
    format === 'json'
      ? jsonText(
          {
            tier: classification.tier,
            policy: policy.source,
            findings: classification.findings,
            warnings: classification.warnings,
            ...(judged ? { plans: judged.summary } : {}),
          },
          jsonStyle(values.pretty, context.io.stdout),
        )
      : classificationText(classification, policy.source) + plansText(judged?.summary);
  if (evidence.unreadable.length > 0) return { stdout, stderr: unreadableText(evidence.unreadable), exitCode: 1 };
  return { stdout, exitCode: 0 };
}

/** Both trees, or none when only plans are classified (then the change in the code is empty). */
function readTrees(
  baseOption: unknown,
  headOption: unknown,
  plansGiven: boolean,
): { base: SourceTree; head: SourceTree; baseDir: string | undefined } {
  if (plansGiven && baseOption === undefined && headOption === undefined)
    return { base: { files: [] }, head: { files: [] }, baseDir: undefined };
  const baseDir = requireString('classify', baseOption, 'base');
  const base = readSourceTree(baseDir);
  return { base, head: readSourceTree(requireString('classify', headOption, 'head'), base), baseDir };
}

function plansText(summary: PlanSummary | undefined): string {
  const lines = planLines(summary);
  return lines.length ? `\nPlans:\n${lines.map((line) => `  - ${line}`).join('\n')}\n` : '';
}

function unreadableText(errors: readonly PlanError[]): string {
  return errors.map((e) => `four-eyes: ${e.source}${e.line === null ? '' : `:${e.line}`}: ${e.message}\n`).join('');
}

function classificationText(classification: Classification, source: string): string {
  const shown = shownFindings(classification.findings);
  const rows = shown.map((f) => [
    f.tier,
    findingAction(f),
    findingAddress(f),
    f.ruleId,
    `${f.file}:${f.line}`,
    f.rationale,
  ]);
  const table = rows.length
    ? renderTable(['TIER', 'ACTION', 'ADDRESS', 'RULE', 'LOCATION', 'RATIONALE'], rows, 100)
    : 'No changes to classify.\n';
  const routes = routeSection(shown);
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
