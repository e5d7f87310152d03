import type { Expression, TemplatePart } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';
import { anyEntryAttribute, anyOf, isAnyOf, select } from './anyEntry.js';
import { DECODE_TFVARS, foldedDecode, foldedTfvars } from './decodedCalls.js';
import { foldedDocuments } from './kubectlDocuments.js';
import { foldedList } from './listCalls.js';
import { foldedString } from './stringCalls.js';

type Call = Extract<Expression, { kind: 'call' }>;

/**
 * A call whose result is known from the shape of its resolved arguments, in the form the
 * resolver compares: `try` without the arguments that cannot succeed, `can` of one that cannot
 * (or of a value written out), `lookup` in a map written out, `keys` and `values` of one, `merge` without empty maps, `lookup(each.value, "x")` as that attribute
 * of any entry. So two spellings of one value (`try(var.m.x, {})` and `lookup(var.m, "x", {})`
 * where `var.m` is `{}`) compare equal. Null where nothing is known.
 */
export function foldedCall(call: Call, args: Expression[]): Expression | null {
  if (DISTRIBUTED.has(call.name) && args.length === 1 && isAnyOf(args[0]!)) return foldedOverAny(call, args[0]);
  if (DISTRIBUTED.has(call.name) && args.length === 1 && isTemplateFile(args[0]!))
    return foldedCall(call, [args[0].args[0]!]);
  switch (call.name) {
    case 'try':
      return foldedTry(call, args);
    case 'lookup':
      return foldedLookup(call, args);
    case 'keys':
      return foldedKeys(call, args);
    case 'values':
      return foldedValues(call, args);
    case 'merge':
      return foldedMerge(call, args);
    case 'can':
      return foldedCan(call, args);
    case 'one':
    case 'element':
      return foldedElement(call, args);
    case 'zipmap':
      return foldedZipmap(call, args);
    case 'setsubtract':
    case 'setintersection':
      return foldedSetOperation(call, args);
    case 'jsondecode':
    case 'yamldecode':
    case 'csvdecode':
      return foldedDecode(call.name, args, call.range);
    case DECODE_TFVARS:
      return foldedTfvars(args, call.range);
    case 'concat':
    case 'compact':
    case 'distinct':
    case 'sort':
      return foldedList(call, args);
    default:
      return foldedDocuments(call.name, args, call.range) ?? foldedString(call, args);
  }
}

/**
 * `templatefile` of a template whose text is known (`file`'s content, as fileCalls gives it): a
 * decoder reads that text as written, its `${…}` interpolations left as text inside the strings
 * they are in. So `jsondecode(templatefile("p.tftpl", {…}))` is the structure the template
 * writes out (an `"Action": "*"` in it is read as such); a template whose interpolations stand
 * outside strings does not decode, and stays as it is.
 */
function isTemplateFile(expr: Expression): expr is Call & { args: [Expression, ...Expression[]] } {
  return (
    expr.kind === 'call' &&
    expr.name === 'templatefile' &&
    expr.args[0]?.kind === 'literal' &&
    typeof expr.args[0].value === 'string'
  );
}

/** Functions of one text that decode it: of "any of" several texts, any of what each decodes to. */
const DISTRIBUTED: ReadonlySet<string> = new Set(['jsondecode', 'yamldecode', 'csvdecode', DECODE_TFVARS]);

/**
 * `yamldecode(file(var.path))` where the path may name any of several changed files: any of what
 * each decodes to, so the structure of each is read. Null unless every one folds.
 */
function foldedOverAny(call: Call, any: Extract<Expression, { kind: 'call' }>): Expression | null {
  const each = any.args.map((arg) => foldedCall(call, [arg]));
  return each.every((value) => value !== null) ? anyOf(each as Expression[], call.range) : null;
}

/**
 * `one(list)` and `element(list, i)` of a list written out: the element (`one([])` is null;
 * `element` wraps its index around, as Terraform does). Null where the list or index is not known,
 * `one` of more than one element (an error), or `element` of an empty list (an error).
 */
function foldedElement(call: Call, args: Expression[]): Expression | null {
  const list = args[0]?.kind === 'parens' ? args[0].inner : args[0];
  if (list?.kind !== 'tuple') return null;
  if (call.name === 'one') {
    if (args.length !== 1 || list.items.length > 1) return null;
    return list.items[0] ?? { kind: 'literal', value: null, range: call.range };
  }
  const index = args[1];
  if (args.length !== 2 || index?.kind !== 'literal' || typeof index.value !== 'number') return null;
  if (list.items.length === 0 || !Number.isInteger(index.value) || index.value < 0) return null;
  return list.items[index.value % list.items.length]!;
}

