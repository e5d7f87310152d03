import type { Expression, Range } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';
import { compactText } from './compactText.js';

/** The pseudo-function of "any of these values": `each.value.x` over a for_each's entries. */
const ANY_OF = 'four_eyes_any';

/**
 * `ingress.four_eyes_element`: the key of the element a dynamic block's iterator is at, in
 * `collection[ingress.four_eyes_element]`, what the resolver reads `ingress.value` as. Not taken
 * apart here: the classifier binds the iterator to each element in turn (classify/dynamicBlocks.ts),
 * which keeps an element's attributes together.
 */
export const ITERATOR_ELEMENT = 'four_eyes_element';

/** Whether `key` is the key of a dynamic block's iterator (see ITERATOR_ELEMENT); its iterator's name if so. */
export function iteratorOfKey(key: Expression): string | null {
  return key.kind === 'getAttr' && key.name === ITERATOR_ELEMENT && key.target.kind === 'variable'
    ? key.target.name
    : null;
}

/**
 * "Any of these values": what an attribute read of it reads in each (see anyEntryAttribute). A
 * value given twice is one possibility: five entries without `x` and a `try` fallback of null are
 * "null" either way, so removing that fallback changes nothing.
 */
export function anyOf(values: Expression[], range: Range): Extract<Expression, { kind: 'call' }> {
  return { kind: 'call', name: ANY_OF, args: distinctValues(values), expandFinal: false, range };
}

