import { renderTable } from '../../report/table.js';
import { buildInventory, type Inventory } from '../../terraform/inventory.js';
import type { ParsedFile } from '../../terraform/model.js';
import { isUnderstood } from '../../terraform/model.js';
import { parseTerraformFile } from '../../terraform/parseFile.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { readConfigurationPaths } from '../readTree.js';
import { fileJson, rangeJson } from '../render/syntaxOutline.js';
import type { CommandResult } from './result.js';

export const inventoryHelp = `Usage: four-eyes inventory <file|dir>... [--format json|text]

Lists the Terraform blocks of the given files, and of every *.tf, *.tf.json, *.tofu and
*.tofu.json file under the given directories (a .tofu file replaces the .tf file of the same
name), with their positions and any syntax errors. JSON by default.
Exit code 1 when a file has a syntax error (it cannot be classified), 2 on bad usage.`;

export function runInventory(argv: string[]): CommandResult {
  const { values, positionals } = parseCommandArgs('inventory', argv, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { stdout: inventoryHelp + '\n', exitCode: 0 };
  const format = outputFormat('inventory', values.format, ['json', 'text'] as const, 'json');
  if (positionals.length === 0) throw new UsageError('inventory: give at least one file or directory');
  const parsed = readConfigurationPaths(positionals).map(parseTerraformFile);
  const inventory = buildInventory(parsed);
  const stdout = format === 'json' ? inventoryJson(parsed, inventory) : inventoryText(parsed, inventory);
  const failed = parsed.filter((file) => !isUnderstood(file));
  let stderr = failed.length ? `four-eyes: ${failed.length} file(s) have syntax errors and cannot be classified\n` : '';
  if (inventory.problems.length)
    stderr += `four-eyes: ${inventory.problems.length} problem(s) Terraform would reject\n`;
  return { stdout, stderr, exitCode: failed.length || inventory.problems.length ? 1 : 0 };
}

function inventoryJson(parsed: ParsedFile[], inventory: Inventory): string {
  const objects = inventory.entries.map((entry) => ({
    kind: entry.kind,
    module: entry.module,
    address: entry.address,
    file: entry.file,
    range: rangeJson(entry.range),
    ...(entry.expansion ? { expansion: entry.expansion } : {}),
    ...(entry.source !== undefined ? { source: entry.source } : {}),
    ...(entry.version !== undefined ? { version: entry.version } : {}),
  }));
  return JSON.stringify({ files: parsed.map(fileJson), objects, problems: inventory.problems }, null, 2) + '\n';
}

function inventoryText(parsed: ParsedFile[], inventory: Inventory): string {
  const rows = inventory.entries.map((entry) => [
    entry.module === '.' ? entry.address : `${entry.module}: ${entry.address}`,
    entry.kind,
    `${entry.file}:${entry.range.start.line}`,
  ]);
  let out = renderTable(['ADDRESS', 'KIND', 'LOCATION'], rows, 100);
  for (const problem of inventory.problems) out += `${problem.message}\n`;
  for (const file of parsed) {
    for (const d of file.diagnostics) {
      out += `${file.path}:${d.range.start.line}:${d.range.start.column}: ${d.severity}: ${d.message}\n`;
    }
  }
  return out;
}
