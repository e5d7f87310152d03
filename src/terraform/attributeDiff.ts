import type { Attribute, Block, Body } from './model.js';

/**
 * Nested blocks that occur at most once in their parent, so their paths carry no index:
 * `lifecycle.prevent_destroy`, `connection.host`, `dynamic.ingress[0].content.from_port`.
 */
const SINGLE_BLOCKS: ReadonlySet<string> = new Set(['lifecycle', 'connection', 'content']);

/**
 * The attribute paths whose canonical text differs between two bodies, sorted.
 *
 * Path scheme:
 * - an attribute is its name: `count`, `ingress[0].cidr_blocks`;
 * - an unlabelled nested block is `type[i]`, `i` its position among siblings of the same type;
 *   `lifecycle`, `connection` and `content` occur once and carry no index;
 * - a labelled nested block is `type.label[i]` (`dynamic.ingress[0]`, `provisioner.local-exec[1]`),
 *   `i` its position among siblings with the same type and labels.
 *
 * Canonical text ignores whitespace, comments and quoting, and attribute order never matters.
 * Repeated nested blocks are paired identical-first, then in order, so inserting one block
 * reports that block only. Paths use head indices, base indices for removed blocks. An added or
 * removed block reports every attribute path inside it (or its own path when it is empty).
 * Identical blocks whose relative order changed report their own path: order can matter
 * (provisioners, ordered cache behaviours), so a reordering is a change.
 */
export function changedPaths(base: Body, head: Body): string[] {
  const out = new Set<string>();
  diffBodies(base, head, '', out);
  return [...out].sort();
}

/** Every attribute path inside a body: what a created or deleted block contributes. */
export function allPaths(body: Body, prefix = ''): string[] {
  const out = new Set<string>();
  collectPaths(body, prefix, out);
  return [...out].sort();
}

function diffBodies(base: Body, head: Body, prefix: string, out: Set<string>): void {
  diffAttributes(base.attributes, head.attributes, prefix, out);
  const baseGroups = groupBlocks(base.blocks);
  const headGroups = groupBlocks(head.blocks);
  for (const key of new Set([...baseGroups.keys(), ...headGroups.keys()])) {
    diffBlockGroup(baseGroups.get(key) ?? [], headGroups.get(key) ?? [], prefix, out);
  }
}

function diffAttributes(
  base: readonly Attribute[],
  head: readonly Attribute[],
  prefix: string,
  out: Set<string>,
): void {
  const baseTexts = attributeTexts(base);
  const headTexts = attributeTexts(head);
  for (const name of new Set([...baseTexts.keys(), ...headTexts.keys()])) {
    if (baseTexts.get(name) !== headTexts.get(name)) out.add(prefix + name);
  }
}

/** Text per attribute name; a (malformed) repeated name compares all its definitions. */
function attributeTexts(attributes: readonly Attribute[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const attribute of attributes) {
    const previous = texts.get(attribute.name);
    texts.set(attribute.name, previous === undefined ? attribute.text : previous + '\n' + attribute.text);
  }
  return texts;
}

function diffBlockGroup(base: Block[], head: Block[], prefix: string, out: Set<string>): void {
  const sample = (head[0] ?? base[0])!;
  const indexed = !(
    SINGLE_BLOCKS.has(sample.type) &&
    sample.labels.length === 0 &&
    base.length <= 1 &&
    head.length <= 1
  );
  const segment = (i: number) => prefix + blockSegment(sample, indexed ? i : undefined);
  const pairing = pairBlocks(base, head);
  for (const [b, h] of pairing.pairs) diffBodies(base[b]!, head[h]!, segment(h) + '.', out);
  for (const h of pairing.reordered) out.add(segment(h));
  for (const h of pairing.added) collectBlockPaths(head[h]!, segment(h), out);
  for (const b of pairing.removed) collectBlockPaths(base[b]!, segment(b), out);
}

function blockSegment(block: Block, index: number | undefined): string {
  return [block.type, ...block.labels].join('.') + (index === undefined ? '' : `[${index}]`);
}

function collectBlockPaths(block: Block, path: string, out: Set<string>): void {
  if (block.attributes.length === 0 && block.blocks.length === 0) out.add(path);
  else collectPaths(block, path + '.', out);
}

function collectPaths(body: Body, prefix: string, out: Set<string>): void {
  for (const attribute of body.attributes) out.add(prefix + attribute.name);
  for (const group of groupBlocks(body.blocks).values()) {
    const single = group.length === 1 && SINGLE_BLOCKS.has(group[0]!.type) && group[0]!.labels.length === 0;
    for (const [i, block] of group.entries())
      collectBlockPaths(block, prefix + blockSegment(block, single ? undefined : i), out);
  }
}

/** Nested blocks grouped by type and labels, in order of first appearance. */
function groupBlocks(blocks: readonly Block[]): Map<string, Block[]> {
  const groups = new Map<string, Block[]>();
  for (const block of blocks) {
    const key = [block.type, ...block.labels].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(block);
    else groups.set(key, [block]);
  }
  return groups;
}

interface Pairing {
  /** [base index, head index] of blocks compared attribute by attribute */
  pairs: [number, number][];
  /** head indices of identical blocks that changed places relative to the others */
  reordered: number[];
  added: number[];
  removed: number[];
}

function pairBlocks(base: Block[], head: Block[]): Pairing {
  const baseKeys = base.map(fingerprint);
  const baseUsed = new Set<number>();
  const identical: [number, number][] = [];
  const unmatchedHead: number[] = [];
  head.map(fingerprint).forEach((key, h) => {
    const b = baseKeys.findIndex((candidate, i) => candidate === key && !baseUsed.has(i));
    if (b < 0) {
      unmatchedHead.push(h);
      return;
    }
    baseUsed.add(b);
    identical.push([b, h]);
  });
  const unmatchedBase = base.map((_, i) => i).filter((i) => !baseUsed.has(i));
  const paired = Math.min(unmatchedBase.length, unmatchedHead.length);
  return {
    pairs: unmatchedHead.slice(0, paired).map((h, i) => [unmatchedBase[i]!, h]),
    reordered: outOfOrder(identical),
    added: unmatchedHead.slice(paired),
    removed: unmatchedBase.slice(paired),
  };
}

/** Head indices of the pairs outside a longest run whose base order agrees with head order. */
function outOfOrder(pairs: [number, number][]): number[] {
  const length: number[] = [];
  const previous: number[] = [];
  pairs.forEach(([b], i) => {
    length[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if (pairs[j]![0] < b && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  });
  const kept = new Set<number>();
  let best = length.indexOf(Math.max(0, ...length));
  while (best >= 0) {
    kept.add(best);
    best = previous[best]!;
  }
  return pairs.filter((_, i) => !kept.has(i)).map(([, h]) => h);
}

/** Canonical content of a block, independent of attribute order and formatting. */
function fingerprint(block: Block): string {
  const attributes = block.attributes.map((a) => `${a.name}=${a.text}`).sort();
  return JSON.stringify([block.type, block.labels, attributes, block.blocks.map(fingerprint)]);
}
