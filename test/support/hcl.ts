import type {
  Attribute,
  Block,
  Diagnostic,
  Expression,
  ParsedFile,
  Position,
  Range,
  TemplatePart,
} from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';

/** Helpers shared by the HCL parser specification tests. */

export function parse(source: string): ParsedFile {
  return parseHcl(source, 'test.tf');
}

/** Parses `x = <source>` and returns the attribute plus the file (for its diagnostics). */
export function parseValue(source: string): { attribute: Attribute; file: ParsedFile } {
  const file = parse(`x = ${source}\n`);
  const attribute = file.attributes[0];
  if (!attribute) throw new Error(`no attribute parsed from x = ${source}: ${JSON.stringify(file.diagnostics)}`);
  return { attribute, file };
}

/** Parses `x = <source>`, requiring no diagnostics, and returns the attribute's expression. */
export function valueExpr(source: string): Expression {
  const { attribute, file } = parseValue(source);
  if (file.diagnostics.length > 0) throw new Error(`diagnostics for x = ${source}: ${JSON.stringify(messages(file))}`);
  return attribute.expr;
}

function messages(file: { diagnostics: Diagnostic[] }): string[] {
  return file.diagnostics.map((d) => d.message);
}

export function at(line: number, column: number, offset: number): Position {
  return { line, column, offset };
}

export function span(start: Position, end: Position): Range {
  return { start, end };
}

/** `line:column+offset-line:column+offset`: a range in one short string, for tables. */
export function rangeText(range: Range): string {
  const p = (q: Position) => `${q.line}:${q.column}+${q.offset}`;
  return `${p(range.start)}-${p(range.end)}`;
}

/** Diagnostics as `message @ range` strings, for exact comparison. */
export function diagnosticLines(file: { diagnostics: Diagnostic[] }): string[] {
  return file.diagnostics.map((d) => `${d.severity}: ${d.message} @ ${rangeText(d.range)}`);
}

/**
 * The tree shape of an expression as a prefix S-expression, so precedence, associativity and
 * traversal nesting can be asserted independently of the canonical text (which has no parens).
 */
export function shape(expr: Expression): string {
  switch (expr.kind) {
    case 'literal':
      return JSON.stringify(expr.value);
    case 'variable':
      return expr.name;
    case 'getAttr':
      return `getAttr(${shape(expr.target)}, ${expr.name})`;
    case 'index':
      return `${expr.legacy ? 'legacyIndex' : 'index'}(${shape(expr.target)}, ${shape(expr.key)})`;
    case 'splat':
      return `splat${expr.full ? '[*]' : '.*'}(${shape(expr.source)}, ${shape(expr.each)})`;
    case 'splatItem':
      return 'item';
    case 'call':
      return `call ${expr.name}(${expr.args.map(shape).join(', ')}${expr.expandFinal ? '...' : ''})`;
    case 'tuple':
      return `[${expr.items.map(shape).join(', ')}]`;
    case 'object':
      return `{${expr.items.map((i) => `${shape(i.key)}: ${shape(i.value)}`).join(', ')}}`;
    case 'unary':
      return `${expr.op}(${shape(expr.operand)})`;
    case 'binary':
      return `${expr.op}(${shape(expr.left)}, ${shape(expr.right)})`;
    case 'conditional':
      return `?(${shape(expr.cond)}, ${shape(expr.then)}, ${shape(expr.else)})`;
    case 'parens':
      return `parens(${shape(expr.inner)})`;
    case 'for': {
      const vars = (expr.keyVar === null ? '' : `${expr.keyVar}, `) + expr.valueVar;
      const body = (expr.key === null ? '' : `${shape(expr.key)} => `) + shape(expr.value);
      const tail = (expr.group ? '...' : '') + (expr.cond === null ? '' : ` if ${shape(expr.cond)}`);
      return `for(${vars} in ${shape(expr.collection)}: ${body}${tail})`;
    }
    case 'template':
      return `${expr.heredoc ? 'heredoc' : 'template'}(${partsShape(expr.parts)})`;
    case 'invalid':
      return 'invalid';
  }
}

function partsShape(parts: TemplatePart[]): string {
  return parts.map(partShape).join(', ');
}

function partShape(part: TemplatePart): string {
  switch (part.kind) {
    case 'text':
      return JSON.stringify(part.value);
    case 'interpolation':
      return `\${${shape(part.expr)}}`;
    case 'if':
      return (
        `if(${shape(part.cond)}) {${partsShape(part.then)}}` +
        (part.else === null ? '' : ` else {${partsShape(part.else)}}`)
      );
    case 'for':
      return `for(${part.keyVar === null ? '' : `${part.keyVar}, `}${part.valueVar} in ${shape(part.collection)}) {${partsShape(part.body)}}`;
  }
}

/**
 * Hands every range in an expression tree (template parts included) to `each`, outermost first.
 * A visitor, not a list: a megabyte of input has a million ranges.
 */
