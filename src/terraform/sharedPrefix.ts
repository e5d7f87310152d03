import type { Block, ParsedFile, Position } from './model.js';
import { parseHclFrom } from './parser.js';
import type { SourceFile } from './sourceTree.js';
import { isTerragruntPath } from './terragrunt.js';

/** A file's text and what parsing it gave. */
export interface ParsedSource {
  content: string;
  parsed: ParsedFile;
}

const BYTE_ORDER_MARK = 0xfeff;

/**
 * `file` parsed, taking its leading top-level blocks from `before` (another version of it, most
 * often the base of a change) where the two texts are the same up to the end of those blocks'
 * lines: the parser reads left to right, so it would build the same blocks, positions included.
 * Only the rest is parsed. A file changed in a pull request mostly keeps its first blocks, and
 * both sides then share them: half the parsing and half the syntax trees for an edit half-way
 * down. `parse` reads the file whole when nothing can be shared.
 *
 * Shared only when `before` parsed cleanly in native syntax (no diagnostic, no top-level
 * attribute: the parser checks those against each other) and neither text starts with a
 * byte-order mark. The blocks are shared, so they must not be modified (no stage does).
 */
export function parseAfterSharedPrefix(
  file: SourceFile,
  before: ParsedSource,
  parse: (file: SourceFile) => ParsedFile,
): ParsedFile {
  // A terragrunt.hcl is read as other blocks than it holds (terragrunt.ts): nothing to share.
  if (isTerragruntPath(file.path)) return parse(file);
  const shared = sharedBlocks(before, file.content);
  if (shared === null) return parse(file);
  const rest = parseHclFrom(file.content, file.path, shared.resume);
  return { ...rest, blocks: [...shared.blocks, ...rest.blocks] };
}

/** The leading blocks of `before` whose text, and the rest of whose last line, `content` repeats; and where it goes on. */
function sharedBlocks(before: ParsedSource, content: string): { blocks: Block[]; resume: Position } | null {
  const { parsed } = before;
  if (parsed.syntax !== 'hcl' || parsed.diagnostics.length > 0 || parsed.attributes.length > 0) return null;
  if (before.content.charCodeAt(0) === BYTE_ORDER_MARK || content.charCodeAt(0) === BYTE_ORDER_MARK) return null;
  const same = commonPrefixLength(before.content, content);
  let count = 0;
  let resume: Position | null = null;
  for (const block of parsed.blocks) {
    const newline = lineEndAfter(before.content, block.range.end.offset);
    if (newline < 0 || newline >= same) break;
    count++;
    resume = { line: block.range.end.line + 1, column: 1, offset: newline + 1 };
  }
  return resume === null ? null : { blocks: parsed.blocks.slice(0, count), resume };
}

/** Compared a chunk at a time (string equality is a memory comparison), then character by character. */
function commonPrefixLength(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  const CHUNK = 256;
  let i = 0;
  while (i + CHUNK <= length && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * The `\n` ending the line on which a block ends at `end`, if nothing but blanks and a line
 * comment follow it there (a `/*` comment could run on past the line); else -1.
 */
function lineEndAfter(text: string, end: number): number {
  let i = end;
  for (let c = text.charCodeAt(i); c === SPACE || c === TAB || c === CR; c = text.charCodeAt(++i));
  const c = text.charCodeAt(i);
  if (c === LF) return i;
  if (c !== HASH && !(c === SLASH && text.charCodeAt(i + 1) === SLASH)) return -1;
  const newline = text.indexOf('\n', i);
  return newline >= 0 && !text.slice(i, newline).includes('/*') ? newline : -1;
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const HASH = 0x23;
const SLASH = 0x2f;
