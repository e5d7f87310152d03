import { makeAttribute } from './attribute.js';
import { cliValue } from './cliValue.js';
import type { Attribute, Block, Expression, ParsedFile, Range } from './model.js';
import { baseName, moduleDirectory } from './modulePaths.js';
import { objectKeyText } from './objectKeys.js';
import { parseHcl } from './parser.js';
import { upToTop } from './terragruntPaths.js';

/**
 * Terragrunt runs Terraform on a module (`terraform { source = "../../modules/bastion" }`) with
 * the values of `inputs = { … }`, keeping state where `remote_state` says. Four Eyes reads a
 * `terragrunt.hcl` as the root Terraform configuration it amounts to, so a value changed there
 * is judged where it lands in the module, like a module call's input:
 *
 * - `terraform { source }` and `inputs` become `module "terragrunt" { source = …; <input> = … }`
 *   (a local source, relative to the file, is followed into the module like any local module);
 * - `locals` stay as they are (Terraform's semantics are the same);
 * - `remote_state { backend = "s3"  config = { … } }` becomes `terraform { backend "s3" { … } }`;
 * - `dependency "vpc" { config_path = "../vpc" }` becomes `data "terragrunt_dependency" "vpc"`
 *   too, so `dependency.vpc.outputs.x` in an input is the output of the deployment there;
 * - everything else (hooks and extra arguments, `generate`, `include`, `dependency`, `iam_role`,
 *   and inputs that are not written out as an object) is kept in one object,
 *   `terragrunt_configuration.this`, which the catalog rates as the run's control.
 */

/**
 * The file Terragrunt reads in each deployment's directory, and `root.hcl`, the name Terragrunt
 * gives the configuration every deployment includes (where `remote_state` and `generate` live).
 */
export function isTerragruntPath(path: string): boolean {
  const name = baseName(path);
  return name === 'terragrunt.hcl' || name === 'root.hcl';
}

/** The name of the module call a `terragrunt.hcl` amounts to. */
export const TERRAGRUNT_CALL = 'terragrunt';
/**
 * The type of the data source a `dependency "vpc" { config_path = "../vpc" }` block amounts to:
 * `dependency.vpc.outputs` reads the outputs of the deployment in `../vpc`, as
 * `data.terraform_remote_state` reads another root's.
 */
export const TERRAGRUNT_DEPENDENCY = 'terragrunt_dependency';
/** The type of the object holding the rest of a `terragrunt.hcl`. */
export const TERRAGRUNT_CONFIGURATION = 'terragrunt_configuration';

export function parseTerragrunt(content: string, path: string): ParsedFile {
  const raw = parseHcl(content, path);
  const blocks: Block[] = [];
  const rest: Body = { attributes: [], blocks: [] };
  const inputs = raw.attributes.find((attribute) => attribute.name === 'inputs');
  const inputAttributes = inputs ? attributesOf(inputs.expr) : [];
  for (const attribute of raw.attributes) {
    if (attribute !== inputs || inputAttributes === null) rest.attributes.push(attribute);
  }
  const extraArguments = raw.blocks
    .filter((block) => block.type === 'terraform')
    .flatMap((block) => block.blocks.filter((nested) => nested.type === 'extra_arguments'));
  for (const block of raw.blocks) {
    if (block.type === 'locals') blocks.push(block);
    else if (block.type === 'terraform') {
      const call = moduleCall(block, inputAttributes ?? [], extraArguments, path);
      if (call) blocks.push(call);
      const other = withoutSource(block);
      if (other) rest.blocks.push(other);
    } else if (block.type === 'remote_state') {
      const backend = backendOf(block);
      if (backend) blocks.push(backend);
      else rest.blocks.push(block);
    } else {
      // A dependency is also a reader of the other deployment's outputs (flow/remoteState.ts).
      const reader = dependencyReader(block);
      if (reader) blocks.push(reader);
      rest.blocks.push(block);
    }
  }
  if (!raw.blocks.some((block) => block.type === 'terraform' && sourceOf(block)) && inputs && inputAttributes) {
    // No module to give them to (a parent configuration that others include): kept as written.
    rest.attributes.push(inputs);
  }
  if (rest.attributes.length > 0 || rest.blocks.length > 0) {
    const anchor = raw.blocks[0]?.range ?? raw.attributes[0]!.range;
    blocks.push(block('resource', [TERRAGRUNT_CONFIGURATION, 'this'], anchor, rest));
  }
  return { path, syntax: 'hcl', attributes: [], blocks, diagnostics: raw.diagnostics };
}

interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

function block(type: string, labels: string[], range: Range, body: Body): Block {
  return { type, labels, range, typeRange: range, labelRanges: labels.map(() => range), ...body };
}

function sourceOf(block: Block): Attribute | undefined {
  return block.attributes.find((attribute) => attribute.name === 'source');
}

/** `module "terragrunt"` with the source and one argument per input; null without a source. */
function moduleCall(terraform: Block, inputs: Attribute[], extraArguments: Block[], path: string): Block | null {
  const source = sourceOf(terraform);
  if (!source) return null;
  const written = sourceText(source.expr, moduleDirectory(path));
  const expr: Expression =
    written === null ? source.expr : { kind: 'literal', value: moduleSource(written), range: source.expr.range };
  const sourceAttribute = makeAttribute('source', source.nameRange, expr, source.range);
  // A -var on the command line wins over the inputs, which Terragrunt passes as TF_VAR_s.
  const options = extraVarOptions(extraArguments, path);
  const given = [...inputs.filter((input) => !options.some((option) => option.name === input.name)), ...options];
  return block('module', [TERRAGRUNT_CALL], terraform.range, { attributes: [sourceAttribute, ...given], blocks: [] });
}

