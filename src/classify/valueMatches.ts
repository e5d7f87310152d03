import { anyOf } from '../flow/anyEntry.js';
import type { UnlessCondition, ValueMatcher } from '../model/policy.js';
import type { Attribute, Block, Body, Expression } from '../terraform/model.js';
import { configurationPathMatches } from './attributePath.js';
import { generatedType, writtenBody } from './blockTypes.js';
import { attributesNamed, type PathedAttribute, pathedAttributes } from './bodyAttributes.js';
import { alwaysNull, generatedValues, neverGenerated } from './generatedValues.js';
import { ipv4Number, isIpv4, rangeReachesInternet, reachesInternet } from './internetRanges.js';
import {
  canonicalValueText,
  givesValueTree,
  type Scalar,
  type ValueLeaf,
  type ValueTree,
  valueLeaves,
  valueTree,
} from './valueTree.js';
import { wildcardMatches } from './wildcardPatterns.js';

/**
 * One value a matcher found, and the place it sits. The place is the unit that grants: a policy
 * statement (the JSON object holding the matcher's key, else the nearest object around the value),
 * else the outermost nested block the attribute is in (an `ingress` rule, a `statement`, a
 * `binding`), else the value itself. Revisions are compared unit by unit.
 */
export interface ValueMatch {
  entry: PathedAttribute;
  leaf: Scalar;
  /** where the unit is: `policy#/Statement/1`, `statement[0]`, `acl` */
  place: string;
  /** the place without indices (`policy#/Statement`, `statement`): where counterparts are looked for */
  placeKind: string;
  /** canonical text of the unit: equal texts are the same grant */
  unit: string;
}

/** Every value of a body one matcher matches, with its place. */
export function valueMatches(body: Body, matcher: ValueMatcher): readonly ValueMatch[] {
  // Most bodies match nothing: the empty answer is shared.
  let out: ValueMatch[] | null = null;
  const { name, accept } = compiledMatcher(matcher);
  // A glob ending in a plain name matches only paths ending in it: the attributes of that name.
  const entries = (name !== null && attributesNamed(body, name)) || pathedAttributes(body);
  // Indexed loops: this runs for every attribute of every object, and most find nothing.
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!;
    if (!configurationPathMatches(entry.path, matcher.attribute) || neverGenerated(entry) || alwaysNull(entry))
      continue;
    const leaves = valueLeaves(entryTree(entry), matcher.key, accept);
    for (let l = 0; l < leaves.length; l++) {
      const leaf = leaves[l]!;
      if (matcher.unless && conditionsOf(matcher.unless).some((unless) => cancelled(body, entry, leaf, unless)))
        continue;
      if (matcher.rangeFrom && !opensRange(body, entry, leaf, matcher.rangeFrom)) continue;
      if (matcher.alongside && !coveredAlongside(body, entry, leaf, matcher.alongside)) continue;
      out ??= [];
      out.push({ entry, leaf: leaf.leaf, ...placeOf(entry, leaf) });
    }
  }
  return out ?? NO_MATCHES;
}

const NO_MATCHES: readonly ValueMatch[] = Object.freeze([]);

/** What a matcher is worked into once: the rules are asked about every attribute of every object. */
interface CompiledMatcher {
  /** the attribute name every path the glob matches ends in, when its last segment is literal */
  name: string | null;
  accept: (leaf: Scalar) => boolean;
}

const compiledMatchers = new WeakMap<ValueMatcher, CompiledMatcher>();

function compiledMatcher(matcher: ValueMatcher): CompiledMatcher {
  let found = compiledMatchers.get(matcher);
  if (found === undefined) {
    found = { name: literalLastName(matcher.attribute), accept: scalarTest(matcher) };
    compiledMatchers.set(matcher, found);
  }
  return found;
}

/** Glob syntax (minimatch: wildcards, classes, braces, extglobs, escapes) and path separators. */
const NOT_LITERAL = /[*?[\]{}()!+@\\/]/;

/** `ingress.cidr_blocks` → `cidr_blocks`; null when the last segment is a glob (`*cidr*`, `**`). */
function literalLastName(pattern: string): string | null {
  const last = pattern.slice(pattern.lastIndexOf('.') + 1);
  return last === '' || NOT_LITERAL.test(pattern) ? null : last;
}

/**
 * Value trees by expression: every value rule of the catalog reads the same attributes, and an
 * update reads both revisions, so heredoc policies would otherwise be parsed dozens of times.
 */
const trees = new WeakMap<Expression, ValueTree>();

/**
 * An attribute's value tree; inside a dynamic block's content, that of every value it takes with
 * the iterators bound to the elements written out (`principals.value.identifiers` is `"*"` where
 * a statement's principal is), so a value the block generates is matched like one written out.
 */
function entryTree(entry: PathedAttribute): ValueTree {
  const attribute = entry.attribute;
  let tree = generatedTrees.get(attribute);
  if (tree === undefined) {
    const generated = generatedValues(entry);
    tree = generated ? valueTree(anyOf(generated, attribute.range)) : treeOf(attribute);
    generatedTrees.set(attribute, tree);
  }
  return tree;
}

