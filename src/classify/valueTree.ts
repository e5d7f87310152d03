import type { Expression } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';

/** A value as far as HCL alone can know it: literals, structure, and canonical text for the rest. */
export type ValueTree = null | boolean | number | string | ValueTree[] | { [key: string]: ValueTree };

/** Functions whose argument is the structure that ends up in the value (policy documents). */
const TRANSPARENT_FUNCTIONS = new Set(['jsonencode', 'yamlencode', 'tolist', 'toset', 'tomap', 'concat', 'flatten', 'merge', 'templatefile']);

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
      return expressionText(expr);
    default:
      return expressionText(expr);
  }
}

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

/**
 * The scalars of a value; with `key`, only those under an object entry of that name at any depth
 * (compared case-insensitively: `Action` in JSON policies, `actions` in HCL).
 */
export function scalarLeaves(tree: ValueTree, key?: string): (string | number | boolean | null)[] {
  const out: (string | number | boolean | null)[] = [];
  walk(tree, key === undefined, key?.toLowerCase(), out);
  return out;
}

function walk(tree: ValueTree, inside: boolean, key: string | undefined, out: (string | number | boolean | null)[]): void {
  if (Array.isArray(tree)) {
    for (const item of tree) walk(item, inside, key, out);
  } else if (tree !== null && typeof tree === 'object') {
    for (const [name, value] of Object.entries(tree)) walk(value, inside || name.toLowerCase() === key, key, out);
  } else if (inside) {
    out.push(tree);
  }
}
