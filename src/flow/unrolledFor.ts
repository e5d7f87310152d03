import type { Expression, TemplatePart } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';
import { withResolvedParts } from './expressionParts.js';

type ForExpression = Extract<Expression, { kind: 'for' }>;

/** Collections with more elements than this are left as a `for` (any of their elements). */
const MAX_ELEMENTS = 32;

/** One pass of a `for`'s body: its iterators bound to one element. */
export interface ForPass {
  bindings: Map<string, Expression>;
}

/**
 * The passes of a `for` (`[for s in xs : …]`, `{ for s in xs : s.name => s }`) over a collection
 * written out (a tuple, a map, or either through `tolist`/`toset`): one per element, its key or
 * index and its value bound. The body is then resolved once per pass, so
 * `[for s in ["0.0.0.0"] : "${s}/0"]` is the list it makes, not "something built from those
 * elements". Null for a grouping `for` (`...`), more than `MAX_ELEMENTS` elements, or a
 * collection that is not written out.
 */
export function forPasses(expr: ForExpression, collection: Expression): ForPass[] | null {
  if (expr.group) return null;
  const elements = writtenOutElements(collection);
  if (!elements || elements.length > MAX_ELEMENTS) return null;
  return elements.map(({ key, value }) => {
    const bindings = new Map<string, Expression>([[expr.valueVar, value]]);
    if (expr.keyVar !== null) bindings.set(expr.keyVar, key);
    return { bindings };
  });
}

function writtenOutElements(collection: Expression): { key: Expression; value: Expression }[] | null {
  switch (collection.kind) {
    case 'parens':
      return writtenOutElements(collection.inner);
    case 'tuple':
      return collection.items.map((value, index) => ({
        key: { kind: 'literal', value: index, range: value.range },
        value,
      }));
    case 'object': {
      const entries: { key: Expression; value: Expression }[] = [];
      for (const item of collection.items) {
        const name = objectKeyText(item.key);
        if (name === null) return null;
        entries.push({ key: { kind: 'literal', value: name, range: item.key.range }, value: item.value });
      }
      // Terraform iterates a map in the lexical order of its keys.
      return entries.sort((a, b) => {
        const [x, y] = [String((a.key as { value: unknown }).value), String((b.key as { value: unknown }).value)];
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    case 'call':
      return (collection.name === 'tolist' || collection.name === 'toset') && collection.args.length === 1
        ? writtenOutElements(collection.args[0]!)
        : null;
    default:
      return null;
  }
}

/**
 * `expr` with every reference to a bound name replaced by its value; null where a part cannot be
 * rewritten (a template directive). A nested `for` that declares a bound name again hides it.
 */
export function substituted(expr: Expression, bindings: ReadonlyMap<string, Expression>): Expression | null {
  let unsupported = false;
  const visit = (node: Expression, names: ReadonlyMap<string, Expression>): Expression => {
    if (unsupported) return node;
    switch (node.kind) {
      case 'variable':
        return names.get(node.name) ?? node;
      case 'getAttr': {
        const target = visit(node.target, names);
        return target === node.target ? node : { ...node, target };
      }
      case 'index': {
        const target = visit(node.target, names);
        const key = visit(node.key, names);
        return target === node.target && key === node.key ? node : { ...node, target, key };
      }
      case 'splat': {
        const source = visit(node.source, names);
        const each = visit(node.each, names);
        return source === node.source && each === node.each ? node : { ...node, source, each };
      }
      case 'call': {
        const args = node.args.map((arg) => visit(arg, names));
        return args.every((arg, i) => arg === node.args[i]) ? node : { ...node, args };
      }
      case 'template': {
        const parts = node.parts.map((part) => visitPart(part, names));
        return parts.every((part, i) => part === node.parts[i]) ? node : { ...node, parts };
      }
      case 'for': {
        const inner = new Map(names);
        inner.delete(node.valueVar);
        if (node.keyVar !== null) inner.delete(node.keyVar);
        const collection = visit(node.collection, names);
        const key = node.key && visit(node.key, inner);
        const value = visit(node.value, inner);
        const cond = node.cond && visit(node.cond, inner);
        return collection === node.collection && key === node.key && value === node.value && cond === node.cond
          ? node
          : { ...node, collection, key, value, cond };
      }
      default:
        return withResolvedParts(node, (part) => visit(part, names));
    }
  };
  const visitPart = (part: TemplatePart, names: ReadonlyMap<string, Expression>): TemplatePart => {
    if (part.kind === 'text') return part;
    if (part.kind !== 'interpolation') {
      unsupported = true;
      return part;
    }
    const inner = visit(part.expr, names);
    return inner === part.expr ? part : { ...part, expr: inner };
  };
  const out = visit(expr, bindings);
  return unsupported ? null : out;
}
