import { renderTable } from '../../report/table.js';
import { InventoryOutline, type OutlineEntry } from '../../terraform/inventory.js';
import type { ParsedFile } from '../../terraform/model.js';
import { isUnderstood } from '../../terraform/model.js';
import { parseTerraformFile } from '../../terraform/parseFile.js';
import type { SourceFile } from '../../terraform/sourceTree.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { readConfigurationPaths } from '../readTree.js';
import { JsonObjectWriter, jsonStyle } from '../render/jsonOutput.js';
import { fileJson, rangeJson } from '../render/syntaxOutline.js';
import type { CommandContext, CommandResult } from './result.js';

export const inventoryHelp = `Usage: four-eyes inventory <file|dir>... [--format json|text]

Lists the Terraform blocks of the given files, and of every *.tf, *.tf.json, *.tofu and
*.tofu.json file under the given directories (a .tofu file replaces the .tf file of the same
name), with their positions and any syntax errors. JSON by default, written file by file as
each is parsed: indented on a terminal, compact otherwise (--pretty indents it anyway).
Exit code 1 when a file has a syntax error (it cannot be classified), 2 on bad usage.`;

export function runInventory(argv: string[], context: CommandContext): CommandResult {
  const { values, positionals } = parseCommandArgs('inventory', argv, {
    format: { type: 'string' },
    pretty: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { stdout: inventoryHelp + '\n', exitCode: 0 };
  const format = outputFormat('inventory', values.format, ['json', 'text'] as const, 'json');
  if (positionals.length === 0) throw new UsageError('inventory: give at least one file or directory');
  const files = readConfigurationPaths(positionals);
  const listed =
    format === 'json'
      ? inventoryJson(files, new JsonObjectWriter(context.io.stdout, jsonStyle(values.pretty, context.io.stdout)))
      : inventoryText(files);
  let stderr = listed.failed ? `four-eyes: ${listed.failed} file(s) have syntax errors and cannot be classified\n` : '';
  if (listed.problems) stderr += `four-eyes: ${listed.problems} problem(s) Terraform would reject\n`;
  return { stdout: listed.stdout, stderr, exitCode: listed.failed || listed.problems ? 1 : 0 };
}

interface Listed {
  stdout: string;
  /** files with syntax errors */
  failed: number;
  problems: number;
}

/**
 * Each file is parsed, written and dropped before the next (its text too): memory stays that of
 * one file's syntax tree plus the list of objects, however large the tree.
 */
function* parsedOneByOne(files: (SourceFile | null)[]): Generator<ParsedFile> {
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    files[index] = null;
    yield parseTerraformFile(file);
  }
}

function inventoryJson(files: (SourceFile | null)[], out: JsonObjectWriter): Listed {
  const outline = new InventoryOutline();
  let failed = 0;
  out.beginArray('files');
  for (const parsed of parsedOneByOne(files)) {
    out.element(fileJson(parsed));
    outline.add(parsed);
    if (!isUnderstood(parsed)) failed++;
  }
  out.endArray();
  out.beginArray('objects');
  for (const entry of outline.entries) out.element(objectJson(entry));
  out.endArray();
  const problems = outline.problems();
  out.member('problems', problems);
  out.end();
  return { stdout: '', failed, problems: problems.length };
}

function objectJson(entry: OutlineEntry) {
  return {
    kind: entry.kind,
    module: entry.module,
    address: entry.address,
    file: entry.file,
    range: rangeJson(entry.range),
    ...(entry.expansion ? { expansion: entry.expansion } : {}),
    ...(entry.source !== undefined ? { source: entry.source } : {}),
    ...(entry.version !== undefined ? { version: entry.version } : {}),
  };
}

function inventoryText(files: (SourceFile | null)[]): Listed {
  const outline = new InventoryOutline();
  const diagnostics: string[] = [];
  let failed = 0;
  for (const parsed of parsedOneByOne(files)) {
    outline.add(parsed);
    if (!isUnderstood(parsed)) failed++;
    for (const d of parsed.diagnostics) {
      diagnostics.push(`${parsed.path}:${d.range.start.line}:${d.range.start.column}: ${d.severity}: ${d.message}\n`);
    }
  }
  const rows = outline.entries.map((entry) => [
    entry.module === '.' ? entry.address : `${entry.module}: ${entry.address}`,
    entry.kind,
    `${entry.file}:${entry.range.start.line}`,
  ]);
  const problems = outline.problems();
  let out = renderTable(['ADDRESS', 'KIND', 'LOCATION'], rows, 100);
  for (const problem of problems) out += `${problem.message}\n`;
  return { stdout: out + diagnostics.join(''), failed, problems: problems.length };
}
