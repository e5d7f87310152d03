import { parseAllDocuments } from 'yaml';
import { compactText } from '../flow/compactText.js';
import { YAML_DOCUMENT_CALLS } from '../flow/kubectlDocuments.js';
import type { Attribute, Expression, LiteralValue } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';
import { expressionText, textWith } from '../terraform/printer.js';
import { decodedData, isDecoder } from '../util/decodedData.js';
import { renderedParts, renderedTemplate } from './renderedTemplate.js';

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
  'templatestring',
  // The value itself, typed or marked: `sensitive("0.0.0.0/0")` opens the same port.
  'tostring',
  'tonumber',
  'tobool',
  'sensitive',
  // the kubectl provider's documents of a YAML text not known statically (flow/kubectlDocuments.ts)
  ...YAML_DOCUMENT_CALLS,
]);

/** What `nonsensitive(…)` is besides the value it reveals: see builtValueTree. */
const NONSENSITIVE_MARK = 'nonsensitive(…)';

const trees = new WeakMap<Expression, ValueTree>();

/**
 * Kept per expression: resolved values share sub-trees (a module's outputs merged into a map
 * that a thousand attributes read), and value trees are never changed.
 */
export function valueTree(expr: Expression): ValueTree {
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? jsonOrText(expr.value) : expr.value;
  let tree = trees.get(expr);
  if (tree === undefined) {
    tree = builtValueTree(expr);
    trees.set(expr, tree);
  }
  return tree;
}

function builtValueTree(expr: Expression): ValueTree {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' ? jsonOrText(expr.value) : expr.value;
    case 'parens':
      return valueTree(expr.inner);
    case 'template': {
      const rendered = renderedParts(expr);
      if (rendered !== null) return jsonOrText(rendered);
      const alternatives = templateAlternatives(expr);
      return alternatives === null ? leafText(expr) : [leafText(expr), ...alternatives];
    }
    case 'tuple':
      return expr.items.map(valueTree);
    case 'object': {
      const out: { [key: string]: ValueTree } = {};
      for (const item of expr.items) {
        // A computed key resolved to a known one (`(local.k) = "*"` where local.k is "Action") is that key.
        const key = objectKeyText(item.key) ?? expressionText(item.key);
        out[key] = valueTree(item.value);
      }
      return out;
    }
    case 'call': {
      const rendered = expr.name === 'templatefile' || expr.name === 'templatestring' ? renderedTemplate(expr) : null;
      if (rendered !== null) return jsonOrText(rendered);
      const decoded = decodedDocument(expr);
      if (decoded !== undefined) return decoded;
      // The value it reveals, and that a value is revealed (secrets.terraform.nonsensitive), the
      // same whatever is revealed: the reveal is new only where it was not written before.
      if (expr.name === 'nonsensitive' && expr.args.length === 1) return [valueTree(expr.args[0]!), NONSENSITIVE_MARK];
      if (TRANSPARENT_FUNCTIONS.has(expr.name)) {
        return expr.args.length === 1 ? valueTree(expr.args[0]!) : expr.args.map(valueTree);
      }
      // The result is one of the arguments, or built from them: any of them may be the value.
      if (CHOOSING_FUNCTIONS.has(expr.name)) return expr.args.map(valueTree);
      // What is left of the first set: any of its elements may be, none of the others'.
      if (SUBSET_OF_FIRST.has(expr.name) && expr.args.length > 0) return valueTree(expr.args[0]!);
      // A provider's own function (`provider::aws::…`) returns what Four Eyes cannot compute: the
      // call, or any of its arguments passed through, may be the value.
      if (expr.name.startsWith('provider::')) return [leafText(expr), ...expr.args.map(valueTree)];
      return leafText(expr);
    }
    case 'conditional':
      // Which branch applies may be known only at apply time: either may be the value.
      return [valueTree(expr.then), valueTree(expr.else)];
    case 'index':
      // A key known only at apply time (`var.cidrs[terraform.workspace]`) may select any entry.
      if (expr.target.kind === 'tuple') return expr.target.items.map(valueTree);
      if (expr.target.kind === 'object') return expr.target.items.map((item) => valueTree(item.value));
      return anyEntry(structuralTree(expr.target)) ?? leafText(expr);
    case 'getAttr': {
      // `local.nets[each.key].cidr` over a resolved map: the attribute of any entry may be the value.
      const picked = attributeOf(structuralTree(expr.target), expr.name);
      return picked ?? leafText(expr);
    }
    case 'for':
      // `[for s in xs : s.cidr]`: the elements' values flow into the result.
      return [valueTree(expr.collection), valueTree(expr.value)];
    default:
      return leafText(expr);
  }
}

