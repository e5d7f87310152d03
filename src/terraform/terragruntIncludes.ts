import { makeAttribute } from './attribute.js';
import type { InventoryEntry } from './inventory.js';
import { normalizePath } from './localModules.js';
import { type Attribute, type Block, type Expression, isUnderstood, type ParsedFile, type Range } from './model.js';
import { moduleDirectory } from './modulePaths.js';
import { withLocalsInlined, withReferencesReplaced } from './parentLocals.js';
import {
  isTerragruntPath,
  literalText,
  parseTerragrunt,
  TERRAGRUNT_CALL,
  TERRAGRUNT_CONFIGURATION,
} from './terragrunt.js';
import { includedPath, upToTop } from './terragruntPaths.js';
import { type TerragruntValue, type TextReader, terragruntValue } from './terragruntValues.js';

/**
 * Terragrunt merges the configuration a deployment includes
 * (`include "root" { path = find_in_parent_folders("root.hcl") }`) into the deployment's own: the
 * parent's `inputs` are the deployment's inputs too, under its own (the default `shallow` merge,
 * and `deep` alike where the names differ: the deployment's input of a name wins). So the
 * parent's inputs are arguments of the deployment's module call (terragrunt.ts), each written
 * where the parent has it: `ssh_cidrs = ["0.0.0.0/0"]` in `root.hcl` is judged where it lands in
 * every deployment that includes it, not only as a changed parent.
 *
 * An entry per deployment and file its inputs are written in (the parent, an `env.hcl` a
 * configuration reads), of the deployment's directory, for `comparableObjects` to merge into the
 * call (its `files` then name them, so a change of one is a change of the call). A deployment
 * with no `terraform { source }` of its own runs the module an included file names. Not merged:
 * an include with `merge_strategy = "no_merge"`, and one whose path is not known from the text or
 * whose file does not parse (its change stays the file's own, `high`).
 */
export function withIncludedInputs(
  entries: readonly InventoryEntry[],
  files: readonly ParsedFile[],
  read: TextReader,
): InventoryEntry[] {
  const { added, moved } = includedInputEntries(files, read);
  const kept = moved.size === 0 ? entries : entries.map((entry) => withoutMoved(entry, moved));
  return [...kept, ...added];
}

/** A deployment's call entry without the inputs moved to the file they read (see includeReadInputs). */
function withoutMoved(entry: InventoryEntry, moved: ReadonlyMap<string, ReadonlySet<string>>): InventoryEntry {
  const names = moved.get(entry.file);
  const block = entry.block;
  if (!names || !block || entry.address !== `module.${TERRAGRUNT_CALL}`) return entry;
  const attributes = block.attributes.filter((attribute) => !names.has(attribute.name));
  const { type, labels, range, typeRange, labelRanges, blocks } = block;
  return { ...entry, block: { type, labels, range, typeRange, labelRanges, attributes, blocks } };
}

function includedInputEntries(
  files: readonly ParsedFile[],
  read: TextReader,
): { added: InventoryEntry[]; moved: Map<string, Set<string>> } {
  const terragrunt = new Map(files.filter((file) => isTerragruntPath(file.path)).map((file) => [file.path, file]));
  const entries: InventoryEntry[] = [];
  const moved = new Map<string, Set<string>>();
  for (const file of terragrunt.values()) {
    const named = includedParents(file, terragrunt, read);
    const parents = named.map((include) => include.file);
    const call = callOf(file);
    // A deployment with no module of its own runs the one a parent names (Gruntwork's _envcommon).
    const parentCall = call ? undefined : parents.find((parent) => callOf(parent) !== undefined);
    if (!call && !parentCall) continue;
    const directory = moduleDirectory(file.path);
    const given = new Set(call?.attributes.map((attribute) => attribute.name));
    const add = (inputs: Attribute[]) => {
      const inherited = inputs.filter((input) => !given.has(input.name));
      for (const input of inherited) given.add(input.name);
      entries.push(...callEntries(directory, inherited));
    };
    // The call is the deployment's, first: its own inputs win, and its file names the call.
    if (!call) entries.push(...callEntries(directory, [], file.path));
    // Its own inputs that read an include's locals or inputs are written where those are.
    const readingIncludes = call ? includeReadInputs(call, named, file.path, read) : [];
    if (readingIncludes.length > 0) {
      moved.set(file.path, new Set(readingIncludes.map((input) => input.name)));
      entries.push(...callEntries(directory, readingIncludes));
    }
    // Its own inputs kept as written (no module, or built by a function): the parts known from the text.
    add(builtInputs(file, file.path, read));
    if (parentCall) add([relocatedSource(parentCall, directory)]);
    for (const parent of parents) add(parentInputs(parent, file.path, read));
  }
  return { added: entries, moved };
}