/**
 * `setsubtract(a, b)` and `setintersection(a, b, …)` of lists of strings written out: the set
 * they make, in the order Terraform gives a set of strings (lexical). So
 * `setsubtract(["0.0.0.0/0", "1.1.1.1/32"], ["1.1.1.1/32"])` is `["0.0.0.0/0"]`. Null where an
 * element is not a known string.
 */
function foldedSetOperation(call: Call, args: Expression[]): Expression | null {
  if (args.length < 2 || (call.name === 'setsubtract' && args.length !== 2)) return null;
  const sets = args.map(knownStrings);
  if (sets.some((set) => set === null)) return null;
  const [first, ...others] = sets as string[][];
  const kept = [...new Set(first)]
    .filter((value) =>
      call.name === 'setsubtract' ? !others[0]!.includes(value) : others.every((other) => other.includes(value)),
    )
    .sort();
  return {
    kind: 'tuple',
    items: kept.map((value) => ({ kind: 'literal', value, range: call.range })),
    range: call.range,
  };
}

/** The strings of a list or set written out, every element a known string; null otherwise. */
function knownStrings(arg: Expression): string[] | null {
  const list = arg.kind === 'parens' ? arg.inner : arg;
  if (list.kind === 'call' && (list.name === 'toset' || list.name === 'tolist') && list.args.length === 1)
    return knownStrings(list.args[0]!);
  if (list.kind !== 'tuple') return null;
  const strings: string[] = [];
  for (const item of list.items) {
    if (item.kind !== 'literal' || typeof item.value !== 'string') return null;
    strings.push(item.value);
  }
  return strings;
}

/**
 * `zipmap(["ssh"], ["0.0.0.0/0"])`: the map of the keys, written out, to the values. Null where
 * the keys are not known strings, the lists are not written out, or their lengths differ.
 */
function foldedZipmap(call: Call, args: Expression[]): Expression | null {
  const [keys, values] = args.map((arg) => (arg.kind === 'parens' ? arg.inner : arg));
  if (args.length !== 2 || keys?.kind !== 'tuple' || values?.kind !== 'tuple') return null;
  if (keys.items.length !== values.items.length) return null;
  const named = keys.items.map((key) => (key.kind === 'literal' && key.value !== null ? key : null));
  if (named.some((key) => key === null)) return null;
  const items = new Map<string, { key: Expression; value: Expression }>();
  for (const [index, key] of named.entries()) items.set(String(key!.value), { key: key!, value: values.items[index]! });
  return { kind: 'object', items: [...items.values()], range: call.range };
}

/** `can(x)`: false where `x` cannot succeed (an attribute an entry written out lacks), true where it is a value written out. */
function foldedCan(call: Call, args: Expression[]): Expression | null {
  if (args.length !== 1) return null;
  if (cannotSucceed(args[0]!)) return { kind: 'literal', value: false, range: call.range };
  return isWrittenOut(args[0]!) ? { kind: 'literal', value: true, range: call.range } : null;
}

/**
 * `try(a, b)`: the first argument that can succeed, when the ones before it cannot.
 * `try(each.value.x, d)` is any entry's `x`, or `d`: the form `lookup(each.value, "x", d)` takes.
 */
function foldedTry(call: Call, args: Expression[]): Expression | null {
  const possible = args.filter((arg) => !cannotSucceed(arg));
  const [first, ...rest] = possible;
  if (first && isAnyOf(first) && rest.length > 0) return anyOf([...first.args, ...rest], first.range);
  // A value written out whole, before fallbacks that are empty: `try({ a = 1 }, {})` is `{ a = 1 }`.
  // Only before empty ones: a conditional Terraform rejects (branches of two types) folds to a
  // value here, and reading that value would hide a fallback that says more than nothing.
  if (first && rest.length > 0 && isWrittenOut(first) && rest.every(isEmptyValue)) return first;
  if (possible.length === args.length) return null;
  if (possible.length === 1) return possible[0]!;
  return { ...call, args: possible };
}

function foldedLookup(call: Call, args: Expression[]): Expression | null {
  const [map, key, fallback] = args;
  if (!map || key?.kind !== 'literal' || typeof key.value !== 'string') return null;
  // `lookup(each.value, "x", default)`: that attribute of any entry, or the default.
  const projected = anyEntryAttribute(map, key.value, call.range);
  if (projected?.kind === 'call') return { ...projected, args: [...projected.args, ...args.slice(2)] };
  if (!writtenKeys(map)) return null;
  return select(map, key) ?? fallback ?? null;
}

/** `keys({ a = x, b = y })` is `["a", "b"]` whatever x and y are. */
function foldedKeys(call: Call, args: Expression[]): Expression | null {
  const names = args.length === 1 ? writtenKeys(args[0]!) : null;
  if (!names) return null;
  return {
    kind: 'tuple',
    items: [...new Set(names)].sort().map((value) => ({ kind: 'literal', value, range: call.range })),
    range: call.range,
  };
}

