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
  const seenObjects = new Set<string>();
  const ids = new Map<Instance, number>();
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
      const same = sameObjects(root, change, ids);
      if (seenObjects.has(same)) continue;
      seenObjects.add(same);
      // Bodies are printed only when another context has a change of the same object and paths.
      const instance = (change.head ?? change.base)!;
      const shallow = [root, instance.address, change.action, change.changedPaths.join(',')].join('\u0000');
      const earlier = seen.get(shallow);
      if (earlier === undefined) {
        seen.set(shallow, [{ change }]);
      } else {
        const key = signature(root, change);
        const keyOf = (entry: { change: InstanceChange; key?: string }) => {
          if (entry.key === undefined) entry.key = signature(root, entry.change);
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

/** A change named by the identity of its instances: equal for a change of instances reused across contexts. */
function sameObjects(root: string, change: InstanceChange, ids: Map<Instance, number>): string {
  const id = (instance: Instance | null) => {
    if (!instance) return -1;
    let known = ids.get(instance);
    if (known === undefined) {
      known = ids.size;
      ids.set(instance, known);
    }
    return known;
  };
  return [root, id(change.base), id(change.head), change.action, change.changedPaths.join(',')].join('\u0000');
}

function signature(root: string, change: InstanceChange): string {
  const instance = (change.head ?? change.base)!;
  const bodies = [change.base, change.head].map((side) => (side ? bodyText(side) : ''));
  return [root, instance.address, change.action, change.changedPaths.join(','), ...bodies].join('\u0000');
}

function bodyText(instance: Instance): string {
  const parts: string[] = [];
  const walk = (body: Instance['body']): void => {
    for (const attribute of body.attributes) parts.push(attribute.name + '=' + attribute.text);
    for (const block of body.blocks) {
      parts.push(block.type + '{');
      walk(block);
      parts.push('}');
    }
  };
  walk(instance.body);
  return parts.join(';');
}
