import type { RootedChange } from '../flow/followValues.js';
import type { ValueTrace } from '../flow/sources.js';
import { bodySignature } from '../terraform/bodySignature.js';
import type { ComparableObject } from '../terraform/comparableObjects.js';
import { objectKey } from '../terraform/comparableObjects.js';
import { compareText } from '../terraform/inventory.js';
import type { Change } from './changeSet.js';

type Instance = NonNullable<Change['instances']>[number];

/** Instance changes as the change set reports them: at the object's code, instances merged. */
export function objectChanges(
  rooted: readonly RootedChange[],
  baseObjects: ReadonlyMap<string, ComparableObject>,
): Change[] {
  const merged = new Map<string, Change>();
  const keys = mergeKeys(rooted);
  for (const [i, change] of rooted.entries()) {
    const instance = (change.head ?? change.base)!;
    const reached = { root: change.root, address: instance.address };
    const key = keys[i]!;
    const existing = merged.get(key);
    if (existing) {
      // Appended in place: an object of a module every root calls merges hundreds of instances.
      if (existing.instances) existing.instances.push(reached);
      else existing.instances = [reached];
      continue;
    }
    merged.set(key, firstInstanceChange(change, reached, baseObjects));
  }
  const changes = [...merged.values()];
  for (const change of changes) {
    // Objects of a root's own code, at their own address, need no instance list.
    if (change.instances!.every((i) => i.root === change.module && i.address === change.address))
      delete change.instances;
  }
  return changes.sort(compareChanges);
}

/** The change set's order: by module, address, then action. */
export function compareChanges(a: Change, b: Change): number {
  return compareText(a.module, b.module) || compareText(a.address, b.address) || compareText(a.action, b.action);
}

/** Per instance change, the key of the change it merges into: the same object, action, paths and var file, and the same bodies. */
function mergeKeys(rooted: readonly RootedChange[]): string[] {
  const shallowKey = (change: RootedChange) => {
    const object = (change.head ?? change.base)!.object;
    return [object.module, object.address, change.action, change.changedPaths.join(','), change.varFile ?? ''].join(
      '\u0000',
    );
  };
  // Bodies are compared only where two instances could merge: most objects have one instance.
  const shallowKeys = rooted.map(shallowKey);
  const counts = new Map<string, number>();
  for (const shallow of shallowKeys) counts.set(shallow, (counts.get(shallow) ?? 0) + 1);
  return rooted.map((change, i) => {
    const shallow = shallowKeys[i]!;
    return counts.get(shallow)! > 1
      ? [
          shallow,
          change.base ? bodySignature(change.base.body) : '',
          change.head ? bodySignature(change.head.body) : '',
        ].join('\u0000')
      : shallow;
  });
}

/** The change of an object as its first instance makes it; later instances that change alike are added to `instances`. */
function firstInstanceChange(
  change: RootedChange,
  reached: Instance,
  baseObjects: ReadonlyMap<string, ComparableObject>,
): Change {
  const object = (change.head ?? change.base)!.object;
  const result: Change = {
    kind: object.kind,
    module: object.module,
    address: object.address,
    action: change.action,
    changedPaths: change.changedPaths,
  };
  if (change.base) result.base = { ...change.base.object.ref, body: change.base.body };
  if (change.head) result.head = { ...change.head.object.ref, body: change.head.body };
  if (change.action === 'move' && change.base)
    result.from = { module: change.base.object.module, address: change.base.object.address };
  if (change.renameOnly) result.renameOnly = true;
  result.instances = [reached];
  const via = [...change.via, ...instanceReason(change, baseObjects), ...rootDefaultReason(change)];
  if (via.length > 0) result.via = via;
  if (change.varFile) result.varFile = change.varFile;
  if (change.varFileStatus) result.varFileStatus = change.varFileStatus;
  return result;
}

/** That the object exists only where the deployment sets a variable its root leaves at a default that makes none. */
function rootDefaultReason(change: RootedChange): ValueTrace[] {
  const instance = change.head ?? change.base!;
  const call = instance.byRootDefault;
  if (!call) return [];
  const label = `${call === instance.address ? instance.address : `${instance.address} (through ${call})`} in root ${change.root}: its count/for_each is empty only by a root variable's default, and the deployment may set that variable (a workspace, TF_VAR_, -var): judged as if it had instances`;
  return [{ path: '', steps: [{ label, file: instance.object.ref.file, line: instance.object.ref.range.start.line }] }];
}

/** Why an object whose code did not appear or vanish is created or deleted in a root. */
function instanceReason(change: RootedChange, baseObjects: ReadonlyMap<string, ComparableObject>): ValueTrace[] {
  if (change.action !== 'create' && change.action !== 'delete') return [];
  const instance = (change.head ?? change.base)!;
  const object = instance.object;
  const codeExisted = change.action === 'create' ? baseObjects.has(objectKey(object.module, object.address)) : true;
  if (change.action === 'create' && !codeExisted) return [];
  if (change.action === 'delete' && instance.chainDirs.length === 1 && instance.root === object.module) return [];
  const where = `${instance.address} in root ${change.root}`;
  const label =
    change.action === 'create'
      ? `${where} is new: its code existed, but a module call, count/for_each or the root around it changed`
      : `${where} is gone: a module call, count/for_each or the root around it changed`;
  return [{ path: '', steps: [{ label, file: object.ref.file, line: object.ref.range.start.line }] }];
}
