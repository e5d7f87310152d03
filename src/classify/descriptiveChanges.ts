import type { Change } from '../change/changeSet.js';
import { compactText } from '../flow/compactText.js';
import type { Expression } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';

/**
 * Keys of a value that describe what holds them without changing what it does. Not tags or labels:
 * what remote code does with them is not seen, and they can be ABAC conditions.
 */
const DESCRIPTIVE_KEYS: ReadonlySet<string> = new Set(['description', 'display_name']);

/** Values nested deeper than this are compared whole. */
const MAX_DEPTH = 12;

/**
 * Whether a module call's input `name` changed only under descriptive keys (`description`,
 * `display_name`) of the value it passes: a typo fixed in the `description` of a permission set handed to a registry module
 * (cloudposse's aws-sso). Both sides must have the same shape everywhere else: an entry added,
 * removed or reordered, a function or reference changed, is a change of the value.
 */
export function inputDescribesOnly(change: Change, name: string): boolean {
  if (change.kind !== 'module' || !change.base || !change.head) return false;
  const before = change.base.body.attributes.find((attribute) => attribute.name === name)?.expr;
  const after = change.head.body.attributes.find((attribute) => attribute.name === name)?.expr;
  return before !== undefined && after !== undefined && differsOnlyInDescriptions(before, after, 0);
}

function differsOnlyInDescriptions(base: Expression, head: Expression, depth: number): boolean {
  if (compactText(base) === compactText(head)) return true;
  if (depth > MAX_DEPTH) return false;
  if (base.kind === 'parens' || head.kind === 'parens')
    return differsOnlyInDescriptions(unwrapped(base), unwrapped(head), depth + 1);
  if (base.kind === 'object' && head.kind === 'object') return sameObjectsBesideDescriptions(base, head, depth);
  if (base.kind === 'tuple' && head.kind === 'tuple') return sameItems(base.items, head.items, depth);
  if (base.kind === 'call' && head.kind === 'call')
    return base.name === head.name && base.expandFinal === head.expandFinal && sameItems(base.args, head.args, depth);
  return false;
}

function sameItems(base: readonly Expression[], head: readonly Expression[], depth: number): boolean {
  return (
    base.length === head.length && base.every((item, index) => differsOnlyInDescriptions(item, head[index]!, depth + 1))
  );
}

function sameObjectsBesideDescriptions(
  base: Extract<Expression, { kind: 'object' }>,
  head: Extract<Expression, { kind: 'object' }>,
  depth: number,
): boolean {
  const entries = (object: Extract<Expression, { kind: 'object' }>) => {
    const byKey = new Map<string, Expression>();
    for (const item of object.items) {
      const key = objectKeyText(item.key);
      // A key computed at plan time may be a descriptive one or not: compared as written.
      if (key === null) return null;
      if (!DESCRIPTIVE_KEYS.has(key)) byKey.set(key, item.value);
    }
    return byKey;
  };
  const before = entries(base);
  const after = entries(head);
  if (!before || !after || before.size !== after.size) return false;
  return [...before].every(([key, value]) => {
    const other = after.get(key);
    return other !== undefined && differsOnlyInDescriptions(value, other, depth + 1);
  });
}

function unwrapped(expr: Expression): Expression {
  return expr.kind === 'parens' ? unwrapped(expr.inner) : expr;
}
