import { makeAttribute } from './attribute.js';
import type { InventoryEntry } from './inventory.js';
import { normalizePath } from './localModules.js';
import type { Attribute, Block, Expression, ParsedFile, Range } from './model.js';
import { moduleDirectory } from './modulePaths.js';
import { objectKeyText } from './objectKeys.js';
import { withLocalsInlined } from './parentLocals.js';
import { isTerragruntPath, TERRAGRUNT_CALL, TERRAGRUNT_CONFIGURATION } from './terragrunt.js';

/**
 * Terragrunt merges the configuration a deployment includes
 * (`include "root" { path = find_in_parent_folders("root.hcl") }`) into the deployment's own: the
 * parent's `inputs` are the deployment's inputs too, under its own (the default `shallow` merge,
 * and `deep` alike where the names differ: the deployment's input of a name wins). So the
 * parent's inputs are arguments of the deployment's module call (terragrunt.ts), each written
 * where the parent has it: `ssh_cidrs = ["0.0.0.0/0"]` in `root.hcl` is judged where it lands in
 * every deployment that includes it, not only as a changed parent.
 *
 * An entry per deployment and included parent, of the deployment's directory and the parent's
 * file, for `comparableObjects` to merge into the call (its `files` then name the parent, so a
 * change of the parent is a change of the call). Not merged: an include with
 * `merge_strategy = "no_merge"`, one whose path is not known from the text (its change stays the
 * parent's own, `high`), a parent that is not a Terragrunt file Four Eyes reads (`_envcommon/x.hcl`),
 * and a deployment with no `terraform { source }` of its own.
 */
export function includedInputEntries(files: readonly ParsedFile[]): InventoryEntry[] {
  const terragrunt = new Map(files.filter((file) => isTerragruntPath(file.path)).map((file) => [file.path, file]));
  const entries: InventoryEntry[] = [];
  for (const file of terragrunt.values()) {
    const call = file.blocks.find((block) => block.type === 'module' && block.labels[0] === TERRAGRUNT_CALL);
    if (!call) continue;
    const given = new Set(call.attributes.map((attribute) => attribute.name));
    for (const include of includeBlocks(file)) {
      if (literalText(attributeExpr(include, 'merge_strategy')) === 'no_merge') continue;
      const path = attributeExpr(include, 'path');
      const parentPath = path ? includedPath(path, file.path, (candidate) => terragrunt.has(candidate)) : null;
      const parent = parentPath === null ? undefined : terragrunt.get(parentPath);
      if (!parent || parent === file) continue;
      const inherited = parentInputs(parent).filter((input) => !given.has(input.name));
      if (inherited.length === 0) continue;
      for (const input of inherited) given.add(input.name);
      entries.push(callEntry(moduleDirectory(file.path), parent.path, inherited));
    }
  }
  return entries;
}

/** The directories a deployment with an `include` may take values from: every one above it. */
export function includingDirectories(file: ParsedFile): string[] {
  if (!isTerragruntPath(file.path) || includeBlocks(file).length === 0) return [];
  const above: string[] = [];
  for (let directory = moduleDirectory(file.path); directory !== '.'; ) {
    directory = moduleDirectory(directory);
    above.push(directory);
  }
  return above;
}

function includeBlocks(file: ParsedFile): Block[] {
  const rest = file.blocks.find(
    (block) => block.type === 'resource' && block.labels[0] === TERRAGRUNT_CONFIGURATION && block.labels[1] === 'this',
  );
  return rest?.blocks.filter((block) => block.type === 'include') ?? [];
}

function callEntry(directory: string, file: string, attributes: Attribute[]): InventoryEntry {
  const range = spanning(attributes.map((attribute) => attribute.range));
  const block: Block = {
    type: 'module',
    labels: [TERRAGRUNT_CALL],
    range,
    typeRange: range,
    labelRanges: [range],
    attributes,
    blocks: [],
  };
  return { kind: 'module', module: directory, address: `module.${TERRAGRUNT_CALL}`, file, range, block };
}

/**
 * A parent's inputs: the arguments of its own module call but its source, or its `inputs`
 * written out as an object (a parent with no module of its own keeps them as written), with the
 * parent's locals put in place of `local.x`: the deployment has locals of its own.
 */
