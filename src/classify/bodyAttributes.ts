import type { Attribute, Block, Body } from '../terraform/model.js';
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
  for (const attribute of body.attributes) out.push({ path: prefix + attribute.name, attribute, enclosing });
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
