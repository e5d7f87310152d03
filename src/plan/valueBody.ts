import { literalValueTree, type ValueTree, type ValueTreeAttribute } from '../classify/valueTree.js';
import type { Attribute, Block, Body, Expression, Range } from '../terraform/model.js';
import type { JsonValue, ValueMarks } from './planModel.js';

/** Plan values have no source text of their own: every node points at where the object is (its code, else the plan). */
export function lineRange(line: number): Range {
  return { start: { line, column: 1, offset: 0 }, end: { line, column: 1, offset: 0 } };
}

/**
 * A plan's object value as the syntax model the rules read, so one catalog judges HCL and plans
 * alike. A key whose value is a non-empty list of objects becomes that many nested blocks (the
 * plan prints blocks so: `ingress = [{cidr_blocks = …}]` is `ingress[0].cidr_blocks`, as in
 * HCL); every other key is an attribute holding its literal value (maps, objects, lists).
 * A value known only after apply is absent or null in `after`; it is null here and listed
 * apart (see valueMarks.ts), so no rule mistakes it for a value.
 */
export function valueBody(value: JsonValue, unknown: ValueMarks = false, range: Range = lineRange(1)): Body {
  const body: Body = { attributes: [], blocks: [] };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return body;
  const unknownKeys = isObjectMarks(unknown) ? unknown : {};
  for (const name of Object.keys(value)) addKey(body, name, value[name]!, unknownKeys[name] ?? false, range);
  // Keys the provider knows only after apply may be missing from `after`: they exist, unknown.
  for (const name of Object.keys(unknownKeys)) {
    if (!(name in value) && unknownKeys[name] !== false) body.attributes.push(attribute(name, null, range));
  }
  return body;
}

function addKey(body: Body, name: string, item: JsonValue, unknown: ValueMarks, range: Range): void {
  if (isBlockList(item)) {
    const marks = Array.isArray(unknown) ? unknown : [];
    item.forEach((element, index) => {
      body.blocks.push(block(name, element, marks[index] ?? false, range));
    });
    return;
  }
  body.attributes.push(attribute(name, item, range));
}

/** A non-empty list of objects: how the plan prints nested blocks. */
export function isBlockList(item: JsonValue): item is { [key: string]: JsonValue }[] {
  return (
    Array.isArray(item) &&
    item.length > 0 &&
    item.every((element) => element !== null && typeof element === 'object' && !Array.isArray(element))
  );
}

function isObjectMarks(marks: ValueMarks): marks is { [key: string]: ValueMarks } {
  return marks !== null && typeof marks === 'object' && !Array.isArray(marks);
}

function block(type: string, value: JsonValue, unknown: ValueMarks, range: Range): Block {
  const body = valueBody(value, unknown, range);
  return { type, labels: [], range, typeRange: range, labelRanges: [], ...body };
}

function attribute(name: string, value: JsonValue, range: Range): Attribute {
  return new PlanAttribute(name, value, range);
}

/**
 * A plan's attribute: its value is literal, so the rules read its value tree straight from the
 * value, and its expression (the value as literals, tuples and objects) and its text are built
 * only if asked for. A plan has hundreds of thousands of attributes; most are never read as
 * expressions.
 */
class PlanAttribute implements ValueTreeAttribute {
  readonly nameRange: Range;
  #text: string | undefined;
  #expr: Expression | undefined;
  #tree: { tree: ValueTree } | undefined;

  constructor(
    readonly name: string,
    readonly value: JsonValue,
    readonly range: Range,
  ) {
    this.nameRange = range;
  }

  /** Read by diffs and digests only: a data source read or an unchanged attribute never needs it. */
  get text(): string {
    this.#text ??= JSON.stringify(this.value);
    return this.#text;
  }

  get expr(): Expression {
    this.#expr ??= literalExpression(this.value, this.range);
    return this.#expr;
  }

  valueTree(): ValueTree {
    this.#tree ??= { tree: literalValueTree(this.value) };
    return this.#tree.tree;
  }
}

function literalExpression(value: JsonValue, range: Range): Expression {
  if (value === null || typeof value !== 'object') return { kind: 'literal', value, range };
  if (Array.isArray(value)) return { kind: 'tuple', items: value.map((item) => literalExpression(item, range)), range };
  return {
    kind: 'object',
    items: Object.entries(value).map(([key, item]) => ({
      key: { kind: 'literal', value: key, range },
      value: literalExpression(item, range),
    })),
    range,
  };
}
