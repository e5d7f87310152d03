import type { Block, Body, ParsedFile } from './model.js';
import { expressionText } from './printer.js';

/**
 * Whether two parses of a file configure the same thing: the same blocks, labels, attributes and
 * expressions in the same order, whatever the comments, spacing and line breaks. Both must parse.
 */
export function sameConfiguration(a: ParsedFile, b: ParsedFile): boolean {
  if (a.syntax !== b.syntax) return false;
  if (a.diagnostics.some((d) => d.severity === 'error') || b.diagnostics.some((d) => d.severity === 'error'))
    return false;
  return sameBody(a, b);
}

function sameBody(a: Body, b: Body): boolean {
  if (a.attributes.length !== b.attributes.length || a.blocks.length !== b.blocks.length) return false;
  for (let i = 0; i < a.attributes.length; i++) {
    const left = a.attributes[i]!;
    const right = b.attributes[i]!;
    if (left.name !== right.name || expressionText(left.expr) !== expressionText(right.expr)) return false;
  }
  return a.blocks.every((block, i) => sameBlock(block, b.blocks[i]!));
}

function sameBlock(a: Block, b: Block): boolean {
  return (
    a.type === b.type &&
    a.labels.length === b.labels.length &&
    a.labels.every((label, i) => label === b.labels[i]) &&
    sameBody(a, b)
  );
}
