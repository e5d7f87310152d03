import { bodySignature } from '../terraform/bodySignature.js';
import type { InstanceChange } from './compareInstances.js';
import type { RootedChange } from './followValues.js';
import type { Instance } from './instances.js';

/**
 * A change found the same under the auto-loaded values and under a var file is one change; it is
 * kept under the var file only where that file's values make it differ.
 */
export function dropRepeatedContexts(
  perRoot: {
    root: string;
    varFile: string | null;
    varFileStatus: RootedChange['varFileStatus'];
    changes: InstanceChange[];
  }[],
): RootedChange[] {
  const seen = new Map<string, { change: InstanceChange; key?: string }[]>();
  const seenObjects = new SameObjects();
  const out: RootedChange[] = [];
  const contexts = new Map<string, number>();
  for (const { root } of perRoot) contexts.set(root, (contexts.get(root) ?? 0) + 1);
  for (const { root, varFile, varFileStatus, changes } of perRoot) {
    const single = contexts.get(root) === 1;
    for (const change of changes) {
      if (single) {
        out.push({ ...change, root, varFile, varFileStatus });
        continue;
      }
      // The same instances (reused across contexts) make the same change: no need to print them.
      const paths = change.changedPaths.join(',');
      if (!seenObjects.add(change, paths)) continue;
      // Bodies are printed only when another context has a change of the same object and paths.
      const instance = (change.head ?? change.base)!;
      const shallow = root + '\u0000' + instance.address + '\u0000' + change.action + '\u0000' + paths;
      const earlier = seen.get(shallow);
      if (earlier === undefined) {
        seen.set(shallow, [{ change }]);
      } else {
        const key = bodiesText(change);
        const keyOf = (entry: { change: InstanceChange; key?: string }) => {
          if (entry.key === undefined) entry.key = bodiesText(entry.change);
          return entry.key;
        };
        if (earlier.some((entry) => keyOf(entry) === key)) continue;
        earlier.push({ change, key });
      }
      out.push({ ...change, root, varFile, varFileStatus });
    }
  }
  return out;
}

/**
 * Changes seen, by the identity of their instances, action and paths: equal for a change of
 * instances reused across contexts. An instance belongs to one root, so the root need not be named.
 */
class SameObjects {
  private readonly byBase = new Map<Instance | null, Map<Instance | null, Set<string>>>();

  /** Whether `change` (with its paths joined) is new; it is seen from now on. */
  add(change: InstanceChange, paths: string): boolean {
    let byHead = this.byBase.get(change.base);
    if (!byHead) {
      byHead = new Map();
      this.byBase.set(change.base, byHead);
    }
    let kinds = byHead.get(change.head);
    if (!kinds) {
      kinds = new Set();
      byHead.set(change.head, kinds);
    }
    const kind = change.action + '\u0000' + paths;
    if (kinds.has(kind)) return false;
    kinds.add(kind);
    return true;
  }
}

/** Both sides' bodies: with the root, address, action and paths (equal here), what tells two changes apart. */
function bodiesText(change: InstanceChange): string {
  return (
    (change.base ? bodySignature(change.base.body) : '') +
    '\u0000' +
    (change.head ? bodySignature(change.head.body) : '')
  );
}