/**
 * `values(map)` of a map written out: its values in the order of their keys, as Terraform gives
 * them; of a map of one entry under a key known only at apply time (a resource's instances given
 * whole, resourceArguments.ts), that entry. Null otherwise.
 */
function foldedValues(call: Call, args: Expression[]): Expression | null {
  const map = args.length === 1 ? args[0]! : null;
  const object = map?.kind === 'parens' ? map.inner : map;
  if (object?.kind !== 'object') return null;
  const names = writtenKeys(object);
  if (names === null && object.items.length !== 1) return null;
  const items = object.items.map((item, i) => ({ name: names?.[i] ?? '', value: item.value }));
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kind: 'tuple', items: items.map((item) => item.value), range: call.range };
}

/**
 * `merge(a, {})` is `merge(a)`; and a merge of maps written out, every key known, is the map it
 * makes (a later map's key replaces an earlier one's, as Terraform's shallow merge does), so a
 * for_each over it has known keys (instances.ts).
 */
function foldedMerge(call: Call, args: Expression[]): Expression | null {
  const kept = args.filter((arg) => !isEmptyMap(arg));
  if (kept.length > 0 && kept.every((arg) => writtenKeys(arg) !== null)) return mergedMaps(kept, call.range);
  if (kept.length === args.length || kept.length === 0) return null;
  return { ...call, args: kept };
}

function mergedMaps(maps: Expression[], range: Call['range']): Expression {
  const items = new Map<string, { key: Expression; value: Expression }>();
  for (const map of maps) {
    for (const item of unparenthesizedObject(map).items) {
      const name = objectKeyText(item.key)!;
      items.delete(name); // the later entry takes the later place, as in the map Terraform builds
      items.set(name, item);
    }
  }
  return { kind: 'object', items: [...items.values()], range };
}

function unparenthesizedObject(expr: Expression): Extract<Expression, { kind: 'object' }> {
  return expr.kind === 'parens' ? unparenthesizedObject(expr.inner) : (expr as Extract<Expression, { kind: 'object' }>);
}

/** `{}`, `[]`, `null` or `""`: a fallback that adds nothing. */
function isEmptyValue(expr: Expression): boolean {
  if (expr.kind === 'parens') return isEmptyValue(expr.inner);
  if (expr.kind === 'literal') return expr.value === null || expr.value === '';
  return (expr.kind === 'object' || expr.kind === 'tuple') && expr.items.length === 0;
}

function isEmptyMap(expr: Expression): boolean {
  if (expr.kind === 'parens') return isEmptyMap(expr.inner);
  return expr.kind === 'object' && expr.items.length === 0;
}

/** The keys of a map written out with every key known; null for anything else. */
function writtenKeys(expr: Expression): string[] | null {
  if (expr.kind === 'parens') return writtenKeys(expr.inner);
  if (expr.kind !== 'object') return null;
  const names: string[] = [];
  for (const item of expr.items) {
    const name = objectKeyText(item.key);
    if (name === null) return null;
    names.push(name);
  }
  return names;
}

/** An attribute or element that a map or tuple written out does not have: an error wherever it is read. */
export function cannotSucceed(expr: Expression): boolean {
  switch (expr.kind) {
    case 'parens':
      return cannotSucceed(expr.inner);
    case 'getAttr':
      return lacks(expr.target, { kind: 'literal', value: expr.name, range: expr.range });
    case 'index':
      return expr.key.kind === 'literal' && lacks(expr.target, expr.key);
    default:
      return false;
  }
}

function lacks(target: Expression, key: Expression): boolean {
  if (cannotSucceed(target)) return true;
  if (target.kind === 'parens') return lacks(target.inner, key);
  // An attribute or element of null is an error (`try(var.x.enabled, false)` where `x` is null).
  if (target.kind === 'literal' && target.value === null) return true;
  if (target.kind === 'tuple')
    return typeof (key as { value: unknown }).value === 'number' && select(target, key) === null;
  return writtenKeys(target) !== null && select(target, key) === null;
}

/** A template whose every interpolation became a known scalar is that string; else null. */
export function foldedTemplate(parts: TemplatePart[]): string | null {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.value;
    else if (part.kind === 'interpolation' && part.expr.kind === 'literal' && part.expr.value !== null)
      out += String(part.expr.value);
    else return null;
  }
  return out;
}

/** A value written out whole: literals, and tuples and objects of them with known keys. */
export function isWrittenOut(expr: Expression): boolean {
  switch (expr.kind) {
    case 'literal':
      return true;
    case 'parens':
      return isWrittenOut(expr.inner);
    case 'tuple':
      return expr.items.every(isWrittenOut);
    case 'object':
      return expr.items.every((item) => objectKeyText(item.key) !== null && isWrittenOut(item.value));
    default:
      return false;
  }
}
