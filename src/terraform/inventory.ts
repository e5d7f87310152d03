import { LazyBlock } from './lazyBlock.js';
import type { Attribute, Block, Diagnostic, ParsedFile, Range } from './model.js';
import { isUnderstood } from './model.js';
import { isOverrideFile, moduleDirectory } from './modulePaths.js';

export type ObjectKind =
  | 'resource'
  | 'data'
  | 'module'
  | 'provider'
  | 'terraform'
  | 'backend'
  | 'cloud'
  | 'required_provider'
  | 'variable'
  | 'output'
  | 'local'
  | 'moved'
  | 'import'
  | 'removed'
  | 'check'
  /** `ephemeral "type" "name"` (Terraform 1.10, OpenTofu 1.11): opened at every plan and apply, never stored */
  | 'ephemeral'
  /** `action "type" "name"` (Terraform 1.14): a provider operation run at apply or by `terraform apply -invoke` */
  | 'action';

/**
 * One Terraform object of one revision. Resources, data sources and modules using `count` or
 * `for_each` are addressed statically, without instance keys: HCL alone cannot know the keys.
 */
export interface InventoryEntry {
  kind: ObjectKind;
  /** directory of the file: '.', 'modules/vpc', 'envs/prod' */
  module: string;
  address: string;
  file: string;
  range: Range;
  /** absent for `local` and `required_provider` entries, which are attributes */
  block?: Block;
  attribute?: Attribute;
  expansion?: 'count' | 'for_each';
  /** modules: the literal `source`/`version`; required providers: theirs */
  source?: string;
  version?: string;
}

/** Terraform rejects a module that defines the same address twice; so do later stages. */
export interface InventoryProblem {
  module: string;
  address: string;
  files: string[];
  message: string;
}

export interface Inventory {
  entries: InventoryEntry[];
  files: { path: string; understood: boolean; diagnostics: Diagnostic[] }[];
  problems: InventoryProblem[];
}

export function buildInventory(files: ParsedFile[]): Inventory {
  const entries = files.flatMap(fileEntries);
  return {
    entries,
    files: files.map((file) => ({ path: file.path, understood: isUnderstood(file), diagnostics: file.diagnostics })),
    problems: sortedProblems([...files.flatMap(blockShapeProblems), ...duplicateProblems(entries)]),
  };
}

/** An inventory entry without its syntax (`block`, `attribute`): what a listing prints. */
export type OutlineEntry = Omit<InventoryEntry, 'block' | 'attribute'>;

/**
 * The entries and problems of `buildInventory`, gathered one file at a time and without keeping
 * any syntax tree, so that a large tree's files can be parsed, printed and dropped one by one.
 */
export class InventoryOutline {
  readonly entries: OutlineEntry[] = [];
  private readonly shapeProblems: InventoryProblem[] = [];

  add(file: ParsedFile): void {
    const module = moduleDirectory(file.path);
    for (const block of file.blocks) {
      if (!hasExpectedLabels(block)) continue;
      const partials = block instanceof LazyBlock ? block.outline : blockEntries(block);
      for (const partial of partials) this.entries.push(outlineEntry(partial, module, file.path));
    }
    const problems = blockShapeProblems(file);
    if (problems.length > 0) this.shapeProblems.push(...problems);
  }

  /** As `buildInventory` reports them for the files added so far. */
  problems(): InventoryProblem[] {
    return sortedProblems([...this.shapeProblems, ...duplicateProblems(this.entries)]);
  }
}

function sortedProblems(problems: InventoryProblem[]): InventoryProblem[] {
  return problems.sort((a, b) => compareText(a.module, b.module) || compareText(a.address, b.address));
}

/** The top-level blocks of the Terraform language and the labels each takes. */
const TOP_LEVEL_LABELS: ReadonlyMap<string, readonly string[]> = new Map([
  ['resource', ['type', 'name']],
  ['data', ['type', 'name']],
  ['module', ['name']],
  ['provider', ['name']],
  ['terraform', []],
  ['variable', ['name']],
  ['output', ['name']],
  ['locals', []],
  ['moved', []],
  ['import', []],
  ['removed', []],
  ['check', ['name']],
  ['ephemeral', ['type', 'name']],
  ['action', ['type', 'name']],
]);

/**
 * A top-level block this inventory does not know (a typo Terraform rejects, or a block type newer
 * than this inventory), or one with the wrong number of labels, would otherwise vanish from the
 * change set unseen (or get a meaningless address).
 */
