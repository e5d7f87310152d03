import type { Body, Expression } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';
import { compactText } from './compactText.js';
import { writtenCollection } from './writtenCollection.js';

/**
 * A keyed instance's `for_each` as its own entry: the other entries are the other instances',
 * judged there. A manifest added to a YAML file the instances are keyed by is then that manifest
 * created, not every manifest of the file read again in the new instance's `for_each`.
 */
export function ownEntryOnly(body: Body, key: string): Body {
  const index = body.attributes.findIndex((attribute) => attribute.name === 'for_each');
  const attribute = body.attributes[index];
  const entry = attribute ? entryOf(attribute.expr, key) : null;
  if (!attribute || !entry) return body;
  const { value: _literal, ...rest } = attribute;
  const attributes = [...body.attributes];
  attributes[index] = {
    ...rest,
    expr: entry,
    get text() {
      return compactText(entry);
    },
  };
  return { ...body, attributes };
}

/** The entry of a collection written out under `key`: the map of that entry alone, or the set of that element. */
function entryOf(written: Expression, key: string): Expression | null {
  const collection = writtenCollection(written, KEYED_CASTS);
  if (collection?.kind === 'object') {
    const items = collection.items.filter((item) => objectKeyText(item.key) === key);
    return items.length === 1 ? { ...collection, items } : null;
  }
  if (collection?.kind === 'tuple') {
    const items = collection.items.filter((item) => item.kind === 'literal' && String(item.value) === key);
    return items.length === 1 ? { ...collection, items } : null;
  }
  return null;
}

/** The conversions a for_each's collection is written in whose keys are its elements' or entries'. */
const KEYED_CASTS: ReadonlySet<string> = new Set(['toset', 'tomap']);