/**
 * The text of a value not known here (a reference, a call no rule reads into): its own
 * canonical text, with each large sub-expression as a digest of itself (compactText). An
 * unresolved `[key].id` of a settings map that a thousand attributes read is then a line, not
 * the map printed again for each of them; equal texts still mean equal values.
 */
function leafText(expr: Expression): string {
  return textWith(expr, compactText);
}

/** Choices of an interpolation written into the text around it: more than this, and they are not. */
const MAX_ALTERNATIVES = 256;

/**
 * `"arn:aws:iam::aws:policy/${each.value.policy}"` where the interpolation is any of a few known
 * strings (any entry of a for_each whose keys are not unrolled): each string it may make, so a
 * rule sees `…/AdministratorAccess` among them. Null for a template with another shape, or
 * choices that are not all known scalars.
 */
function templateAlternatives(expr: Extract<Expression, { kind: 'template' }>): string[] | null {
  const holes = expr.parts.filter((part) => part.kind !== 'text');
  const hole = holes.length === 1 ? holes[0]! : null;
  if (hole?.kind !== 'interpolation' || hole.stripLeft || hole.stripRight) return null;
  const choices: string[] = [];
  const collect = (tree: ValueTree, depth: number): boolean => {
    if (typeof tree === 'string' || typeof tree === 'number' || typeof tree === 'boolean') {
      choices.push(String(tree));
      return choices.length <= MAX_ALTERNATIVES;
    }
    return Array.isArray(tree) && depth < 3 && tree.every((item) => collect(item, depth + 1));
  };
  const tree = valueTree(hole.expr);
  if (!Array.isArray(tree) || !collect(tree, 0)) return null;
  const index = expr.parts.indexOf(hole);
  const text = (parts: typeof expr.parts) => parts.map((part) => (part.kind === 'text' ? part.value : '')).join('');
  const before = text(expr.parts.slice(0, index));
  const after = text(expr.parts.slice(index + 1));
  return [...new Set(choices)].map((choice) => before + choice + after);
}

/** Expressions whose value tree has structure (not a reference, which stays as its text). */
const STRUCTURAL_KINDS: ReadonlySet<Expression['kind']> = new Set([
  'index',
  'getAttr',
  'call',
  'parens',
  'conditional',
  // `{ for u in csvdecode(...) : u.name => u }[each.key].policy`: the collection's elements flow in
  'for',
  // `{ cidrs = ["0.0.0.0/0"] }.cidrs`: an element a `for` was read with (bodyAttributes.ts), picked
  'object',
]);

/** The value tree of an expression that may hold resolved structure; null when it is only text. */
function structuralTree(expr: Expression): ValueTree | null {
  if (!STRUCTURAL_KINDS.has(expr.kind)) return null;
  const tree = valueTree(expr);
  return tree !== null && typeof tree === 'object' ? tree : null;
}

/** Every entry a key known only at apply time may select. */
function anyEntry(tree: ValueTree | null): ValueTree[] | null {
  if (tree === null || typeof tree !== 'object') return null;
  return Array.isArray(tree) ? tree : Object.values(tree);
}

/**
 * `.name` of a tree, of any of its alternatives, or of the entries of a map that lacks it (a
 * `merge` of maps indexed by a key known only at apply time); null when none has it.
 */
function attributeOf(tree: ValueTree | null, name: string, depth = 0): ValueTree | null {
  if (tree === null || typeof tree !== 'object' || depth > 3) return null;
  if (!Array.isArray(tree) && Object.hasOwn(tree, name)) return tree[name]!;
  const entries = Array.isArray(tree) ? tree : Object.values(tree);
  const found = entries.map((entry) => attributeOf(entry, name, depth + 1)).filter((entry) => entry !== null);
  return found.length > 0 ? found : null;
}

/**
 * What valueTree gives for the expression of a literal value (literals, tuples and objects of
 * it), without building the expression: strings that hold JSON are searched as its structure.
 * A part without such strings is its own tree, not a copy (value trees are never changed): a
 * plan's values are mostly plain, and copying them all is most of what this would cost.
 */