/**
 * The `-var name=value` options of the terraform blocks' `extra_arguments` (`arguments = ["-var",
 * "ssh_cidrs=[\"0.0.0.0/0\"]"]`, or `"-var=name=value"`), each an argument of the module call,
 * its value read as Terraform reads a `-var`'s: a list or map in HCL, anything else the string.
 * Whichever commands they are given for: a plan made with them may be the one applied.
 */
function extraVarOptions(extraArguments: Block[], path: string): Attribute[] {
  const options: Attribute[] = [];
  for (const extra of extraArguments) {
    const list = extra.attributes.find((attribute) => attribute.name === 'arguments')?.expr;
    if (list?.kind !== 'tuple') continue;
    const words = list.items.map((item) => ({ text: literalText(item), range: item.range }));
    for (const [index, word] of words.entries()) {
      const inline = /^--?var=(.*)$/s.exec(word.text ?? '')?.[1];
      const option = inline ?? (/^--?var$/.test(word.text ?? '') ? words[index + 1] : undefined)?.text;
      const equals = option?.indexOf('=') ?? -1;
      if (option === undefined || option === null || equals <= 0) continue;
      const range = inline === undefined ? words[index + 1]!.range : word.range;
      options.push(
        makeAttribute(option.slice(0, equals), range, cliValue(option.slice(equals + 1), range, path), range),
      );
    }
  }
  return options;
}

/** A string written out (a literal, or a template without interpolations); null for anything else. */
export function literalText(expr: Expression): string | null {
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : null;
  if (expr.kind === 'template' && expr.parts.every((part) => part.kind === 'text'))
    return expr.parts.map((part) => (part.kind === 'text' ? part.value : '')).join('');
  return null;
}

/** The terraform block without its source; null when nothing else is in it. */
function withoutSource(terraform: Block): Block | null {
  const attributes = terraform.attributes.filter((attribute) => attribute.name !== 'source');
  if (attributes.length === 0 && terraform.blocks.length === 0) return null;
  return { ...terraform, attributes };
}

/** `inputs = { a = 1, b = var }` as attributes `a` and `b`; null when not an object written out. */
function attributesOf(expr: Expression): Attribute[] | null {
  if (expr.kind !== 'object') return null;
  const attributes: Attribute[] = [];
  for (const item of expr.items) {
    const name = objectKeyText(item.key);
    if (name === null) return null;
    const range = { start: item.key.range.start, end: item.value.range.end };
    attributes.push(makeAttribute(name, item.key.range, item.value, range));
  }
  return attributes;
}

/**
 * The source as text, with Terragrunt's functions for where the file is replaced by paths
 * relative to it (`${get_terragrunt_dir()}/../modules/x`, `${get_repo_root()}/modules/x`); null
 * when it reads anything else.
 */
function sourceText(expr: Expression, directory: string): string | null {
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : null;
  if (expr.kind !== 'template') return null;
  let out = '';
  for (const part of expr.parts) {
    if (part.kind === 'text') out += part.value;
    else if (part.kind === 'interpolation' && part.expr.kind === 'call' && part.expr.args.length === 0) {
      if (part.expr.name === 'get_terragrunt_dir') out += '.';
      else if (part.expr.name === 'get_repo_root') out += upToTop(directory);
      else return null;
    } else return null;
  }
  return out;
}

/**
 * A local source as Terraform writes one (`./x`, `../x`), Terragrunt's `//` (the directory to
 * copy, then the module inside it) read as one path; any other source as written.
 */
function moduleSource(source: string): string {
  if (source.includes('::') || source.includes('://') || source.startsWith('/')) return source;
  const path = source.replace(/\/\/+/g, '/');
  return path.startsWith('./') || path.startsWith('../') ? path : `./${path}`;
}

/** `dependency "vpc" { config_path = … }` as `data "terragrunt_dependency" "vpc" { config_path = … }`; null without a path. */
function dependencyReader(dependency: Block): Block | null {
  if (dependency.type !== 'dependency' || dependency.labels.length !== 1) return null;
  const path = dependency.attributes.find((attribute) => attribute.name === 'config_path');
  if (!path) return null;
  return block('data', [TERRAGRUNT_DEPENDENCY, dependency.labels[0]!], dependency.range, {
    attributes: [path],
    blocks: [],
  });
}

/** `remote_state { backend = "s3"  config = { … } }` as `terraform { backend "s3" { … } }`; null when not written out. */
function backendOf(remoteState: Block): Block | null {
  const backend = remoteState.attributes.find((attribute) => attribute.name === 'backend');
  const config = remoteState.attributes.find((attribute) => attribute.name === 'config');
  if (backend?.expr.kind !== 'literal' || typeof backend.expr.value !== 'string') return null;
  const attributes = config ? attributesOf(config.expr) : [];
  if (attributes === null) return null;
  const inner = block('backend', [backend.expr.value], remoteState.range, { attributes, blocks: [] });
  return block('terraform', [], remoteState.range, { attributes: [], blocks: [inner] });
}