function parentInputs(parent: ParsedFile): Attribute[] {
  const call = parent.blocks.find((block) => block.type === 'module' && block.labels[0] === TERRAGRUNT_CALL);
  let inputs: Attribute[];
  if (call) inputs = call.attributes.filter((attribute) => attribute.name !== 'source');
  else {
    const rest = parent.blocks.find(
      (block) => block.type === 'resource' && block.labels[0] === TERRAGRUNT_CONFIGURATION,
    );
    const written = rest ? attributeExpr(rest, 'inputs') : undefined;
    inputs = written?.kind === 'object' ? objectAttributes(written) : [];
  }
  const locals = new Map<string, Expression>();
  for (const block of parent.blocks)
    if (block.type === 'locals') for (const local of block.attributes) locals.set(local.name, local.expr);
  return inputs.map((input) => {
    const expr = withLocalsInlined(input.expr, locals);
    return expr === input.expr ? input : makeAttribute(input.name, input.nameRange, expr, input.range);
  });
}

function objectAttributes(object: Extract<Expression, { kind: 'object' }>): Attribute[] {
  const attributes: Attribute[] = [];
  for (const item of object.items) {
    const name = objectKeyText(item.key);
    if (name === null) continue;
    attributes.push(
      makeAttribute(name, item.key.range, item.value, { start: item.key.range.start, end: item.value.range.end }),
    );
  }
  return attributes;
}

/**
 * The repository path an include's `path` names, relative to the deployment's file:
 * `find_in_parent_folders()` (the nearest `terragrunt.hcl` above the deployment's directory),
 * `find_in_parent_folders("root.hcl")`, a path written out (`"../common/terragrunt.hcl"`), or
 * one built with `get_terragrunt_dir()`, `get_repo_root()`, or `dirname()` of the above. Null
 * for anything else.
 */
export function includedPath(expr: Expression, file: string, exists: (path: string) => boolean): string | null {
  const directory = moduleDirectory(file);
  const resolved = pathText(expr, directory, exists);
  if (resolved === null || resolved.startsWith('/')) return null;
  return normalizePath(directory === '.' ? resolved : `${directory}/${resolved}`);
}

/** The text of a path expression, relative to `directory` (the deployment's); null when not known. */
function pathText(expr: Expression, directory: string, exists: (path: string) => boolean): string | null {
  if (expr.kind === 'parens') return pathText(expr.inner, directory, exists);
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : null;
  if (expr.kind === 'call') return callText(expr, directory, exists);
  if (expr.kind !== 'template') return null;
  let out = '';
  for (const part of expr.parts) {
    if (part.kind === 'text') out += part.value;
    else if (part.kind === 'interpolation') {
      const inner = pathText(part.expr, directory, exists);
      if (inner === null) return null;
      out += inner;
    } else return null;
  }
  return out;
}

function callText(
  call: Extract<Expression, { kind: 'call' }>,
  directory: string,
  exists: (path: string) => boolean,
): string | null {
  const up = directory === '.' ? '.' : directory.replace(/[^/]+/g, '..');
  switch (call.name) {
    case 'get_terragrunt_dir':
      return '.';
    case 'get_repo_root':
      return up;
    case 'dirname': {
      const inner = call.args.length === 1 ? pathText(call.args[0]!, directory, exists) : null;
      if (inner === null) return null;
      const slash = inner.lastIndexOf('/');
      return slash < 0 ? '.' : inner.slice(0, slash) || '/';
    }
    case 'find_in_parent_folders': {
      const name = call.args.length === 0 ? 'terragrunt.hcl' : pathText(call.args[0]!, directory, exists);
      if (name === null) return null;
      // Terragrunt looks from the directory above the deployment's up to the top.
      let relative = '..';
      for (let above = directory; above !== '.'; relative += '/..') {
        above = moduleDirectory(above);
        const candidate = normalizePath(above === '.' ? name : `${above}/${name}`);
        if (candidate !== null && exists(candidate)) return `${relative}/${name}`;
      }
      return null;
    }
    default:
      return null;
  }
}

function attributeExpr(block: Block, name: string): Expression | undefined {
  return block.attributes.find((attribute) => attribute.name === name)?.expr;
}

function literalText(expr: Expression | undefined): string | null {
  if (expr?.kind === 'literal') return typeof expr.value === 'string' ? expr.value : null;
  if (expr?.kind === 'template' && expr.parts.every((part) => part.kind === 'text'))
    return expr.parts.map((part) => (part.kind === 'text' ? part.value : '')).join('');
  return null;
}

function spanning(ranges: Range[]): Range {
  let { start, end } = ranges[0]!;
  for (const range of ranges) {
    if (range.start.offset < start.offset) start = range.start;
    if (range.end.offset > end.offset) end = range.end;
  }
  return { start, end };
}