const generatedTrees = new WeakMap<Attribute, ValueTree>();

function treeOf(attribute: Attribute): ValueTree {
  if (givesValueTree(attribute)) return attribute.valueTree();
  const expr = attribute.expr;
  let tree = trees.get(expr);
  if (tree === undefined) {
    tree = valueTree(expr);
    trees.set(expr, tree);
  }
  return tree;
}

/** A matcher's test of one scalar: `equals` and `contains` on the (folded) text, `regex`, `cidr` and `covers` on the text as it is. */
function scalarTest(matcher: ValueMatcher): (leaf: Scalar) => boolean {
  const fold = (text: string) => (matcher.ignoreCase ? text.toLowerCase() : text);
  const equals = matcher.equals === undefined ? undefined : fold(String(matcher.equals));
  const contains = matcher.contains === undefined ? undefined : fold(matcher.contains);
  const source = matcher.regex;
  const covered = matcher.covers;
  let regex: RegExp | undefined;
  return (leaf) => {
    const raw = leaf === null ? 'null' : String(leaf);
    if (equals !== undefined || contains !== undefined) {
      const text = fold(raw);
      if (equals !== undefined && text !== equals) return false;
      if (contains !== undefined && !text.includes(contains)) return false;
    }
    if (matcher.cidr === 'internet' && !reachesInternet(raw)) return false;
    if (covered !== undefined && !covered.every((name) => wildcardMatches(raw, name, matcher.ignoreCase === true)))
      return false;
    const ignoreCase = matcher.ignoreCase === true;
    if (matcher.coversAny && !matcher.coversAny.some((name) => wildcardMatches(raw, name, ignoreCase))) return false;
    if (matcher.unlessCovers?.some((set) => set.every((name) => wildcardMatches(raw, name, ignoreCase)))) return false;
    if (source === undefined) return true;
    regex ??= compiled(source, matcher.ignoreCase === true);
    return regex.test(raw);
  };
}

function placeOf(entry: PathedAttribute, leaf: ValueLeaf): Pick<ValueMatch, 'place' | 'placeKind' | 'unit'> {
  const object = leaf.holder ?? leaf.objects.at(-1);
  if (object) {
    return {
      place: `${entry.path}#${object.path}`,
      placeKind: `${withoutIndices(entry.path)}#${object.path.replace(/\/\d+(?=\/|$)/g, '')}`,
      unit: canonicalValueText(object.value),
    };
  }
  const outer = entry.enclosing[0];
  if (outer) return { place: outer.path, placeKind: withoutIndices(outer.path), unit: blockText(outer.block) };
  return { place: entry.path, placeKind: withoutIndices(entry.path), unit: JSON.stringify(leaf.leaf) };
}

function withoutIndices(path: string): string {
  return path.replace(/\[[^\]]*\]/g, '');
}

/** A nested block's content, independent of attribute order and formatting. */
function blockText(block: Block): string {
  const attributes = block.attributes.map((a) => `${a.name}=${a.text}`).sort();
  return JSON.stringify([block.type, block.labels, attributes, block.blocks.map(blockText)]);
}

function conditionsOf(unless: NonNullable<ValueMatcher['unless']>): readonly UnlessCondition[] {
  return Array.isArray(unless) ? unless : [unless as UnlessCondition];
}

/** The nearest object or block around the value that has `unless.key` decides; none means the match counts. */
function cancelled(body: Body, entry: PathedAttribute, leaf: ValueLeaf, unless: UnlessCondition): boolean {
  if ('within' in unless) return mentionedWithin(body, entry, leaf, unless);
  if ('block' in unless) return hasBlock(body, unless);
  const value = nearestValue(body, entry, leaf, unless.key);
  if ('present' in unless) return value !== undefined && value !== null;
  return value !== undefined && sameScalar(value, unless.equals);
}

/** The value of `key` in the nearest JSON object or HCL block around the leaf that has it (any letter case). */
function nearestValue(body: Body, entry: PathedAttribute, leaf: ValueLeaf, key: string): ValueTree | undefined {
  const folded = key.toLowerCase();
  for (const object of [...leaf.objects].reverse()) {
    const name = Object.keys(object.value).find((candidate) => candidate.toLowerCase() === folded);
    if (name !== undefined) return object.value[name]!;
  }
  const scopes: { attributes: Attribute[] }[] = [...entry.enclosing.map((e) => e.block).reverse(), body];
  for (const scope of scopes) {
    const attribute = scope.attributes.find((candidate) => candidate.name.toLowerCase() === folded);
    if (attribute) return valueTree(attribute.expr);
  }
  return undefined;
}

/**
 * `within`/`mentions`: the nearest JSON object or HCL block around the leaf that has the key
 * `within` (as an entry, an attribute, a nested block or a dynamic block's name) holds a key or
 * string the pattern matches, at any depth — not under a JSON key, nor in an HCL block whose
 * `test`, matches `except` (a condition that names a claim without restricting it).
 */
