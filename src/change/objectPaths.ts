import { changedPaths } from '../terraform/attributeDiff.js';
import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Body, Expression } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';

/**
 * A local's path is its name (`local.name` → `name`). A provider requirement's paths are the
 * keys of its object that changed (`version`, `source`), so a version bump reads as one.
 */
export function objectPaths(base: ComparableObject, head: ComparableObject): string[] {
  if (head.kind === 'required_provider' && base.attribute && head.attribute) {
    const before = objectItemTexts(base.attribute.expr);
    const after = objectItemTexts(head.attribute.expr);
    if (before && after) {
      return [...new Set([...before.keys(), ...after.keys()])]
        .filter((key) => before.get(key) !== after.get(key))
        .sort();
    }
  }
  if (sameParts(base.ref.body, head.ref.body)) return [];
  return changedPaths(base.ref.body, head.ref.body);
}

/** Bodies made of the very same attributes and blocks (a block both sides share): nothing to compare. */
function sameParts(base: Body, head: Body): boolean {
  if (base === head) return true;
  const { attributes, blocks } = base;
  return (
    attributes.length === head.attributes.length &&
    blocks.length === head.blocks.length &&
    attributes.every((attribute, i) => attribute === head.attributes[i]) &&
    blocks.every((block, i) => block === head.blocks[i])
  );
}

function objectItemTexts(expr: Expression): Map<string, string> | undefined {
  if (expr.kind !== 'object') return undefined;
  const texts = new Map<string, string>();
  for (const item of expr.items) {
    const key =
      item.key.kind === 'variable' ? item.key.name : item.key.kind === 'literal' ? String(item.key.value) : undefined;
    if (key === undefined) return undefined;
    texts.set(key, expressionText(item.value));
  }
  return texts;
}
