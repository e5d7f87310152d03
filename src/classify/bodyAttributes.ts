import { forPasses, substituted } from '../flow/unrolledFor.js';
import type { Attribute, Block, Body, Expression, LiteralValue, Range } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';
import { expressionText, literalValue } from '../terraform/printer.js';
import { memoizedOn, memoKey } from '../util/memoizedOn.js';

/** A nested block around an attribute, with its path (`statement[0]`, `dynamic.ingress[0].content`). */
interface EnclosingBlock {
  path: string;
  block: Block;
}

export interface PathedAttribute {
  path: string;
  attribute: Attribute;
  /** the nested blocks the attribute is in, outermost first; empty for a top-level attribute */
  enclosing: EnclosingBlock[];
}

/** Nested blocks that occur once (see terraform/attributeDiff.ts): their paths carry no index. */
const SINGLE_BLOCKS: ReadonlySet<string> = new Set(['lifecycle', 'connection', 'content']);

/**
 * A body's paths, once: every rule of the catalog asks for them, and a plan's bodies (every
 * attribute the provider knows) are large. Bodies are never changed after they are built.
 */
const pathsOfBody = memoKey<Body, PathedAttribute[]>('paths of a body');

/** Every attribute of a body with its path, in the change set's path scheme. */
export function pathedAttributes(body: Body): PathedAttribute[] {
  return memoizedOn(pathsOfBody, body, (subject) => pathsUnder(subject, '', []));
}

const pathTextsOfBody = memoKey<Body, string[]>('attribute paths of a body');

/** The paths of pathedAttributes, once: every rule that names attributes asks for a created object's. */
export function attributePaths(body: Body): readonly string[] {
  return memoizedOn(pathTextsOfBody, body, (subject) => pathedAttributes(subject).map((entry) => entry.path));
}

/** A body's attributes by name, once: value rules look for a few names among every attribute of every object. */
const namesOfBody = memoKey<Body, Map<string, PathedAttribute[]> | null>('attributes of a body by name');

/**
 * The attributes of a body (as pathedAttributes) whose path can end in `name`: those named so,
 * in order. Null when some attribute's name holds path syntax (`.`, `[`, `]`) or is `content`
 * (a dynamic block's generated path ends otherwise): then only globbing every path can tell.
 */
export function attributesNamed(body: Body, name: string): readonly PathedAttribute[] | null {
  const byName = memoizedOn(namesOfBody, body, attributesByName);
  return byName === null ? null : (byName.get(name) ?? NONE);
}

function attributesByName(body: Body): Map<string, PathedAttribute[]> | null {
  const byName = new Map<string, PathedAttribute[]>();
  for (const entry of pathedAttributes(body)) {
    const own = entry.attribute.name;
    if (own === 'content' || /[.[\]]/.test(own)) return null;
    const named = byName.get(own);
    if (named) named.push(entry);
    else byName.set(own, [entry]);
  }
  return byName;
}

const NONE: readonly PathedAttribute[] = Object.freeze([]);

function pathsUnder(
  body: Body,
  prefix: string,
  enclosing: EnclosingBlock[],
  out: PathedAttribute[] = [],
): PathedAttribute[] {
  for (const attribute of body.attributes) {
    out.push({ path: prefix + attribute.name, attribute, enclosing });
    // `ingress = [{ cidr_blocks = […] }]`, Terraform's attributes-as-blocks syntax (and a value
    // resolved to such a list): read as the blocks it writes too, as a plan prints them.
    const written = objectListBlocks(attribute);
    for (const [index, block] of written?.entries() ?? []) {
      const path = `${prefix}${attribute.name}[${index}]`;
      pathsUnder(block, path + '.', [...enclosing, { path, block }], out);
    }
  }
  const counters = new Map<string, number>();
  for (const block of body.blocks) {
    const base = block.labels.length ? `${block.type}.${block.labels.join('.')}` : block.type;
    const index = counters.get(base) ?? 0;
    counters.set(base, index + 1);
    const segment = SINGLE_BLOCKS.has(block.type) && block.labels.length === 0 ? base : `${base}[${index}]`;
    const path = prefix + segment;
    pathsUnder(block, path + '.', [...enclosing, { path, block }], out);
  }
  return out;
}

/**
 * The blocks an attribute holding a list of objects stands for: written out, or made by a `for`
 * over a collection written out (`[for r in var.rules : { cidr_blocks = r.cidrs }]`, an element
 * per block, a condition read as "any element may pass"). Null for any other value.
 */
function objectListBlocks(attribute: Attribute): Block[] | null {
  const items = objectItems(unwrapped(attribute.expr));
  if (items === null) return null;
  const blocks: Block[] = [];
  for (const item of items) {
    if (item.kind !== 'object') return null;
    const attributes: Attribute[] = [];
    for (const entry of item.items) {
      const name = objectKeyText(entry.key);
      if (name === null) return null;
      attributes.push(new ItemAttribute(name, entry.value, attribute.range));
    }
    blocks.push({
      type: attribute.name,
      labels: [],
      range: attribute.range,
      typeRange: attribute.range,
      labelRanges: [],
      attributes,
      blocks: [],
    });
  }
  return blocks;
}

function objectItems(list: Expression): Expression[] | null {
  if (list.kind === 'tuple') return list.items.length > 0 ? list.items.map(unwrapped) : null;
  if (list.kind !== 'for' || list.key !== null || unwrapped(list.value).kind !== 'object') return null;
  const passes = forPasses(list, list.collection);
  if (!passes || passes.length === 0) return null;
  const items: Expression[] = [];
  for (const { bindings } of passes) {
    const item = substituted(unwrapped(list.value), bindings);
    if (item === null) return null;
    items.push(item);
  }
  return items;
}

function unwrapped(expr: Expression): Expression {
  let inner = expr;
  while (inner.kind === 'parens') inner = inner.inner;
  return inner;
}

/**
 * An entry of an object written out, as the attribute of a block it would be: its text made when
 * asked. It points at its own line when that is within the attribute around it, else at that
 * attribute (the entry's value came from elsewhere: a var file, a default).
 */
class ItemAttribute implements Attribute {
  readonly range: Range;
  readonly nameRange: Range;
  #text: string | undefined;

  constructor(
    readonly name: string,
    readonly expr: Expression,
    around: Range,
  ) {
    const inside = expr.range.start.line >= around.start.line && expr.range.end.line <= around.end.line;
    this.range = inside ? expr.range : around;
    this.nameRange = this.range;
  }

  get text(): string {
    this.#text ??= expressionText(this.expr);
    return this.#text;
  }

  get value(): LiteralValue | undefined {
    return literalValue(this.expr);
  }
}
