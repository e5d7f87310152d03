import type { Block, Diagnostic, ParsedFile, Position, Range } from '../../../src/terraform/model.js';

/** Helpers shared by the `.tf.json` specification tests. */

/** `line:column-line:column`: a range in one short string, for tables. */
export function span(range: Range): string {
  const p = (q: Position): string => `${q.line}:${q.column}`;
  return `${p(range.start)}-${p(range.end)}`;
}

/** Diagnostics as `message @ range`, for exact comparison. */
export function diagnosticLines(file: { diagnostics: Diagnostic[] }): string[] {
  return file.diagnostics.map((d) => `${d.severity}: ${d.message} @ ${span(d.range)}`);
}

/**
 * What later stages read from a file: block types, labels, nested blocks, attribute names,
 * canonical text and literal value. Two files with the same outline are the same configuration.
 */
export function outline(file: ParsedFile): string[] {
  const lines: string[] = [];
  const visit = (block: Block, indent: string): void => {
    lines.push(`${indent}${[block.type, ...block.labels.map((l) => JSON.stringify(l))].join(' ')}`);
    for (const a of block.attributes) {
      lines.push(
        `${indent}  ${a.name} = ${a.text}${a.value === undefined ? '' : `  (value ${JSON.stringify(a.value)})`}`,
      );
    }
    for (const b of block.blocks) visit(b, indent + '  ');
  };
  for (const b of file.blocks) visit(b, '');
  return lines;
}
