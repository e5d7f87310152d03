import type { InstanceChange } from './compareInstances.js';
import { type Instance, instanceKey } from './instances.js';
import type { ValueTrace } from './sources.js';

/*
 * What the head's `moved` blocks move within a root: an object to a new address, a module call
 * and everything in it, and the instances of a `count` made a `for_each` to their keys.
 */

/** The paths two instances differ in, and the routes changed values took (compareInstances.ts). */
type ComparePaths = (base: Instance, head: Instance) => { changedPaths: string[]; via: ValueTrace[] };

/** `module.a.module.b.` of an instance: the module call it is in. */
export function callPathOf(instance: Instance): string {
  return instance.address.slice(0, instance.address.length - instance.object.address.length);
}

/**
 * The moves the head's `moved` blocks make, each key moved added to `moved`. A block that moves a
 * module call (`from = module.prod_db`, `to = module.db`) moves everything in it too, as
 * Terraform does: `module.prod_db.aws_db_instance.main` becomes `module.db.aws_db_instance.main`,
 * the same object in the same state, compared with the code it has now.
 */
export function movedChanges(
  baseByKey: ReadonlyMap<string, Instance>,
  headByKey: ReadonlyMap<string, Instance>,
  headRoot: string,
  moved: Set<string>,
  compare: ComparePaths,
): InstanceChange[] {
  const changes: InstanceChange[] = [];
  const move = (fromKey: string, toKey: string, renameOnly: (from: Instance, to: Instance) => boolean) => {
    const from = baseByKey.get(fromKey);
    const to = headByKey.get(toKey);
    if (!from || !to || headByKey.has(fromKey) || baseByKey.has(toKey) || moved.has(fromKey) || moved.has(toKey))
      return;
    moved.add(fromKey).add(toKey);
    changes.push({
      action: 'move',
      base: from,
      head: to,
      ...compare(from, to),
      renameOnly: renameOnly(from, to),
    });
  };
  const statements = movedStatements([...headByKey.values()], headRoot, headByKey);
  for (const [fromKey, toKey] of statements) move(fromKey, toKey, (from, to) => callPathOf(from) === callPathOf(to));
  for (const [fromKey, toKey] of statements) {
    if (!namesModuleCall(fromKey) || !namesModuleCall(toKey)) continue;
    // Only what its call carries: the call renamed, its objects keep their own names in it.
    for (const key of baseByKey.keys())
      if (key.startsWith(`${fromKey}.`)) move(key, toKey + key.slice(fromKey.length), () => true);
  }
  changes.push(...instanceKeyMoves(statements, baseByKey, headByKey, moved, compare));
  return changes;
}

/**
 * `moved { from = aws_db_instance.main[0]  to = aws_db_instance.main["orders"] }`: an object
 * whose `count` became a `for_each`, each instance moved to its key, as Terraform moves them.
 * When every key the head has is such a move's target (and the base's instances are not keyed),
 * each keyed instance is a move of the base's, compared on its own entry; the `count` that became
 * a `for_each` is no change of its own. Otherwise the object is compared as before.
 */
function instanceKeyMoves(
  statements: ReadonlyMap<string, string>,
  baseByKey: ReadonlyMap<string, Instance>,
  headByKey: ReadonlyMap<string, Instance>,
  moved: Set<string>,
  compare: ComparePaths,
): InstanceChange[] {
  const targets = new Map<string, Set<string>>();
  for (const [fromKey, toKey] of statements) {
    const stem = keyStem(toKey);
    if (stem === null || keyStem(fromKey) !== stem) continue;
    const known = targets.get(stem) ?? new Set<string>();
    targets.set(stem, known.add(toKey));
  }
  const changes: InstanceChange[] = [];
  for (const [stem, moves] of targets) {
    const before = baseByKey.get(stem);
    const after = headByKey.get(stem);
    if (!before || !after?.perKey || before.perKey || moved.has(stem)) continue;
    if (!after.perKey.every((instance) => moves.has(instance.key))) continue;
    moved.add(stem);
    for (const target of after.perKey) {
      const { changedPaths, via } = compare(before, target);
      changes.push({
        action: 'move',
        base: before,
        head: target,
        changedPaths: changedPaths.filter((path) => !EXPANSION_PATHS.has(path)),
        via: via.filter((trace) => !EXPANSION_PATHS.has(trace.path)),
        renameOnly: true,
      });
    }
  }
  return changes;
}

const EXPANSION_PATHS: ReadonlySet<string> = new Set(['count', 'for_each']);

/** An instance key without its last index (`…aws_db_instance.main[0]` → `…aws_db_instance.main`); null without one. */
function keyStem(key: string): string | null {
  const match = /^(.*)\[[^\]]*\]$/.exec(key);
  return match ? match[1]! : null;
}

/** An address that ends in a module call (`module.db`, `module.app.module.db["a"]`). */
const MODULE_CALL_END = /(^|\.)module\.[A-Za-z_][\w-]*(\[[^\]]*\])?$/;

/** Whether an instance key (`root` NUL `address`) names a module call. */
function namesModuleCall(key: string): boolean {
  return MODULE_CALL_END.test(key.slice(key.indexOf('\u0000') + 1));
}

/** `moved` blocks of the head as from-key → final to-key, addresses read inside the block's module call. */
function movedStatements(
  head: readonly Instance[],
  root: string,
  headByKey: ReadonlyMap<string, Instance>,
): Map<string, string> {
  const statements = new Map<string, string>();
  for (const instance of head) {
    if (instance.object.kind !== 'moved') continue;
    const from = instance.object.ref.body.attributes.find((attribute) => attribute.name === 'from')?.text;
    const to = instance.object.ref.body.attributes.find((attribute) => attribute.name === 'to')?.text;
    const prefix = instance.address.slice(0, instance.address.length - instance.object.address.length);
    if (from !== undefined && to !== undefined)
      statements.set(instanceKey(root, prefix + from), instanceKey(root, prefix + to));
  }
  // Terraform follows chains (a → b, b → c): the target is the end of the chain.
  const final = new Map<string, string>();
  for (const [from, to] of statements) {
    const seen = new Set<string>();
    let target = to;
    while (!headByKey.has(target) && !seen.has(target) && statements.has(target)) {
      seen.add(target);
      target = statements.get(target)!;
    }
    final.set(from, target);
  }
  return final;
}
