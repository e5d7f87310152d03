import type { Body } from '../terraform/model.js';
import { compactText } from './compactText.js';
import { instanceKeys } from './staticValue.js';

/** Whether an object's or a module call's instances may be added, or removed, at the head. */
export interface ExpansionGrowth {
  adds: boolean;
  removes: boolean;
}

/**
 * How `count` / `for_each` changes the instances between two resolved bodies: null when it
 * makes the same instances (the same text, or the same keys with other values, which reach the
 * objects as values), and when the keys are not known statically at both sides.
 */
export function expansionGrowth(base: Body, head: Body): ExpansionGrowth | null {
  for (const meta of ['count', 'for_each'] as const) {
    const before = base.attributes.find((attribute) => attribute.name === meta);
    const after = head.attributes.find((attribute) => attribute.name === meta);
    if (!before && !after) continue;
    if (!before || !after) return { adds: true, removes: true };
    if (compactText(before.expr) === compactText(after.expr)) return null;
    const beforeKeys = instanceKeys(meta, before.expr);
    const afterKeys = instanceKeys(meta, after.expr);
    // Keys known only at apply time (a `for` with a condition, a merge of inputs): which instances
    // come or go cannot be told; the call's own change is reported at its tier, as before.
    if (!beforeKeys || !afterKeys) return null;
    const was = new Set(beforeKeys);
    const is = new Set(afterKeys);
    const growth = { adds: afterKeys.some((key) => !was.has(key)), removes: beforeKeys.some((key) => !is.has(key)) };
    return growth.adds || growth.removes ? growth : null;
  }
  return null;
}