export function literalValueTree(value: LiteralValue): ValueTree {
  if (typeof value === 'string') return jsonOrText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: ValueTree[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = value[i]!;
      const tree = literalValueTree(item);
      if (copy === null && tree !== item) copy = value.slice(0, i);
      copy?.push(tree);
    }
    return copy ?? value;
  }
  const keys = Object.keys(value);
  let copy: { [key: string]: ValueTree } | null = null;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const item = value[key]!;
    const tree = literalValueTree(item);
    if (copy === null && tree !== item) {
      copy = {};
      for (let before = 0; before < k; before++) copy[keys[before]!] = value[keys[before]!]!;
    }
    if (copy !== null) copy[key] = tree;
  }
  return copy ?? value;
}

/**
 * An attribute that gives its value tree itself: a plan's attributes hold literal values, whose
 * tree (literalValueTree) is cheaper than building their expression and reading it back.
 */
export interface ValueTreeAttribute extends Attribute {
  valueTree(): ValueTree;
}

export function givesValueTree(attribute: Attribute): attribute is ValueTreeAttribute {
  return typeof (attribute as Partial<ValueTreeAttribute>).valueTree === 'function';
}

/** Functions that return one of their arguments, an element of one, or a combination of them. */
const CHOOSING_FUNCTIONS = new Set([
  // any entry of a for_each (flow/resolver.ts: `each.value.x`)
  'four_eyes_any',
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

/** Functions whose result is a subset of their first argument. */
const SUBSET_OF_FIRST = new Set(['setsubtract', 'setintersection']);

/**
 * `jsondecode(file("p.json"))`, `yamldecode(file("q.yaml"))`, `csvdecode(file("users.csv"))` of a
 * text the resolver read: the structure it encodes, so `Action: "*"` in a YAML policy is matched
 * like one written out.
 */
function decodedDocument(expr: Extract<Expression, { kind: 'call' }>): ValueTree | undefined {
  if (!isDecoder(expr.name)) return undefined;
  const [text] = expr.args;
  if (expr.args.length !== 1 || text?.kind !== 'literal' || typeof text.value !== 'string') return undefined;
  return decodedData(expr.name, text.value);
}

/**
 * Heredoc and quoted JSON policy documents are searched as the structure they encode, and so are
 * Kubernetes manifests in YAML (`kubectl_manifest`'s `yaml_body`, a file a manifest resource
 * reads): their `kind`, `roleRef` and `subjects` decide what they grant; and CloudFormation
 * templates in YAML (`aws_cloudformation_stack`'s `template_body`): the IAM policies and security
 * groups of their resources are matched like Terraform's own (the short-form intrinsics, `!Ref`
 * and `!Sub`, read as the value they are written around).
 */
function jsonOrText(text: string): ValueTree {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text) as ValueTree;
    } catch {
      return text;
    }
  }
  const structured =
    (KUBERNETES_MANIFEST.test(text) && KIND_LINE.test(text)) ||
    (CLOUDFORMATION_RESOURCES.test(text) && CLOUDFORMATION_TYPE.test(text));
  return structured ? (yamlDocuments(text) ?? text) : text;
}

