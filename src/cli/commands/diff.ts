import { buildChangeSet, type Change, type ChangeSet } from '../../change/changeSet.js';
import { reachedTrees, withOldProblems } from '../../change/reachedTrees.js';
import { renderTable, summarizeList } from '../../report/table.js';
import { outputFormat, parseCommandArgs, rejectPositionals, requireString } from '../args.js';
import { readSourceTree } from '../readTree.js';
import { jsonStyle, jsonText } from '../render/jsonOutput.js';
import { diagnosticJson, rangeJson } from '../render/syntaxOutline.js';
import type { CommandContext, CommandResult } from './result.js';

export const diffHelp = `Usage: four-eyes diff --base <dir> --head <dir> [--format json|text]

Prints the Terraform change set between two checkouts: each object (resource, data source,
module, provider, variable, output, local, terraform/backend settings, moved/import/removed/check
blocks) that is created, deleted, updated (with the changed attribute paths) or moved.
Formatting-only edits are no change. JSON is indented on a terminal, compact otherwise
(--pretty indents it anyway). Exit code 1 when a Terraform file does not parse
(its objects cannot be compared), 2 on bad usage.`;

export function runDiff(argv: string[], context: CommandContext): CommandResult {
  const { values, positionals } = parseCommandArgs('diff', argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    format: { type: 'string' },
    pretty: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { stdout: diffHelp + '\n', exitCode: 0 };
  rejectPositionals('diff', positionals);
  const format = outputFormat('diff', values.format, ['json', 'text'] as const, 'json');
  const base = readSourceTree(requireString('diff', values.base, 'base'));
  const head = readSourceTree(requireString('diff', values.head, 'head'), base);
  const reached = reachedTrees(base, head);
  const changeSet = withOldProblems(buildChangeSet(reached.base, reached.head), reached.outOfReach);
  const stdout =
    format === 'json'
      ? jsonText(changeSetJson(changeSet), jsonStyle(values.pretty, context.io.stdout))
      : changeSetText(changeSet);
  const unparsed = changeSet.unparsed.length;
  const headProblems = changeSet.problems.filter((p) => p.side === 'head').length;
  let stderr = unparsed ? `four-eyes: ${unparsed} Terraform file(s) do not parse; their changes cannot be known\n` : '';
  if (headProblems) stderr += `four-eyes: the head revision has ${headProblems} problem(s) Terraform would reject\n`;
  return { stdout, stderr, exitCode: unparsed || headProblems ? 1 : 0 };
}

function changeSetJson(changeSet: ChangeSet) {
  return {
    changes: changeSet.changes.map((change) => ({
      action: change.action,
      kind: change.kind,
      module: change.module,
      address: change.address,
      ...(change.from ? { from: change.from } : {}),
      changedPaths: change.changedPaths,
      ...(change.instances ? { instances: change.instances } : {}),
      ...(change.base ? { base: { file: change.base.file, range: rangeJson(change.base.range) } } : {}),
      ...(change.head ? { head: { file: change.head.file, range: rangeJson(change.head.range) } } : {}),
    })),
    files: changeSet.files,
    unparsed: changeSet.unparsed.map((u) => ({
      side: u.side,
      path: u.path,
      diagnostics: u.diagnostics.map(diagnosticJson),
    })),
    problems: changeSet.problems,
  };
}

function location(change: Change): string {
  const ref = change.head ?? change.base;
  return ref ? `${ref.file}:${ref.range.start.line}` : '';
}

function changeSetText(changeSet: ChangeSet): string {
  const rows = changeSet.changes.map((change) => [
    change.action,
    (change.module === '.' ? '' : change.module + ': ') + change.address,
    location(change),
    change.from
      ? `from ${change.from.module === '.' ? '' : change.from.module + ': '}${change.from.address}`
      : change.changedPaths.length > 0 || !change.instances
        ? summarizeList(change.changedPaths)
        : summarizeList(change.instances.map((i) => (i.root === '.' ? '' : `${i.root}: `) + i.address)),
  ]);
  let out = rows.length
    ? renderTable(['ACTION', 'ADDRESS', 'LOCATION', 'DETAIL'], rows, 100)
    : 'No Terraform changes.\n';
  const others = changeSet.files.filter((f) => !f.terraform);
  if (others.length) out += `\nOther changed files: ${others.map((f) => `${f.path} (${f.status})`).join(', ')}\n`;
  for (const p of changeSet.problems) {
    out += `${p.side}: ${p.files.join(', ')}: ${p.module === '.' ? '' : p.module + ': '}${p.address}: ${p.message}\n`;
  }
  for (const u of changeSet.unparsed) {
    for (const d of u.diagnostics.filter((x) => x.severity === 'error')) {
      out += `${u.side}: ${u.path}:${d.range.start.line}:${d.range.start.column}: error: ${d.message}\n`;
    }
  }
  return out;
}