/** `values` without repeats of the same canonical text, in first-seen order. */
function distinctValues(values: Expression[]): Expression[] {
  if (values.length < 2) return values;
  const seen = new Set<string>();
  return values.filter((value) => {
    const text = compactText(value);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** Whether `expr` is "any of these values" (see anyOf). */
export function isAnyOf(expr: Expression): expr is Extract<Expression, { kind: 'call' }> {
  return expr.kind === 'call' && isAnyOfName(expr.name);
}

/** Whether a call of this name is "any of these values" (see anyOf). */
export function isAnyOfName(name: string): boolean {
  return name === ANY_OF;
}

/** The key of an element known only at apply time, in an element written as `collection[key]`. */
const UNKNOWN_KEY = 'four_eyes_key';

/**
 * Functions whose result's elements are among their arguments' elements: `try(a, b)` is one of
 * them, `merge` has the entries of all, `tomap` converts, "any of" is any.
 */
const COLLECTION_CHOICES: ReadonlySet<string> = new Set(['merge', 'tomap', 'try', ANY_OF]);

/** Nested collections deeper than this are not taken apart: the element stays as written. */
const MAX_NESTING = 8;

/**
 * `.name` of an element picked by a key known only at apply time (`each.value`, `m[var.k]`,
 * `m[a][b]`) as that attribute of every element it may be, so an element's other attributes,
 * changed, do not change what reads only this one. An element that is not an object written out
 * (a reference, a call) gives `element.name` as written: its text still changes with it.
 * Null where the expression picks no such element.
 */
export function anyEntryAttribute(target: Expression, name: string, range: Range): Expression | null {
  const entries = pickedElements(target, 0);
  if (!entries) return null;
  const key: Expression = { kind: 'literal', value: name, range };
  const picked: Expression[] = [];
  for (const entry of entries) {
    if (entry.kind === 'literal' && entry.value === null) continue;
    if (entry.kind === 'object') picked.push(select(entry, key) ?? { kind: 'literal', value: null, range });
    else picked.push({ kind: 'getAttr', target: entry, name, range });
  }
  return anyOf(picked, range);
}

/** The elements `expr` may be when it is one picked from a collection: null when it is not such a pick. */
function pickedElements(expr: Expression, depth: number): Expression[] | null {
  if (expr.kind === 'parens') return pickedElements(expr.inner, depth);
  if (expr.kind === 'call' && expr.name === ANY_OF) return expr.args;
  if (expr.kind !== 'index' || depth > MAX_NESTING || iteratorOfKey(expr.key) !== null) return null;
  if (isUnknownKey(expr.key)) return elementsOf(expr.target, depth + 1);
  // `m[k]["a"]`: the "a" of every element `m[k]` may be.
  const from = pickedElements(expr.target, depth + 1);
  return from ? from.flatMap((element) => selectedOrKept(element, expr.key)) : null;
}

/**
 * What `element[key]` may be for a literal key: what a map written out has there and under
 * keys computed at apply time, any of which may be this one, what any argument of a merge or try has there,
 * what either branch has; else `element[key]` as written.
 */
function selectedOrKept(element: Expression, key: Expression): Expression[] {
  switch (element.kind) {
    case 'parens':
      return selectedOrKept(element.inner, key);
    case 'literal':
      if (element.value === null) return [];
      break;
    case 'object': {
      // Besides the key written so, a key computed at apply time may be this one.
      const computed = element.items.filter((item) => objectKeyText(item.key) === null).map((item) => item.value);
      const selected = select(element, key);
      return selected ? [selected, ...computed] : computed;
    }
    case 'conditional':
      return [...selectedOrKept(element.then, key), ...selectedOrKept(element.else, key)];
    case 'call':
      if (COLLECTION_CHOICES.has(element.name)) return element.args.flatMap((arg) => selectedOrKept(arg, key));
      break;
    default: {
      const selected = select(element, key);
      if (selected) return [selected];
    }
  }
  return [{ kind: 'index', target: element, key, legacy: false, range: element.range }];
}

/**
 * Every element a collection may have, for a key known only at apply time: the values of a map
 * or tuple written out, of either branch, of every map merged or tried; elements of elements
 * for a collection itself picked by such a key. What is not written out is one element
 * `collection[key]`, as written.
 */
function elementsOf(collection: Expression, depth: number): Expression[] {
  if (depth > MAX_NESTING) return [unknownElement(collection)];
  switch (collection.kind) {
    case 'parens':
      return elementsOf(collection.inner, depth);
    case 'object':
      return collection.items.map((item) => item.value);
    case 'tuple':
      return collection.items;
    case 'literal':
      return collection.value === null ? [] : [unknownElement(collection)];
    case 'conditional':
      return [...elementsOf(collection.then, depth), ...elementsOf(collection.else, depth)];
    case 'call':
      if (COLLECTION_CHOICES.has(collection.name)) return collection.args.flatMap((arg) => elementsOf(arg, depth));
      return [unknownElement(collection)];
    case 'index': {
      const outer = pickedElements(collection, depth);
      return outer ? outer.flatMap((element) => elementsOf(element, depth + 1)) : [unknownElement(collection)];
    }
    case 'for':
      // `{ for k, v in m : k => v if … }` keeps some of m's entries as they are: any of them.
      return keepsElements(collection) ? elementsOf(collection.collection, depth + 1) : [unknownElement(collection)];
    default:
      return [unknownElement(collection)];
  }
}

/** A `for` whose elements are its collection's own (`[for v in xs : v if …]`, `{ for k, v in m : k => v if … }`), some left out. */
function keepsElements(expr: Extract<Expression, { kind: 'for' }>): boolean {
  const isVariable = (part: Expression | null, name: string | null) =>
    part !== null && name !== null && part.kind === 'variable' && part.name === name;
  return (
    !expr.group &&
    isVariable(expr.value, expr.valueVar) &&
    (expr.key === null ? true : isVariable(expr.key, expr.keyVar))
  );
}

function unknownElement(collection: Expression): Expression {
  const key: Expression = { kind: 'variable', name: UNKNOWN_KEY, range: collection.range };
  return { kind: 'index', target: collection, key, legacy: false, range: collection.range };
}

/** A key that selects nothing statically: `each.key`, a reference, anything but a literal. */
function isUnknownKey(key: Expression): boolean {
  if (key.kind === 'parens') return isUnknownKey(key.inner);
  return key.kind !== 'literal';
}

/** `[a, b][1]` is b and `{ k = v }.k` is v; anything not known statically selects nothing. */
export function select(target: Expression, key: Expression): Expression | null {
  if (target.kind === 'parens') return select(target.inner, key);
  if (key.kind !== 'literal') return null;
  if (target.kind === 'tuple' && typeof key.value === 'number' && Number.isInteger(key.value))
    return target.items[key.value] ?? null;
  if (target.kind === 'object' && (typeof key.value === 'string' || typeof key.value === 'number')) {
    const wanted = String(key.value);
    const item = [...target.items].reverse().find((entry) => objectKeyText(entry.key) === wanted);
    return item?.value ?? null;
  }
  return null;
}

/** Lists of scalars longer than this indexed by a key not known are left as they are written. */
const MAX_PICKED_SCALARS = 256;

/**
 * An element picked by a key that is one of several known keys (an "any of" of literals), or, from
 * a list of scalars written out, by a key not known (`["http-80-tcp"][count.index]`): any of the
 * elements it may pick. So `var.rules[local.names[count.index]]` reads the entries the names
 * select, not any entry of the map. A dynamic block's iterator key is the classifier's to bind.
 * Null otherwise.
 */
export function selectAmong(target: Expression, key: Expression, range: Range): Expression | null {
  if (target.kind === 'parens') return selectAmong(target.inner, key, range);
  if (isAnyOf(key) && key.args.length > 0 && key.args.every((arg) => arg.kind === 'literal')) {
    const picked = key.args.map((arg) => select(target, arg));
    if (picked.some((value) => value === null)) return null;
    return picked.length === 1 ? picked[0]! : anyOf(picked as Expression[], range);
  }
  if (key.kind === 'literal' || iteratorOfKey(key) !== null || target.kind !== 'tuple') return null;
  const { items } = target;
  if (items.length === 0 || items.length > MAX_PICKED_SCALARS || items.some((item) => item.kind !== 'literal'))
    return null;
  return items.length === 1 ? items[0]! : anyOf([...items], range);
}

/** A key known only at apply time (a call: no key text, so no literal key selects its element). */
export function anyKey(range: Range): Expression {
  const key: Expression = { kind: 'call', name: 'four_eyes_instance', args: [], expandFinal: false, range };
  return { kind: 'parens', inner: key, range };
}