/**
 * A deployment's own inputs that read an included file's values (`include.root.locals.cidrs`,
 * `include.env.inputs.region`, with `expose = true`), those values put in place: each written in
 * the included file, at the value read, so that a change there is a change of the input.
 */
function includeReadInputs(
  call: Block,
  includes: readonly { name: string; file: ParsedFile }[],
  deployment: string,
  read: TextReader,
): Attribute[] {
  const inputs: Attribute[] = [];
  for (const attribute of call.attributes) {
    if (attribute.name === 'source' || !attribute.text.includes('include.')) continue;
    let where: Attribute | undefined;
    const expr = withReferencesReplaced(attribute.expr, (node) => {
      const value = includeValue(node, includes, deployment, read);
      where ??= value;
      return value?.expr;
    });
    if (where === undefined) continue;
    inputs.push(writtenIn(makeAttribute(attribute.name, where.nameRange, expr, where.range), writtenFile.get(where)!));
  }
  return inputs;
}

/** `include.<name>.locals.<x>` or `include.<name>.inputs.<x>`: the value in that file, written there; else undefined. */
function includeValue(
  node: Extract<Expression, { kind: 'getAttr' }>,
  includes: readonly { name: string; file: ParsedFile }[],
  deployment: string,
  read: TextReader,
): Attribute | undefined {
  const part = node.target;
  if (part.kind === 'getAttr' && part.target.kind === 'variable' && part.target.name === 'include') {
    // `include.root.locals` or `.inputs` whole (indexed, or given to `lookup`): an object of them all.
    const parent = includes.find((include) => include.name === part.name)?.file;
    return parent && (node.name === 'locals' || node.name === 'inputs')
      ? wholeValues(parent, node.name, deployment, read)
      : undefined;
  }
  if (part.kind !== 'getAttr' || part.target.kind !== 'getAttr') return undefined;
  const root = part.target;
  if (root.target.kind !== 'variable' || root.target.name !== 'include') return undefined;
  const parent = includes.find((include) => include.name === root.name)?.file;
  if (!parent) return undefined;
  if (part.name === 'locals') {
    const local = parent.blocks
      .filter((block) => block.type === 'locals')
      .flatMap((block) => block.attributes)
      .find((attribute) => attribute.name === node.name);
    if (!local) return undefined;
    const inlined = withLocalsInlined(local.expr, localsOf(parent));
    return writtenIn(makeAttribute(local.name, local.nameRange, inlined, local.range), parent.path);
  }
  if (part.name === 'inputs') return parentInputs(parent, deployment, read).find((input) => input.name === node.name);
  return undefined;
}

function callOf(file: ParsedFile): Block | undefined {
  return file.blocks.find((block) => block.type === 'module' && block.labels[0] === TERRAGRUNT_CALL);
}

/** An included file's locals (inlined) or inputs as one object, written at the first of them; undefined when it has none. */
function wholeValues(
  parent: ParsedFile,
  which: 'locals' | 'inputs',
  deployment: string,
  read: TextReader,
): Attribute | undefined {
  const values =
    which === 'inputs'
      ? parentInputs(parent, deployment, read)
      : parent.blocks
          .filter((block) => block.type === 'locals')
          .flatMap((block) => block.attributes)
          .map((local) =>
            writtenIn(
              makeAttribute(local.name, local.nameRange, withLocalsInlined(local.expr, localsOf(parent)), local.range),
              parent.path,
            ),
          );
  const first = values[0];
  if (!first) return undefined;
  const items = values.map((value) => ({
    key: { kind: 'literal' as const, value: value.name, range: value.nameRange },
    value: value.expr,
  }));
  const expr: Expression = { kind: 'object', items, range: spanning(values.map((value) => value.range)) };
  return writtenIn(makeAttribute(which, first.nameRange, expr, first.range), writtenFile.get(first)!);
}