function mentionedWithin(
  body: Body,
  entry: PathedAttribute,
  leaf: ValueLeaf,
  { within, mentions, except }: { within: string; mentions: string; except?: string },
): boolean {
  const folded = within.toLowerCase();
  const search = { pattern: compiled(mentions, true), except: except === undefined ? null : compiled(except, false) };
  for (const object of [...leaf.objects].reverse()) {
    if (Object.keys(object.value).some((name) => name.toLowerCase() === folded))
      return treeMentions(object.value, search);
  }
  const scopes: Body[] = [...entry.enclosing.map((e) => e.block).reverse(), body];
  const named = (block: Block) => generatedType(block).toLowerCase() === folded;
  for (const scope of scopes) {
    const has =
      scope.attributes.some((attribute) => attribute.name.toLowerCase() === folded) || scope.blocks.some(named);
    if (has) return bodyMentions(scope, search);
  }
  return false;
}

interface MentionSearch {
  pattern: RegExp;
  except: RegExp | null;
}

function bodyMentions(scope: Body, search: MentionSearch): boolean {
  const test = scope.attributes.find((attribute) => attribute.name === 'test');
  const testValue = test ? treeOf(test) : null;
  if (search.except && typeof testValue === 'string' && search.except.test(testValue)) return false;
  return (
    scope.attributes.some((attribute) => treeMentions(treeOf(attribute), search)) ||
    scope.blocks.some((block) => bodyMentions(block, search))
  );
}

function treeMentions(tree: ValueTree, search: MentionSearch): boolean {
  if (typeof tree === 'string') return search.pattern.test(tree);
  if (Array.isArray(tree)) return tree.some((element) => treeMentions(element, search));
  if (tree === null || typeof tree !== 'object') return false;
  return Object.entries(tree).some(
    ([key, value]) => !search.except?.test(key) && (search.pattern.test(key) || treeMentions(value, search)),
  );
}

/** `block`: the body has a nested block of that type (a dynamic one too), with the attribute given equal to the value given. */
function hasBlock(
  body: Body,
  { block: type, key, equals }: { block: string; key?: string; equals?: string | number | boolean },
): boolean {
  return body.blocks.some((block) => {
    if (generatedType(block) !== type) return false;
    if (key === undefined) return true;
    // A dynamic block's content decides; what it sets is read as written there.
    const attribute = writtenBody(block).attributes.find((candidate) => candidate.name === key);
    return attribute !== undefined && equals !== undefined && sameScalar(treeOf(attribute), equals);
  });
}

/** `alongside`: some string of the key's value, in the nearest scope that has it, covers every name. */
function coveredAlongside(
  body: Body,
  entry: PathedAttribute,
  leaf: ValueLeaf,
  alongside: NonNullable<ValueMatcher['alongside']>,
): boolean {
  const value = nearestValue(body, entry, leaf, alongside.key);
  if (value === undefined) return false;
  const covering = (tree: ValueTree): boolean =>
    typeof tree === 'string'
      ? alongside.covers.every((name) => wildcardMatches(tree, name, false))
      : Array.isArray(tree) && tree.some(covering);
  return covering(value);
}

/**
 * `rangeFrom`: the leaf ends an IPv4 range that the value of that key begins, and the range
 * reaches the internet. A start that is not known may be the lowest address. A start that is one
 * of several (a rule of any entry of a map) is the nearest of them below the end: the entry whose
 * end this is most likely begins there, and another entry's start would pair ranges no one wrote.
 */
function opensRange(body: Body, entry: PathedAttribute, leaf: ValueLeaf, startKey: string): boolean {
  const end = leaf.leaf;
  if (typeof end !== 'string' || !isIpv4(end)) return false;
  const starts = ipv4Leaves(nearestValue(body, entry, leaf, startKey));
  if (starts.length === 0) return rangeReachesInternet('0.0.0.0', end);
  const below = starts.filter((start) => ipv4Number(start) <= ipv4Number(end));
  if (below.length === 0) return false;
  const nearest = below.reduce((a, b) => (ipv4Number(b) > ipv4Number(a) ? b : a));
  return rangeReachesInternet(nearest, end);
}

function ipv4Leaves(tree: ValueTree | undefined): string[] {
  if (typeof tree === 'string') return isIpv4(tree) ? [tree] : [];
  return Array.isArray(tree) ? tree.flatMap(ipv4Leaves) : [];
}

function sameScalar(value: ValueTree, expected: string | number | boolean): boolean {
  return (value === null || typeof value !== 'object') && String(value) === String(expected);
}

const regexCache = new Map<string, RegExp>();

function compiled(source: string, ignoreCase: boolean): RegExp {
  const key = (ignoreCase ? 'i' : '-') + source;
  let regex = regexCache.get(key);
  if (!regex) {
    regex = new RegExp(source, ignoreCase ? 'i' : '');
    regexCache.set(key, regex);
  }
  return regex;
}
