import type { Expression } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';

/** A value as far as HCL alone can know it: literals, structure, and canonical text for the rest. */
export type ValueTree = null | boolean | number | string | ValueTree[] | { [key: string]: ValueTree };

/** Functions whose argument is the structure that ends up in the value (policy documents). */
const TRANSPARENT_FUNCTIONS = new Set([
  'jsonencode',
  'yamlencode',
  'tolist',
  'toset',
  'tomap',
  'concat',
  'flatten',
  'merge',
  'templatefile',
]);

export function valueTree(expr: Expression): ValueTree {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' ? jsonOrText(expr.value) : expr.value;
    case 'parens':
      return valueTree(expr.inner);
    case 'tuple':
      return expr.items.map(valueTree);
    case 'object': {
      const out: { [key: string]: ValueTree } = {};
      for (const item of expr.items) {
        const key = item.key.kind === 'literal' ? String(item.key.value) : expressionText(item.key);
        out[key] = valueTree(item.value);
      }
      return out;
    }
    case 'call':
      if (TRANSPARENT_FUNCTIONS.has(expr.name)) {
        return expr.args.length === 1 ? valueTree(expr.args[0]!) : expr.args.map(valueTree);
      }
      // The result is one of the arguments, or built from them: any of them may be the value.
      if (CHOOSING_FUNCTIONS.has(expr.name)) return expr.args.map(valueTree);
      return expressionText(expr);
    case 'conditional':
      // Which branch applies may be known only at apply time: either may be the value.
      return [valueTree(expr.then), valueTree(expr.else)];
    case 'index':
      // A key known only at apply time (`var.cidrs[terraform.workspace]`) may select any entry.
      if (expr.target.kind === 'tuple') return expr.target.items.map(valueTree);
      if (expr.target.kind === 'object') return expr.target.items.map((item) => valueTree(item.value));
      return expressionText(expr);
    case 'for':
      // `[for s in xs : s.cidr]`: the elements' values flow into the result.
      return [valueTree(expr.collection), valueTree(expr.value)];
    default:
      return expressionText(expr);
  }
}

/** Functions that return one of their arguments, an element of one, or a combination of them. */
const CHOOSING_FUNCTIONS = new Set([
  'lookup',
  'try',
  'coalesce',
  'coalescelist',
  'element',
  'one',
  'values',
  'compact',
  'distinct',
  'sort',
  'reverse',
  'setunion',
  'slice',
]);

/** Heredoc and quoted JSON policy documents are searched as the structure they encode. */
function jsonOrText(text: string): ValueTree {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text) as ValueTree;
    } catch {
      return text;
    }
  }
  return text;
}

export type Scalar = string | number | boolean | null;

type ValueObject = { [key: string]: ValueTree };

/** An object inside a value, with its path there (`/Statement/1`; `` for the value itself). */
interface PlacedObject {
  path: string;
  value: ValueObject;
}

/** A scalar of a value and the objects around it: what a match is part of. */
export interface ValueLeaf {
  leaf: Scalar;
  /** the objects around the scalar, outermost first */
  objects: PlacedObject[];
  /** with a key: the object whose entry of that name holds the scalar (a policy statement for `Action`) */
  holder: PlacedObject | null;
}

/**
 * The scalars of a value; with `key`, only those under an object entry of that name at any depth
 * (compared case-insensitively: `Action` in JSON policies, `actions` in HCL).
 */
export function scalarLeaves(tree: ValueTree, key?: string): Scalar[] {
  return valueLeaves(tree, key).map((entry) => entry.leaf);
}

/** Like scalarLeaves, with where each scalar sits. */
export function valueLeaves(tree: ValueTree, key?: string): ValueLeaf[] {
  const out: ValueLeaf[] = [];
  walk(tree, '', [], key === undefined ? null : undefined, key?.toLowerCase(), out);
  return out;
}

/**
 * `holder` is undefined while looking for the key, null without a key (every scalar counts), an
 * object once inside the key's entry.
 */
function walk(
  tree: ValueTree,
  path: string,
  objects: PlacedObject[],
  holder: PlacedObject | null | undefined,
  key: string | undefined,
  out: ValueLeaf[],
): void {
  if (Array.isArray(tree)) {
    for (const [i, item] of tree.entries()) walk(item, `${path}/${i}`, objects, holder, key, out);
  } else if (tree !== null && typeof tree === 'object') {
    const placed = { path, value: tree };
    const inner = [...objects, placed];
    for (const [name, value] of Object.entries(tree)) {
      const found = holder === undefined && name.toLowerCase() === key ? placed : holder;
      walk(value, `${path}/${escapePointer(name)}`, inner, found, key, out);
    }
  } else if (holder !== undefined) {
    out.push({ leaf: tree, objects, holder });
  }
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One text per value whatever the key order: equal texts are equal values. */
export function canonicalValueText(tree: ValueTree): string {
  if (Array.isArray(tree)) return '[' + tree.map(canonicalValueText).join(',') + ']';
  if (tree !== null && typeof tree === 'object') {
    const keys = Object.keys(tree).sort();
    return '{' + keys.map((key) => JSON.stringify(key) + ':' + canonicalValueText(tree[key]!)).join(',') + '}';
  }
  return JSON.stringify(tree);
}