/** The configurations a deployment includes and merges, in their order, by the include's name. */
function includedParents(
  file: ParsedFile,
  terragrunt: ReadonlyMap<string, ParsedFile>,
  read: TextReader,
): { name: string; file: ParsedFile }[] {
  const parents: { name: string; file: ParsedFile }[] = [];
  for (const include of includeBlocks(file)) {
    const strategy = attributeExpr(include, 'merge_strategy');
    if (strategy && literalText(strategy) === 'no_merge') continue;
    const path = attributeExpr(include, 'path');
    const exists = (candidate: string) => terragrunt.has(candidate) || read(candidate) !== null;
    const parentPath = path ? includedPath(path, file.path, exists) : null;
    const parent =
      parentPath === null ? undefined : (terragrunt.get(parentPath) ?? otherConfiguration(parentPath, read));
    if (parent && parent !== file) parents.push({ name: include.labels[0] ?? '', file: parent });
  }
  return parents;
}

/**
 * A parent's module source for the deployment that runs it: a local path, written relative to
 * the parent (terragrunt.ts), made relative to the deployment; any other source as it is.
 */
function relocatedSource(parent: ParsedFile, directory: string): Attribute {
  const source = callOf(parent)!.attributes.find((attribute) => attribute.name === 'source')!;
  const written = source.expr.kind === 'literal' && typeof source.expr.value === 'string' ? source.expr.value : null;
  const inRepository =
    written !== null && (written.startsWith('./') || written.startsWith('../'))
      ? normalizePath(`${moduleDirectory(parent.path)}/${written}`)
      : null;
  if (inRepository === null) return writtenIn(source, parent.path);
  const expr: Expression = {
    kind: 'literal',
    value: `${upToTop(directory)}/${inRepository}`,
    range: source.expr.range,
  };
  return writtenIn(makeAttribute('source', source.nameRange, expr, source.range), parent.path);
}

/**
 * An included file that is no `terragrunt.hcl` or `root.hcl` (`_envcommon/mysql.hcl` in
 * Gruntwork's layout), read as Terragrunt reads it; null when the tree does not have it (the app
 * asks for it) or it does not parse (its change is judged as a file).
 */
function otherConfiguration(path: string, read: TextReader): ParsedFile | undefined {
  const text = read(path);
  if (text === null) return undefined;
  const parsed = parseTerragrunt(text, path);
  return isUnderstood(parsed) ? parsed : undefined;
}

/**
 * The directories a deployment with an `include`, or one that reads other files with
 * `read_terragrunt_config()`, may take values from: every one above it.
 */
export function includingDirectories(file: ParsedFile): string[] {
  if (!isTerragruntPath(file.path) || (includeBlocks(file).length === 0 && !readsConfigurations(file))) return [];
  const above: string[] = [];
  for (let directory = moduleDirectory(file.path); directory !== '.'; ) {
    directory = moduleDirectory(directory);
    above.push(directory);
  }
  return above;
}

/** A deployment that includes a file and has no `terraform { source }` of its own: an included file names its module. */
export function runsIncludedModule(file: ParsedFile): boolean {
  return isTerragruntPath(file.path) && includeBlocks(file).length > 0 && callOf(file) === undefined;
}

function readsConfigurations(file: ParsedFile): boolean {
  return file.blocks.some(
    (block) =>
      block.type === 'locals' && block.attributes.some((local) => local.text.includes('read_terragrunt_config(')),
  );
}

function includeBlocks(file: ParsedFile): Block[] {
  return restOf(file)?.blocks.filter((block) => block.type === 'include') ?? [];
}