function blockShapeProblems(file: ParsedFile): InventoryProblem[] {
  const module = moduleDirectory(file.path);
  const problems: InventoryProblem[] = [];
  for (const attribute of file.attributes) {
    // Arguments belong inside blocks; Terraform rejects one at the top of a configuration file.
    problems.push({
      module,
      address: attribute.name,
      files: [file.path],
      message: `${file.path}:${attribute.range.start.line}: argument "${attribute.name}" outside any block; Terraform rejects it`,
    });
  }
  for (const block of file.blocks) {
    const labels = TOP_LEVEL_LABELS.get(block.type);
    if (labels?.length === block.labels.length) continue;
    const address = [block.type, ...block.labels].join('.');
    const where = `${file.path}:${block.range.start.line}`;
    if (!labels) {
      problems.push({
        module,
        address,
        files: [file.path],
        message: `${where}: unsupported block type "${block.type}"; its changes cannot be judged`,
      });
    } else if (labels.length !== block.labels.length) {
      const wanted =
        labels.length === 0
          ? 'no labels'
          : `${labels.length} label${labels.length === 1 ? '' : 's'} (${labels.join(' and ')})`;
      problems.push({
        module,
        address,
        files: [file.path],
        message: `${where}: a "${block.type}" block takes ${wanted}, found ${block.labels.length}; Terraform rejects it`,
      });
    }
  }
  return problems;
}

function hasExpectedLabels(block: Block): boolean {
  return TOP_LEVEL_LABELS.get(block.type)?.length === block.labels.length;
}

function fileEntries(file: ParsedFile): InventoryEntry[] {
  const module = moduleDirectory(file.path);
  const entries: InventoryEntry[] = [];
  for (const block of file.blocks) {
    if (!hasExpectedLabels(block)) continue; // a problem (see blockShapeProblems), not an object
    // A lazy block was listed when it was made: listing it again does not parse its body.
    const partials =
      block instanceof LazyBlock ? block.outline.map((entry) => ({ ...entry, block })) : blockEntries(block);
    for (const partial of partials) entries.push({ ...partial, module, file: file.path });
  }
  return entries;
}

type PartialEntry = Omit<InventoryEntry, 'module' | 'file'>;

/**
 * An entry without its syntax, built field by field: a listing keeps tens of thousands of these
 * while files are parsed and dropped, and objects of one shape cost less to make and to keep
 * than copies made by spreading.
 */
function outlineEntry(partial: BlockOutline | PartialEntry, module: string, file: string): OutlineEntry {
  const entry: OutlineEntry = { kind: partial.kind, module, address: partial.address, file, range: partial.range };
  if (partial.expansion !== undefined) entry.expansion = partial.expansion;
  if (partial.source !== undefined) entry.source = partial.source;
  if (partial.version !== undefined) entry.version = partial.version;
  return entry;
}

/** What the inventory lists of a block, without its syntax: what a LazyBlock keeps. */
export type BlockOutline = Omit<InventoryEntry, 'module' | 'file' | 'block' | 'attribute'>;

/**
 * The block's entries without syntax, for a block whose entries need none: every kind but
 * `terraform` and `locals` (whose entries are nested blocks and attributes). Null for those, and
 * for blocks that are problems rather than objects.
 */
export function blockOutline(block: Block): BlockOutline[] | null {
  if (!hasExpectedLabels(block) || block.type === 'terraform' || block.type === 'locals') return null;
  return blockEntries(block).map(({ block: _block, attribute: _attribute, ...entry }) => entry);
}

function blockEntries(block: Block): PartialEntry[] {
  const [first, second] = block.labels;
  const range = block.range;
  switch (block.type) {
    case 'resource':
      return [{ kind: 'resource', address: `${first}.${second}`, range, block, ...expansion(block) }];
    case 'data':
      return [{ kind: 'data', address: `data.${first}.${second}`, range, block, ...expansion(block) }];
    case 'module':
      return [
        {
          kind: 'module',
          address: `module.${first}`,
          range,
          block,
          ...expansion(block),
          ...sourceAndVersion(block.attributes),
        },
      ];
    case 'provider': {
      const alias = literalString(findAttribute(block.attributes, 'alias'));
      return [
        { kind: 'provider', address: `provider.${first}` + (alias === undefined ? '' : `.${alias}`), range, block },
      ];
    }
    case 'terraform':
      return terraformEntries(block);
    case 'variable':
      return [{ kind: 'variable', address: `var.${first}`, range, block }];
    case 'output':
      return [{ kind: 'output', address: `output.${first}`, range, block }];
    case 'locals':
      return block.attributes.map((attribute) => ({
        kind: 'local',
        address: `local.${attribute.name}`,
        range: attribute.range,
        attribute,
      }));
    case 'moved':
      return [{ kind: 'moved', address: addressFrom('moved', block, 'from'), range, block }];
    case 'removed':
      return [{ kind: 'removed', address: addressFrom('removed', block, 'from'), range, block }];
    case 'import':
      return [{ kind: 'import', address: addressFrom('import', block, 'to'), range, block }];
    case 'check':
      return [{ kind: 'check', address: `check.${first}`, range, block }];
    case 'ephemeral':
      return [{ kind: 'ephemeral', address: `ephemeral.${first}.${second}`, range, block, ...expansion(block) }];
    case 'action':
      return [{ kind: 'action', address: `action.${first}.${second}`, range, block, ...expansion(block) }];
    default:
      // not an object: reported as a problem by blockShapeProblems
      return [];
  }
}

