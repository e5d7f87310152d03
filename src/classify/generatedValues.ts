import { iteratorOfKey, select } from '../flow/anyEntry.js';
import type { Expression } from '../terraform/model.js';
import type { PathedAttribute } from './bodyAttributes.js';

/** Collections nested deeper than this are not looked into. */
const MAX_DEPTH = 8;

/**
 * Whether an attribute is inside a `dynamic` block that generates nothing whatever the elements
 * of the blocks around it are: `dynamic "not_principals" { for_each = statement.value.not_principals
 * != null ? statement.value.not_principals : [] }` where every statement written out leaves
 * `not_principals` null (terraform-aws-iam's role module). Such content is no value of the
 * object: a rule that matches its mere presence (NotPrincipal in an Allow statement) must not.
 */
export function neverGenerated(entry: PathedAttribute): boolean {
  return entry.enclosing.some(({ block }) => {
    if (block.type !== 'dynamic') return false;
    const forEach = block.attributes.find((attribute) => attribute.name === 'for_each');
    return forEach !== undefined && hasNoElements(forEach.expr, 0);
  });
}

/**
 * Whether an attribute inside a dynamic block's content is null in every copy: `not_actions =
 * statement.value.not_actions` where no statement written out sets `not_actions`. A null argument
 * is one left out, so a rule that matches NotAction's presence must not match it.
 */
export function alwaysNull(entry: PathedAttribute): boolean {
  if (!entry.enclosing.some(({ block }) => block.type === 'dynamic')) return false;
  return possibleValues(entry.attribute.expr, 0)?.every(isNull) ?? false;
}

function isNull(expr: Expression): boolean {
  return expr.kind === 'literal' && expr.value === null;
}

/** Whether every value `expr` may be is null or empty. */
function hasNoElements(expr: Expression, depth: number): boolean {
  const empty = (value: Expression) =>
    isNull(value) || ((value.kind === 'tuple' || value.kind === 'object') && value.items.length === 0);
  return possibleValues(expr, depth)?.every(empty) ?? false;
}

/**
 * The values `expr` may be, as far as the configuration writes them out: either branch of a
 * conditional, any entry of several, `iterator.value.x` of each element a collection written out
 * has; null when something is not known.
 */
function possibleValues(expr: Expression, depth: number): Expression[] | null {
  if (depth > MAX_DEPTH) return null;
  switch (expr.kind) {
    case 'parens':
      return possibleValues(expr.inner, depth + 1);
    case 'conditional': {
      const then = possibleValues(expr.then, depth + 1);
      const otherwise = possibleValues(expr.else, depth + 1);
      return then && otherwise ? [...then, ...otherwise] : null;
    }
    case 'call': {
      if (expr.name !== 'four_eyes_any') return [expr];
      const each = expr.args.map((arg) => possibleValues(arg, depth + 1));
      return each.every((values) => values !== null) ? (each.flat() as Expression[]) : null;
    }
    case 'getAttr': {
      const picked = iteratedElements(expr.target);
      if (!picked) return [expr];
      const key: Expression = { kind: 'literal', value: expr.name, range: expr.range };
      const values: Expression[] = [];
      for (const element of picked) {
        if (isNull(element)) continue;
        if (element.kind !== 'object') return null;
        // A missing attribute is an error in Terraform unless the input's type makes it optional,
        // and then the type's defaults wrote it out as null: a missing one is not known.
        const value = select(element, key);
        const inner = value && possibleValues(value, depth + 1);
        if (!inner) return null;
        values.push(...inner);
      }
      return values;
    }
    default:
      return [expr];
  }
}

/** The elements of `collection[iterator.four_eyes_element]` when the collection is written out. */
function iteratedElements(expr: Expression): Expression[] | null {
  if (expr.kind !== 'index' || iteratorOfKey(expr.key) === null) return null;
  return collectionElements(expr.target, 0);
}

/** Every element a collection written out may have (either branch of a conditional, any entry of several). */
function collectionElements(collection: Expression, depth: number): Expression[] | null {
  if (depth > MAX_DEPTH) return null;
  switch (collection.kind) {
    case 'parens':
      return collectionElements(collection.inner, depth + 1);
    case 'object':
      return collection.items.map((item) => item.value);
    case 'tuple':
      return collection.items;
    case 'literal':
      return collection.value === null ? [] : null;
    case 'conditional': {
      const then = collectionElements(collection.then, depth + 1);
      const otherwise = collectionElements(collection.else, depth + 1);
      return then && otherwise ? [...then, ...otherwise] : null;
    }
    case 'call': {
      if (collection.name !== 'four_eyes_any') return null;
      const each = collection.args.map((arg) => collectionElements(arg, depth + 1));
      return each.every((elements) => elements !== null) ? (each.flat() as Expression[]) : null;
    }
    case 'getAttr': {
      // `statement.value.principals` of each statement: the elements of every list it may be.
      const values = possibleValues(collection, depth + 1);
      if (!values) return null;
      const elements: Expression[] = [];
      for (const value of values) {
        if (isNull(value)) continue;
        const inner = value.kind === 'tuple' || value.kind === 'object' ? collectionElements(value, depth + 1) : null;
        if (!inner) return null;
        elements.push(...inner);
      }
      return elements;
    }
    default:
      return null;
  }
}

/**
 * The values an attribute inside a dynamic block's content may have, each iterator bound to each
 * element of a collection written out (`principals.value.identifiers` of every principal of every
 * statement); null where that is not known, or the attribute is not in a dynamic block.
 */
export function generatedValues(entry: PathedAttribute): Expression[] | null {
  if (!entry.enclosing.some(({ block }) => block.type === 'dynamic')) return null;
  const values = possibleValues(entry.attribute.expr, 0);
  return values && !(values.length === 1 && values[0] === entry.attribute.expr) ? values : null;
}