/** What terragrunt.ts keeps of a file beside its call, locals, backend and dependencies. */
function restOf(file: ParsedFile): Block | undefined {
  return file.blocks.find(
    (block) => block.type === 'resource' && block.labels[0] === TERRAGRUNT_CONFIGURATION && block.labels[1] === 'this',
  );
}

/**
 * One entry per file the inputs are written in, for the deployment's call; with `anchor`, one
 * entry of that file and no input at all, which makes it the file the call is defined in.
 */
function callEntries(directory: string, attributes: Attribute[], anchor?: string): InventoryEntry[] {
  const byFile = new Map<string, Attribute[]>(anchor ? [[anchor, []]] : []);
  for (const attribute of attributes) {
    const file = writtenFile.get(attribute)!;
    byFile.set(file, [...(byFile.get(file) ?? []), attribute]);
  }
  return [...byFile].map(([file, written]) => {
    const range = written.length > 0 ? spanning(written.map((attribute) => attribute.range)) : START;
    const block: Block = {
      type: 'module',
      labels: [TERRAGRUNT_CALL],
      range,
      typeRange: range,
      labelRanges: [range],
      attributes: written,
      blocks: [],
    };
    return { kind: 'module', module: directory, address: `module.${TERRAGRUNT_CALL}`, file, range, block };
  });
}

const START_POSITION = { line: 1, column: 1, offset: 0 };
const START: Range = { start: START_POSITION, end: START_POSITION };

/** The file each input attribute made here is written in. */
const writtenFile = new WeakMap<Attribute, string>();

/**
 * A parent's inputs: the arguments of its own module call but its source, or its `inputs`,
 * worked out for the deployment (terragruntValues.ts), with the parent's locals put in place of
 * `local.x`: the deployment has locals of its own.
 */
function parentInputs(parent: ParsedFile, deployment: string, read: TextReader): Attribute[] {
  const call = callOf(parent);
  if (!call) return builtInputs(parent, deployment, read);
  const locals = localsOf(parent);
  return call.attributes
    .filter((attribute) => attribute.name !== 'source')
    .map((input) =>
      writtenIn(
        makeAttribute(input.name, input.nameRange, withLocalsInlined(input.expr, locals), input.range),
        parent.path,
      ),
    );
}

/**
 * The inputs a file keeps as written (terragrunt.ts: with no module of its own, or not written
 * out as an object), as far as their keys are known from the text: each one written where its
 * value is (an `env.hcl` read with `read_terragrunt_config()`, the file itself).
 */
function builtInputs(file: ParsedFile, deployment: string, read: TextReader): Attribute[] {
  const rest = restOf(file);
  const written = rest ? attributeExpr(rest, 'inputs') : undefined;
  if (!written) return [];
  const value = terragruntValue(written, file.path, localsOf(file), deployment, read);
  if (value.kind !== 'object') return [];
  return [...value.items].map(([name, item]) => {
    const range = item.range;
    return writtenIn(makeAttribute(name, range, expressionOf(item), range), item.file);
  });
}

function writtenIn(attribute: Attribute, file: string): Attribute {
  writtenFile.set(attribute, file);
  return attribute;
}

/** A value as an expression: as written, or an object of its items. */
function expressionOf(value: TerragruntValue): Expression {
  if (value.kind === 'expr') return value.expr;
  if (value.expr) return value.expr;
  const items = [...value.items].map(([key, item]) => ({
    key: { kind: 'literal' as const, value: key, range: item.range },
    value: expressionOf(item),
  }));
  return { kind: 'object', items, range: value.range };
}

function localsOf(file: ParsedFile): Map<string, Expression> {
  const locals = new Map<string, Expression>();
  for (const block of file.blocks)
    if (block.type === 'locals') for (const local of block.attributes) locals.set(local.name, local.expr);
  return locals;
}

function attributeExpr(block: Block, name: string): Expression | undefined {
  return block.attributes.find((attribute) => attribute.name === name)?.expr;
}

function spanning(ranges: Range[]): Range {
  let { start, end } = ranges[0]!;
  for (const range of ranges) {
    if (range.start.offset < start.offset) start = range.start;
    if (range.end.offset > end.offset) end = range.end;
  }
  return { start, end };
}
