import { compactText } from '../flow/compactText.js';
import type { Block, Body, LiteralValue } from '../terraform/model.js';
import { type Bindings, knownValue } from './policyValues.js';

/** A nested block as written, or one a `dynamic` block generates, with the iterators its content reads. */
export interface BoundBlock {
  body: Body;
  bindings: Bindings;
  /**
   * For a block a `dynamic` block generates from a `for_each` that is not known: the
   * `for_each`'s canonical text. The block may be there or not (and its content, which cannot
   * read the unbound iterator, is the same in every copy).
   */
  whenUnknown?: string;
}

const DYNAMIC_ATTRIBUTES: ReadonlySet<string> = new Set(['for_each', 'iterator']);

/**
 * The nested blocks of `type` in `body`: those written out, then those each `dynamic "type"`
 * block generates, one per element of its `for_each`, with the iterator (the block type, or the
 * name `iterator` gives) bound to `{ key, value }`. Undefined when a `for_each` is not known from
 * the configuration, or a `dynamic` block has another shape (labels, no single `content`): what
 * it generates is then not known either.
 */
export function boundBlocks(
  body: Body,
  type: string,
  bindings: Bindings,
  options: { unknownForEach?: 'maybe' } = {},
): BoundBlock[] | undefined {
  const out: BoundBlock[] = body.blocks
    .filter((block) => block.type === type)
    .map((block) => ({ body: block, bindings }));
  for (const block of body.blocks) {
    if (block.type !== 'dynamic' || block.labels[0] !== type) continue;
    const generated =
      expanded(block, bindings) ?? (options.unknownForEach === 'maybe' ? maybe(block, bindings) : undefined);
    if (!generated) return undefined;
    out.push(...generated);
  }
  return out;
}

/**
 * With `unknownForEach: 'maybe'`, a `dynamic` block whose `for_each` is not known generates its
 * content zero or more times, unbound: a content that reads the iterator is then not known
 * (its values are read as unknown), one that does not is the same block in every copy.
 */
function maybe(block: Block, bindings: Bindings): BoundBlock[] | undefined {
  const shape = dynamicShape(block);
  return shape && [{ body: shape.content, bindings, whenUnknown: compactText(shape.forEach.expr) }];
}

/** A `dynamic` block's parts, when it has the shape Terraform accepts: one label, a `for_each`, one `content`. */
function dynamicShape(block: Block) {
  if (block.labels.length !== 1 || block.attributes.some((attribute) => !DYNAMIC_ATTRIBUTES.has(attribute.name)))
    return undefined;
  const content = block.blocks[0];
  if (block.blocks.length !== 1 || content?.type !== 'content' || content.labels.length > 0) return undefined;
  const forEach = block.attributes.find((attribute) => attribute.name === 'for_each');
  const iterator = block.attributes.find((attribute) => attribute.name === 'iterator');
  if (!forEach || (iterator && iterator.expr.kind !== 'variable')) return undefined;
  return { content, forEach, name: iterator?.expr.kind === 'variable' ? iterator.expr.name : block.labels[0]! };
}

/** Whether every nested block of `body` is one of `types`, written out or through `dynamic`. */
export function onlyBlocksOf(body: Body, types: readonly string[]): boolean {
  return body.blocks.every((block) =>
    block.type === 'dynamic'
      ? block.labels.length === 1 && types.includes(block.labels[0]!)
      : types.includes(block.type),
  );
}

function expanded(block: Block, bindings: Bindings): BoundBlock[] | undefined {
  const shape = dynamicShape(block);
  if (!shape) return undefined;
  const { content, forEach, name } = shape;
  const collection = knownValue(forEach.expr, bindings);
  const elements = iterationElements(collection);
  if (!elements) return undefined;
  return elements.map(([key, value]) => {
    const inner = new Map(bindings);
    inner.set(name, key === undefined ? { value } : { key, value });
    return { body: content, bindings: inner };
  });
}

/**
 * A map's or object's entries by key, in the order Terraform iterates them; a list's or set's
 * elements with no key: a set's key is its value but a list's is its index, and `toset()` is
 * read as a list, so content that reads the key of a list is not known. Null and anything else
 * is undefined (Terraform rejects a null `for_each`).
 */
function iterationElements(
  collection: LiteralValue | undefined,
): [LiteralValue | undefined, LiteralValue][] | undefined {
  if (collection === null || collection === undefined || typeof collection !== 'object') return undefined;
  if (Array.isArray(collection)) return collection.map((value) => [undefined, value]);
  return Object.keys(collection)
    .sort()
    .map((key) => [key, collection[key]!]);
}
