import { BodyParser } from './hcl/body.js';
import { fitted, NestingTooDeep } from './hcl/scanner.js';
import type { Body, Diagnostic, Expression, ParsedFile, Position } from './model.js';

/**
 * HCL2 native syntax parser with source positions. It never throws: bad input gives error
 * diagnostics plus whatever structure could be recovered, and later stages treat any file
 * with an error as not understood.
 */
export function parseHcl(source: string, path: string): ParsedFile {
  return parsedBody(new BodyParser(stripByteOrderMark(source)), path);
}

/**
 * The top-level items of an HCL file from `from` on, alone: the rest of a file whose beginning
 * is known already (see sharedPrefix.ts). `from` must be the start of a line between two
 * top-level items, and the file must not start with a byte-order mark.
 */
export function parseHclFrom(source: string, path: string, from: Position): ParsedFile {
  const parser = new BodyParser(source);
  parser.offset = from.offset;
  parser.line = from.line;
  parser.lineStart = from.offset - from.column + 1;
  return parsedBody(parser, path);
}

/** The file's top-level items from where `parser` stands to the end. */
function parsedBody(parser: BodyParser, path: string): ParsedFile {
  const file: ParsedFile = { path, syntax: 'hcl', attributes: [], blocks: [], diagnostics: parser.diagnostics };
  guard(parser, () => {
    const body = parser.parseBody(false);
    file.attributes = fitted(body.attributes);
    file.blocks = fitted(body.blocks);
  });
  return file;
}

/**
 * The body of a top-level block of an understood file, parsed again: `afterLabels` is where the
 * block's type or last label ends (see lazyBlock.ts). Throws if it does not parse cleanly, which
 * would mean the source is not the one the block was first parsed from.
 */
export function parseTopLevelBody(source: string, type: string, afterLabels: Position, path: string): Body {
  const parser = new BodyParser(stripByteOrderMark(source));
  let body: Body = { attributes: [], blocks: [] };
  guard(parser, () => {
    body = parser.parseTopLevelBody(type, afterLabels);
  });
  const error = parser.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new Error(`${path}:${error.range.start.line}: parsing a block again failed: ${error.message}`);
  return body;
}

/**
 * Parses template *content* (what is between the quotes, already unescaped by JSON), as
 * Terraform does for strings in `.tf.json`. Positions continue from `start`.
 */
export function parseTemplate(
  source: string,
  start: Position,
  _path?: string,
): { expr: Expression; diagnostics: Diagnostic[] } {
  const parser = new BodyParser(source, start);
  let expr: Expression = { kind: 'invalid', range: { start, end: start } };
  guard(parser, () => {
    expr = parser.parseFragment();
  });
  return { expr, diagnostics: parser.diagnostics };
}

/** Parses one standalone expression (for `.tf.json` values that Terraform reads as expressions). */
export function parseExpression(source: string, start: Position): { expr: Expression; diagnostics: Diagnostic[] } {
  const parser = new BodyParser(source, start);
  parser.newlines = true;
  let expr: Expression = { kind: 'invalid', range: { start, end: start } };
  guard(parser, () => {
    parser.skipSpace(true);
    expr = parser.parseExpr();
    parser.skipSpace(true);
    if (!parser.atEnd()) parser.errorHere('unexpected text after the expression');
  });
  return { expr, diagnostics: parser.diagnostics };
}

function guard(parser: BodyParser, parse: () => void): void {
  try {
    parse();
  } catch (error) {
    if (error instanceof NestingTooDeep) return; // already reported
    // A parser bug must not take the app down, and must not pass as "understood" either.
    const at = parser.pos();
    parser.error(
      `internal parser error (please report it): ${error instanceof Error ? error.message : String(error)}`,
      { start: at, end: at },
    );
  }
}

function stripByteOrderMark(source: string): string {
  return source.charCodeAt(0) === 0xfeff ? ' ' + source.slice(1) : source;
}