function expressionRanges(expr: Expression, each: (range: Range) => void): void {
  const visit = (e: Expression): void => {
    each(e.range);
    switch (e.kind) {
      case 'getAttr':
        visit(e.target);
        break;
      case 'index':
        visit(e.target);
        visit(e.key);
        break;
      case 'splat':
        visit(e.source);
        visit(e.each);
        break;
      case 'call':
        e.args.forEach(visit);
        break;
      case 'tuple':
        e.items.forEach(visit);
        break;
      case 'object':
        e.items.forEach((i) => {
          visit(i.key);
          visit(i.value);
        });
        break;
      case 'unary':
        visit(e.operand);
        break;
      case 'binary':
        visit(e.left);
        visit(e.right);
        break;
      case 'conditional':
        visit(e.cond);
        visit(e.then);
        visit(e.else);
        break;
      case 'parens':
        visit(e.inner);
        break;
      case 'for':
        visit(e.collection);
        if (e.key) visit(e.key);
        visit(e.value);
        if (e.cond) visit(e.cond);
        break;
      case 'template':
        visitParts(e.parts);
        break;
      default:
        break;
    }
  };
  const visitParts = (parts: TemplatePart[]): void => {
    for (const p of parts) {
      if (p.kind === 'interpolation') visit(p.expr);
      if (p.kind === 'if') {
        visit(p.cond);
        visitParts(p.then);
        if (p.else) visitParts(p.else);
      }
      if (p.kind === 'for') {
        visit(p.collection);
        visitParts(p.body);
      }
    }
  };
  visit(expr);
}

/**
 * Where the `occurrence`-th (0-based) `needle` sits in `source`, computed independently of the
 * parser: line = new lines before it + 1, column = UTF-16 code units since the line start + 1.
 */
export function locate(source: string, needle: string, occurrence = 0): Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = source.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${occurrence + 1} times`);
  }
  return { start: positionAt(source, offset), end: positionAt(source, offset + needle.length) };
}

export function positionAt(source: string, offset: number): Position {
  return positionFinder(source)(offset);
}

/** Like `positionAt`, but indexes the line starts once: for checking many ranges of a large file. */
function positionFinder(source: string): (offset: number) => Position {
  const lineStarts = lineStartsOf(source);
  return (offset) => {
    const line = lineIndex(lineStarts, offset);
    return { line: line + 1, column: offset - lineStarts[line]! + 1, offset };
  };
}

function lineStartsOf(source: string): number[] {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return lineStarts;
}

/** The 0-based line of `offset`: the last line start at or before it. */
function lineIndex(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A body as lines: top-level attributes, then each block as `type "label"…` with its attributes (`name = text`) and blocks indented under it. */
export function outline(file: ParsedFile): string[] {
  const lines: string[] = [];
  const visit = (block: ParsedFile['blocks'][number], indent: string): void => {
    lines.push(`${indent}${[block.type, ...block.labels.map((l) => JSON.stringify(l))].join(' ')}`);
    for (const a of block.attributes) lines.push(`${indent}  ${a.name} = ${a.text}`);
    for (const b of block.blocks) visit(b, indent + '  ');
  };
  for (const a of file.attributes) lines.push(`${a.name} = ${a.text}`);
  for (const b of file.blocks) visit(b, '');
  return lines;
}

function attributeRanges(attribute: Attribute, each: (range: Range) => void): void {
  each(attribute.range);
  each(attribute.nameRange);
  expressionRanges(attribute.expr, each);
}

function blockRanges(block: Block, each: (range: Range) => void): void {
  each(block.range);
  each(block.typeRange);
  block.labelRanges.forEach(each);
  for (const a of block.attributes) attributeRanges(a, each);
  for (const b of block.blocks) blockRanges(b, each);
}

/** Hands every range of a parsed file to `each`: diagnostics, then attributes, then blocks, depth first. */
function allRanges(file: ParsedFile, each: (range: Range) => void): void {
  for (const d of file.diagnostics) each(d.range);
  for (const a of file.attributes) attributeRanges(a, each);
  for (const b of file.blocks) blockRanges(b, each);
}

/** A range is well-formed when it is inside the file, start <= end, and line/column match the offset. */
export function badRanges(source: string, file: ParsedFile): string[] {
  const bad: string[] = [];
  const lineStarts = lineStartsOf(source);
  // Compared field by field, not as text or objects: a megabyte of input has a million ranges.
  const agrees = (p: Position) => {
    const line = lineIndex(lineStarts, p.offset);
    return p.line === line + 1 && p.column === p.offset - lineStarts[line]! + 1;
  };
  allRanges(file, (r) => {
    const ok =
      r.start.offset >= 0 &&
      r.start.offset <= r.end.offset &&
      r.end.offset <= source.length &&
      agrees(r.start) &&
      agrees(r.end);
    if (!ok) bad.push(rangeText(r));
  });
  return bad;
}
