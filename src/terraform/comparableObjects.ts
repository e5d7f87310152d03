import type { InventoryEntry, ObjectKind } from './inventory.js';
import { TERRAFORM_OBJECT_BLOCKS } from './inventory.js';
import { LazyBlock } from './lazyBlock.js';
import type { Attribute, Block, Body, Range } from './model.js';
import { isOverrideFile } from './modulePaths.js';

export interface ObjectRef {
  module: string;
  address: string;
  file: string;
  range: Range;
  /** what was compared: every definition merged (several `terraform` blocks, override files) */
  body: Body;
}

/** One address of one module at one revision, with everything that defines it merged. */
export interface ComparableObject {
  kind: ObjectKind;
  module: string;
  address: string;
  /** where it is defined: its first definition outside override files */
  ref: ObjectRef;
  /** every file contributing to it */
  files: string[];
  /** for `local` and `required_provider`: the attribute that is the object */
  attribute?: Attribute;
}

export function objectKey(module: string, address: string): string {
  return module + '\u0000' + address;
}

/**
 * Groups inventory entries by (module, address). Several `terraform` blocks (and, in invalid
 * configurations, duplicates) are concatenated; override files are applied last, in path order,
 * as Terraform merges them: an attribute replaces the one of the same name, a nested block type
 * replaces all original blocks of that type, and `lifecycle` merges attribute by attribute.
 */
export function comparableObjects(entries: InventoryEntry[]): Map<string, ComparableObject> {
  const groups = new Map<string, InventoryEntry[]>();
  for (const entry of entries) {
    const key = objectKey(entry.module, entry.address);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const objects = new Map<string, ComparableObject>();
  for (const [key, group] of groups) objects.set(key, mergeGroup(group));
  return objects;
}

function mergeGroup(group: InventoryEntry[]): ComparableObject {
  const first = group.find((entry) => !isOverrideFile(entry.file)) ?? group[0]!;
  const object: ComparableObject = {
    kind: first.kind,
    module: first.module,
    address: first.address,
    // Merging reads the bodies: an object of lazy blocks merges them when its body is first read.
    ref: group.some((entry) => entry.block instanceof LazyBlock)
      ? new MergedRef(first, group)
      : { module: first.module, address: first.address, file: first.file, range: first.range, body: mergedBody(group) },
    files: group.length === 1 ? [first.file] : [...new Set(group.map((entry) => entry.file))],
  };
  const attribute = first.attribute && object.ref.body.attributes[object.ref.body.attributes.length - 1];
  return attribute ? { ...object, attribute } : object;
}

/**
 * The file each attribute and nested block of a merged body was written in, when that is not
 * its object's `ref.file`: an override file's, or another file's `terraform` block. A finding
 * points at the line that set the value, in the file that has it.
 */
const writtenIn = new WeakMap<Attribute | Block, string>();

/** The file an attribute or block of a merged body was written in, when not its object's own file. */
export function writtenElsewhere(node: Attribute | Block): string | undefined {
  return writtenIn.get(node);
}

/** `to`, a resolved copy of `from`, was written where `from` was. */
export function keepWrittenIn<T extends Attribute | Block>(from: T, to: T): T {
  const file = writtenIn.get(from);
  if (file !== undefined) writtenIn.set(to, file);
  return to;
}

function markWrittenIn(body: Body, file: string): void {
  for (const attribute of body.attributes) writtenIn.set(attribute, file);
  for (const block of body.blocks) {
    writtenIn.set(block, file);
    markWrittenIn(block, file);
  }
}

function mergedBody(group: readonly InventoryEntry[]): Body {
  const own = (group.find((entry) => !isOverrideFile(entry.file)) ?? group[0]!).file;
  for (const entry of group) if (entry.file !== own) markWrittenIn(entryBody(entry), entry.file);
  const primary = group.filter((entry) => !isOverrideFile(entry.file));
  const overrides = group
    .filter((entry) => isOverrideFile(entry.file))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  let body: Body = {
    attributes: primary.flatMap((e) => entryBody(e).attributes),
    blocks: primary.flatMap((e) => entryBody(e).blocks),
  };
  for (const override of overrides) body = applyOverride(body, entryBody(override));
  return body;
}

/**
 * An object's reference whose body is merged from its definitions when first read: a large
 * tree's objects are mostly never read (see LazyBlock).
 */
class MergedRef implements ObjectRef {
  readonly module: string;
  readonly address: string;
  readonly file: string;
  readonly range: Range;
  #group: readonly InventoryEntry[] | null;
  #body: Body | null = null;

  constructor(first: InventoryEntry, group: readonly InventoryEntry[]) {
    this.module = first.module;
    this.address = first.address;
    this.file = first.file;
    this.range = first.range;
    this.#group = group;
  }

  get body(): Body {
    if (this.#body === null) {
      this.#body = mergedBody(this.#group!);
      this.#group = null;
    }
    return this.#body;
  }
}

/** The `terraform` block's own settings exclude the backend, cloud and provider requirements: those are objects of their own. */
function entryBody(entry: InventoryEntry): Body {
  if (entry.attribute) return { attributes: [entry.attribute], blocks: [] };
  const block = entry.block!;
  if (entry.kind !== 'terraform') return block;
  return {
    attributes: block.attributes,
    blocks: block.blocks.filter((nested) => !TERRAFORM_OBJECT_BLOCKS.has(nested.type)),
  };
}

function applyOverride(body: Body, override: Body): Body {
  const names = new Set(override.attributes.map((attribute) => attribute.name));
  const types = new Set(override.blocks.map((block) => block.type));
  const blocks: Block[] = body.blocks.filter((block) => !types.has(block.type));
  for (const block of override.blocks) {
    const original = block.type === 'lifecycle' ? body.blocks.find((b) => b.type === 'lifecycle') : undefined;
    blocks.push(original ? { ...original, ...applyOverride(original, block) } : block);
  }
  return {
    attributes: [...body.attributes.filter((attribute) => !names.has(attribute.name)), ...override.attributes],
    blocks,
  };
}
