import type { Attribute, Block, Diagnostic, ParsedFile, Range } from '../../terraform/model.js';

/**
 * The documented, stable JSON shape of `four-eyes inventory`: files, their blocks (nested, same
 * shape) and attributes with 1-based line/column ranges, and the parser's diagnostics.
 * Internal fields (offsets, expression trees) stay out so the shape can stay stable.
 */
export interface RangeJson {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface AttributeJson {
  name: string;
  range: RangeJson;
  text: string;
}

interface BlockJson {
  type: string;
  labels: string[];
  range: RangeJson;
  attributes: AttributeJson[];
  blocks: BlockJson[];
}

export interface FileJson {
  path: string;
  syntax: 'hcl' | 'json';
  blocks: BlockJson[];
  diagnostics: { severity: string; message: string; range: RangeJson }[];
}

export function rangeJson(range: Range): RangeJson {
  return {
    start: { line: range.start.line, column: range.start.column },
    end: { line: range.end.line, column: range.end.column },
  };
}

function attributeJson(attribute: Attribute): AttributeJson {
  return { name: attribute.name, range: rangeJson(attribute.range), text: attribute.text };
}

function blockJson(block: Block): BlockJson {
  return {
    type: block.type,
    labels: block.labels,
    range: rangeJson(block.range),
    attributes: block.attributes.map(attributeJson),
    blocks: block.blocks.map(blockJson),
  };
}

export function diagnosticJson(diagnostic: Diagnostic) {
  return { severity: diagnostic.severity, message: diagnostic.message, range: rangeJson(diagnostic.range) };
}

export function fileJson(file: ParsedFile): FileJson {
  return {
    path: file.path,
    syntax: file.syntax,
    blocks: file.blocks.map(blockJson),
    diagnostics: file.diagnostics.map(diagnosticJson),
  };
}
