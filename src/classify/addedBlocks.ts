import { writtenCollection } from '../flow/writtenCollection.js';
import type { Block, Body } from '../terraform/model.js';
import { generatedType, isGenerator, writtenBody } from './blockTypes.js';

/**
 * The places of a body's nested blocks whose type path (block types joined by dots, no indices:
 * `network_interface.access_config`) is one of `wanted`: `network_interface[0].access_config[1]`.
 * A `dynamic "access_config"` block counts as a block of that type (it may generate one), at its
 * own place among the dynamic blocks of that name, unless its `for_each` is written (or resolved
 * to) an empty collection: `var.public ? [1] : []` with `public` false generates none. An empty block is a place like any other:
 * `access_config {}` asks for an external address with every argument left to its default.
 */
export function blockPlaces(body: Body, wanted: ReadonlySet<string>): Set<string> {
  const places = new Set<string>();
  const walk = (scope: Body, typePath: string, place: string) => {
    const seen = new Map<string, number>();
    for (const block of scope.blocks) {
      const generated = isGenerator(block);
      if (generated && generatesNothing(block)) continue;
      const type = generatedType(block);
      const index = seen.get(type) ?? 0;
      seen.set(type, index + 1);
      const childType = typePath === '' ? type : `${typePath}.${type}`;
      const childPlace = `${place === '' ? '' : `${place}.`}${generated ? `dynamic.${type}` : type}[${index}]`;
      if (wanted.has(childType)) places.add(childPlace);
      walk(writtenBody(block), childType, childPlace);
    }
  };
  walk(body, '', '');
  return places;
}

function generatesNothing(block: Block): boolean {
  const forEach = block.attributes.find((attribute) => attribute.name === 'for_each')?.expr;
  return writtenCollection(forEach, COLLECTION_CASTS)?.items.length === 0;
}

const COLLECTION_CASTS: ReadonlySet<string> = new Set(['toset', 'tolist', 'tomap']);

/** Whether `head` has a block of a wanted type at a place where `base` (null: a new object) has none. */
export function addsBlock(base: Body | null, head: Body, wanted: ReadonlySet<string>): boolean {
  const after = blockPlaces(head, wanted);
  if (after.size === 0 || base === null) return after.size > 0;
  const before = blockPlaces(base, wanted);
  for (const place of after) if (!before.has(place)) return true;
  return false;
}