/** A YAML Kubernetes object: an `apiVersion:` line and a `kind:` line at the top level. */
const KUBERNETES_MANIFEST = /^apiVersion:\s*\S/m;
const KIND_LINE = /^kind:\s*\S/m;
/** A YAML CloudFormation template: a top-level `Resources:` section (block or flow style), and resources of `AWS::` types. */
const CLOUDFORMATION_RESOURCES = /^["']?Resources["']?\s*:/m;
const CLOUDFORMATION_TYPE = /\bType["']?\s*:\s*["']?AWS::/;

/** The documents of a YAML stream (one: itself; several: a list), as plain data; null when it does not parse. */
function yamlDocuments(text: string): ValueTree | null {
  try {
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents) || documents.some((document) => document.errors.length > 0)) return null;
    const values = documents.map((document) => JSON.parse(JSON.stringify(document.toJS() ?? null)) as ValueTree);
    return values.length === 1 ? values[0]! : values;
  } catch {
    return null;
  }
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

/**
 * Like scalarLeaves, with where each scalar sits; with `accept`, only the scalars it accepts (a
 * matcher's test), so the places of the scalars that cannot match are never built.
 */
export function valueLeaves(tree: ValueTree, key?: string, accept?: (leaf: Scalar) => boolean): readonly ValueLeaf[] {
  // Most attributes hold one scalar: nothing to walk.
  if (tree === null || typeof tree !== 'object') {
    return key === undefined && (accept === undefined || accept(tree))
      ? [{ leaf: tree, objects: [], holder: null }]
      : NO_LEAVES;
  }
  return WALK.leaves(tree, key, accept);
}

/**
 * A depth-first walk over a value. `holder` is undefined while looking for the key, null without
 * a key (every scalar counts), the depth of the object whose entry is the key once inside it.
 * The objects on the way down are kept in parallel arrays, and their paths (JSON pointers) are
 * joined only for the objects around a kept scalar: most scalars are not kept.
 */
class LeafWalk {
  private out: ValueLeaf[] = [];
  private key: string | undefined;
  private accept: ((leaf: Scalar) => boolean) | undefined;
  private readonly segments: (string | number)[] = [];
  /** the objects around the current node, outermost first; how many segments lead to each; each placed once asked */
  private readonly objectValues: ValueObject[] = [];
  private readonly objectDepths: number[] = [];
  private readonly objectPlaces: (PlacedObject | null)[] = [];
  /** the placed objects around the current node, shared by sibling scalars */
  private objects: PlacedObject[] | null = null;

  /** One walk at a time (an `accept` never walks): the walker's arrays are reused, since it is called for every attribute. */
  leaves(
    tree: ValueTree,
    key: string | undefined,
    accept: ((leaf: Scalar) => boolean) | undefined,
  ): readonly ValueLeaf[] {
    this.key = key?.toLowerCase();
    this.accept = accept;
    // A finished walk leaves these empty; only one an exception cut short leaves anything behind.
    if (this.segments.length > 0 || this.objectValues.length > 0) this.reset();
    this.visit(tree, key === undefined ? null : undefined);
    this.accept = undefined;
    if (this.out.length === 0) return NO_LEAVES;
    const out = this.out;
    this.out = [];
    return out;
  }

  private reset(): void {
    this.segments.length = 0;
    this.objectValues.length = 0;
    this.objectDepths.length = 0;
    this.objectPlaces.length = 0;
    this.objects = null;
    this.out = [];
  }

  private visit(tree: ValueTree, holder: number | null | undefined): void {
    if (Array.isArray(tree)) {
      for (let i = 0; i < tree.length; i++) {
        this.segments.push(i);
        this.visit(tree[i]!, holder);
        this.segments.pop();
      }
    } else if (tree !== null && typeof tree === 'object') {
      const at = this.objectValues.length;
      this.objectValues.push(tree);
      this.objectDepths.push(this.segments.length);
      this.objectPlaces.push(null);
      this.objects = null;
      const names = Object.keys(tree);
      for (let n = 0; n < names.length; n++) {
        const name = names[n]!;
        const found = holder === undefined && this.isKey(name) ? at : holder;
        this.segments.push(name);
        this.visit(tree[name]!, found);
        this.segments.pop();
      }
      this.objectValues.pop();
      this.objectDepths.pop();
      this.objectPlaces.pop();
      this.objects = null;
    } else if (holder !== undefined && (this.accept === undefined || this.accept(tree))) {
      this.out.push({
        leaf: tree,
        objects: this.placedObjects(),
        holder: holder === null ? null : this.placed(holder),
      });
    }
  }

  private isKey(name: string): boolean {
    return name.length === this.key!.length && name.toLowerCase() === this.key;
  }

  private placedObjects(): PlacedObject[] {
    this.objects ??= this.objectValues.map((_, at) => this.placed(at));
    return this.objects;
  }

  private placed(at: number): PlacedObject {
    let placed = this.objectPlaces[at];
    if (!placed) {
      let path = '';
      for (let i = 0; i < this.objectDepths[at]!; i++) {
        const segment = this.segments[i]!;
        path += `/${typeof segment === 'number' ? segment : escapePointer(segment)}`;
      }
      placed = { path, value: this.objectValues[at]! };
      this.objectPlaces[at] = placed;
    }
    return placed;
  }
}

const WALK = new LeafWalk();

const NO_LEAVES: readonly ValueLeaf[] = Object.freeze([]);

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
