import type { ComparableObject } from '../terraform/comparableObjects.js';
import { objectKey } from '../terraform/comparableObjects.js';
import type { Body, Expression } from '../terraform/model.js';
import type { Change } from './changeSet.js';

/** The objects of one revision, by `objectKey(module, address)`, with the text of its files by path. */
interface Revision {
  objects: ReadonlyMap<string, ComparableObject>;
  files: ReadonlyMap<string, string>;
}

/**
 * `lifecycle { replace_triggered_by = [terraform_data.rotate] }`: when a named resource has a
 * planned change, Terraform destroys this object and creates it again. A database so armed is
 * replaced, its data lost, by a pull request that changes only `terraform_data.rotate` (a low
 * finding of its own). So each object that exists at both sides and names a resource the change
 * creates or updates gets a delete of its own, judged like any deletion, with the trigger in its
 * trace.
 */
export function triggeredReplacements(changes: readonly Change[], base: Revision, head: Revision): Change[] {
  const armedFiles = new Set<string>();
  for (const [path, content] of head.files) if (content.includes('replace_triggered_by')) armedFiles.add(path);
  if (armedFiles.size === 0) return [];
  const triggers = new Map<string, Change>();
  for (const change of changes) if (isTrigger(change)) triggers.set(objectKey(change.module, change.address), change);
  if (triggers.size === 0) return [];
  const replacements: Change[] = [];
  for (const [key, object] of head.objects) {
    if (object.kind !== 'resource' || !object.files.some((file) => armedFiles.has(file))) continue;
    const before = base.objects.get(key);
    if (!before) continue; // created now: nothing to replace
    const trigger = triggerReferences(object.ref.body)
      .map((address) => triggers.get(objectKey(object.module, address)))
      .find((change) => change !== undefined);
    if (trigger) replacements.push(replacement(before, trigger));
  }
  return replacements;
}

/** A planned change of the named resource: created, or with changed attributes (a bare rename is not one). */
function isTrigger(change: Change): boolean {
  if (change.kind !== 'resource') return false;
  return (
    change.action === 'create' ||
    change.action === 'update' ||
    (change.action === 'move' && change.changedPaths.length > 0)
  );
}

function replacement(before: ComparableObject, trigger: Change): Change {
  const ref = trigger.head ?? trigger.base;
  const change: Change = {
    kind: before.kind,
    module: before.module,
    address: before.address,
    action: 'delete',
    changedPaths: [],
    base: before.ref,
    via: [
      {
        path: 'lifecycle.replace_triggered_by',
        steps: [
          {
            label: `${trigger.address} (${trigger.action}) → replace_triggered_by: destroyed and created again`,
            file: ref?.file ?? before.ref.file,
            line: ref?.range.start.line ?? before.ref.range.start.line,
          },
        ],
      },
    ],
  };
  if (trigger.instances) change.instances = trigger.instances.map((instance) => ({ ...instance }));
  return change;
}

/** The resources `lifecycle.replace_triggered_by` names (`aws_x.y`, `aws_x.y.id`, `aws_x.y[0]`), as static addresses. */
function triggerReferences(body: Body): string[] {
  const addresses: string[] = [];
  for (const block of body.blocks) {
    if (block.type !== 'lifecycle') continue;
    for (const attribute of block.attributes) {
      if (attribute.name !== 'replace_triggered_by') continue;
      const items = attribute.expr.kind === 'tuple' ? attribute.expr.items : [attribute.expr];
      for (const item of items) {
        const address = resourceAddress(item);
        if (address !== null) addresses.push(address);
      }
    }
  }
  return addresses;
}

/** Names that start a reference to something other than a managed resource. */
const NOT_RESOURCES = new Set([
  'var',
  'local',
  'data',
  'ephemeral',
  'action',
  'module',
  'each',
  'count',
  'self',
  'path',
  'terraform',
]);

function resourceAddress(expr: Expression): string | null {
  const steps: Expression[] = [];
  let current = expr;
  while (current.kind === 'getAttr' || current.kind === 'index') {
    steps.unshift(current);
    current = current.target;
  }
  if (current.kind !== 'variable' || NOT_RESOURCES.has(current.name)) return null;
  const first = steps[0];
  return first?.kind === 'getAttr' ? `${current.name}.${first.name}` : null;
}
