import type { Diagnostic, Expression, ObjectItem, Position, Range } from '../model.js';
import { parseExpression, parseTemplate } from '../parser.js';
import type { JsonString, JsonValue } from './ast.js';
import type { LineIndex } from './lineIndex.js';

/**
 * How Terraform reads a JSON value in a given argument
 * (https://developer.hashicorp.com/terraform/language/syntax/json):
 * - `template`: the general rule; strings are string templates (`"${var.x}"`), arrays are
 *   tuples, objects are object expressions whose keys are templates too.
 * - `literal`: taken as written; `${` in a string is just text (`variable.default`,
 *   `module.source`, everything in the `terraform` block, …).
 * - `reference`: strings hold a bare HCL expression: a reference or keyword such as
 *   `"aws.west"` in `provider` or `"all"` in `ignore_changes`; arrays and objects of those.
 * - `providerRequirement`: an entry of `required_providers`: literal, except that
 *   `configuration_aliases` lists references (`["aws.east"]`, as `[aws.east]` natively).
 */
export type ValueMode = 'template' | 'literal' | 'reference' | 'providerRequirement';

type Parse = (source: string, start: Position) => { expr: Expression; diagnostics: Diagnostic[] };

const FRAGMENT_START: Position = { line: 1, column: 1, offset: 0 };
const TEMPLATE_SEQUENCE = /[$%]\{/;

export class ExpressionReader {
  constructor(
    private readonly lines: LineIndex,
    private readonly diagnostics: Diagnostic[],
  ) {}

  read(value: JsonValue, mode: ValueMode): Expression {
    switch (value.kind) {
      case 'string':
        return this.readString(value, mode);
      case 'number':
      case 'boolean':
        return { kind: 'literal', value: value.value, range: this.range(value) };
      case 'null':
        return { kind: 'literal', value: null, range: this.range(value) };
      case 'array':
        return { kind: 'tuple', items: value.items.map((item) => this.read(item, mode)), range: this.range(value) };
      case 'object': {
        const items: ObjectItem[] = value.members.map((member) => ({
          key: this.readKey(member.key, mode),
          value: this.read(member.value, memberMode(mode, member.key.value)),
        }));
        return { kind: 'object', items, range: this.range(value) };
      }
      case 'invalid':
        return { kind: 'invalid', range: this.range(value) };
    }
  }

  private readString(token: JsonString, mode: ValueMode): Expression {
    // Without "${" or "%{" a template is its text: no need to run the template parser.
    if (
      mode === 'literal' ||
      mode === 'providerRequirement' ||
      (mode === 'template' && !TEMPLATE_SEQUENCE.test(token.value))
    ) {
      return { kind: 'literal', value: token.value, range: this.range(token) };
    }
    if (mode === 'reference') return this.parseInside(token, parseExpression);
    // A quoted template's range covers its quotes, as in native syntax.
    return { ...this.parseInside(token, parseTemplate), range: this.range(token) };
  }

  private range(value: { start: number; end: number }): Range {
    return this.lines.range(value.start, value.end);
  }

  /**
   * Object keys: in expressions, Terraform evaluates them like values (so `"${local.k}"` is a
   * dynamic key). A reference key that is one bare name (`"aws"` in module `providers`) is a
   * plain key, as `aws = …` is in native syntax.
   */
  private readKey(key: JsonString, mode: ValueMode): Expression {
    const expr = this.readString(key, mode);
    if (expr.kind === 'variable') return { kind: 'literal', value: expr.name, range: this.range(key) };
    return expr;
  }

  /**
   * Parses the decoded content of a string. Without escapes it is a verbatim slice of the
   * file, so positions continue from just after the opening quote. With escapes the parser
   * sees different offsets than the file has, so it parses from offset 0 and every range it
   * produced is mapped back through the string's offset table.
   */
  private parseInside(token: JsonString, parse: Parse): Expression {
    const offsets = token.offsets;
    if (!offsets) {
      const result = parse(token.value, this.lines.positionAt(token.start + 1));
      for (const diagnostic of result.diagnostics) this.report(diagnostic, diagnostic.range);
      return result.expr;
    }
    const result = parse(token.value, FRAGMENT_START);
    const toSource = (range: Range): Range => ({
      start: this.mapPosition(range.start, offsets),
      end: this.mapPosition(range.end, offsets),
    });
    remapRanges(result.expr, toSource);
    for (const diagnostic of result.diagnostics) this.report(diagnostic, toSource(diagnostic.range));
    return result.expr;
  }

  /** The native parser sees only the string's content: its end is the end of the string, not of the file. */
  private report(diagnostic: Diagnostic, range: Range): void {
    this.diagnostics.push({
      ...diagnostic,
      message: diagnostic.message.replaceAll('the end of the file', 'the end of the string'),
      range,
    });
  }

  private mapPosition(position: Position, offsets: number[]): Position {
    const index = Math.max(0, Math.min(position.offset, offsets.length - 1));
    return this.lines.positionAt(offsets[index] as number);
  }
}

function memberMode(mode: ValueMode, key: string): ValueMode {
  if (mode !== 'providerRequirement') return mode;
  return key === 'configuration_aliases' ? 'reference' : 'literal';
}

/** Replaces every `range` in an expression tree (fresh objects: ranges may be shared). */
function remapRanges(node: unknown, map: (range: Range) => Range): void {
  if (Array.isArray(node)) {
    for (const item of node) remapRanges(item, map);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (key === 'range' && isRange(value)) record[key] = map(value);
    else if (value !== null && typeof value === 'object') remapRanges(value, map);
  }
}

function isRange(value: unknown): value is Range {
  return value !== null && typeof value === 'object' && 'start' in value && 'end' in value;
}