/** The block itself (its own settings, like `required_version`), then each nested object it holds. */
function terraformEntries(block: Block): PartialEntry[] {
  const entries: PartialEntry[] = [{ kind: 'terraform', address: 'terraform', range: block.range, block }];
  for (const nested of block.blocks) {
    if (nested.type === 'backend') {
      entries.push({
        kind: 'backend',
        address: `terraform.backend.${nested.labels[0]}`,
        range: nested.range,
        block: nested,
      });
    } else if (nested.type === 'cloud') {
      entries.push({ kind: 'cloud', address: 'terraform.cloud', range: nested.range, block: nested });
    } else if (nested.type === 'required_providers') {
      for (const attribute of nested.attributes) {
        entries.push({
          kind: 'required_provider',
          address: `terraform.required_providers.${attribute.name}`,
          range: attribute.range,
          attribute,
          ...requirement(attribute),
        });
      }
    }
  }
  return entries;
}

/** Nested blocks of `terraform` that are objects of their own, not settings of the block. */
export const TERRAFORM_OBJECT_BLOCKS: ReadonlySet<string> = new Set(['backend', 'cloud', 'required_providers']);

function expansion(block: Block): Pick<InventoryEntry, 'expansion'> {
  if (findAttribute(block.attributes, 'for_each')) return { expansion: 'for_each' };
  if (findAttribute(block.attributes, 'count')) return { expansion: 'count' };
  return {};
}

function sourceAndVersion(attributes: Attribute[]): Pick<InventoryEntry, 'source' | 'version'> {
  const source = literalString(findAttribute(attributes, 'source'));
  const version = literalString(findAttribute(attributes, 'version'));
  return { ...(source === undefined ? {} : { source }), ...(version === undefined ? {} : { version }) };
}

/** `aws = { source = "hashicorp/aws", version = "~> 5.0" }`, or the legacy `aws = "~> 5.0"`. */
function requirement(attribute: Attribute): Pick<InventoryEntry, 'source' | 'version'> {
  const value = attribute.value;
  if (typeof value === 'string') return { version: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const source = typeof value.source === 'string' ? value.source : undefined;
  const version = typeof value.version === 'string' ? value.version : undefined;
  return { ...(source === undefined ? {} : { source }), ...(version === undefined ? {} : { version }) };
}

/** `moved.aws_s3_bucket.old`: the block type, then the canonical text of its `from` (or `to`). */
function addressFrom(type: string, block: Block, name: string): string {
  const attribute = findAttribute(block.attributes, name);
  return attribute ? `${type}.${attribute.text}` : type;
}

function findAttribute(attributes: Attribute[], name: string): Attribute | undefined {
  return attributes.find((attribute) => attribute.name === name);
}

function literalString(attribute: Attribute | undefined): string | undefined {
  return typeof attribute?.value === 'string' ? attribute.value : undefined;
}

/**
 * Addresses defined more than once in one module directory. Several `terraform` blocks are
 * allowed, and override files (`override.tf`, `*_override.tf`) exist to redefine objects.
 */
function duplicateProblems(entries: readonly OutlineEntry[]): InventoryProblem[] {
  // By module, then address: the module's string is shared by its entries, so no key is built per entry.
  const byModule = new Map<string, Map<string, OutlineEntry[]>>();
  for (const entry of entries) {
    if (entry.kind === 'terraform' || isOverrideFile(entry.file)) continue;
    let byAddress = byModule.get(entry.module);
    if (!byAddress) {
      byAddress = new Map();
      byModule.set(entry.module, byAddress);
    }
    const group = byAddress.get(entry.address);
    if (group) group.push(entry);
    else byAddress.set(entry.address, [entry]);
  }
  const problems: InventoryProblem[] = [];
  for (const byAddress of byModule.values()) {
    for (const group of byAddress.values()) {
      if (group.length < 2) continue;
      const { module, address } = group[0]!;
      const files = [...new Set(group.map((entry) => entry.file))].sort();
      const places = group.map((entry) => `${entry.file}:${entry.range.start.line}`).join(', ');
      problems.push({
        module,
        address,
        files,
        message: `${address} is defined ${group.length} times in module ${module} (${places}); Terraform rejects duplicates`,
      });
    }
  }
  return problems;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
