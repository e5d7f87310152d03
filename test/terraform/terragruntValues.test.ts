import { describe, expect, it } from 'vitest';
import type { Expression } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { expressionText } from '../../src/terraform/printer.js';
import { type TerragruntValue, terragruntValue } from '../../src/terraform/terragruntValues.js';

/** A Terragrunt file's `inputs`, worked out for a deployment, as `key: text @ file` lines. */
function inputsOf(
  text: string,
  files: Record<string, string>,
  deployment = 'live/prod/app/terragrunt.hcl',
): string[] | string {
  const parsed = parseHcl(text, 'live/root.hcl');
  const locals = new Map<string, Expression>();
  for (const block of parsed.blocks)
    if (block.type === 'locals') for (const local of block.attributes) locals.set(local.name, local.expr);
  const inputs = parsed.attributes.find((attribute) => attribute.name === 'inputs')!.expr;
  const value = terragruntValue(inputs, 'live/root.hcl', locals, deployment, (path) => files[path] ?? null);
  return value.kind === 'object' ? [...value.items].map(([key, item]) => `${key}: ${shown(item)}`) : 'not known';
}

function shown(value: TerragruntValue): string {
  return `${value.kind === 'expr' ? expressionText(value.expr) : 'object'} @ ${value.file}`;
}

const ENV =
  'locals {\n  environment = "prod"\n  region      = local.default_region\n  default_region = "eu-west-1"\n}\n';

describe("a Terragrunt configuration's inputs, worked out from the text for one deployment", () => {
  it.each<[string, string, Record<string, string>, string[] | string]>([
    [
      'written out, its locals put in place',
      'locals {\n  team = "ops"\n}\ninputs = {\n  team = local.team\n}\n',
      {},
      ['team: "ops" @ live/root.hcl'],
    ],
    [
      'merged from the locals of the env.hcl above the deployment, each written where it is',
      'locals {\n  env = read_terragrunt_config(find_in_parent_folders("env.hcl"))\n}\ninputs = merge(local.env.locals, { team = "ops" })\n',
      { 'live/prod/env.hcl': ENV, 'live/env.hcl': 'locals {\n  environment = "top"\n}\n' },
      [
        'environment: "prod" @ live/prod/env.hcl',
        'region: "eu-west-1" @ live/prod/env.hcl',
        'default_region: "eu-west-1" @ live/prod/env.hcl',
        'team: "ops" @ live/root.hcl',
      ],
    ],
    [
      'a later argument of merge wins',
      'inputs = merge({ a = 1, b = 1 }, { b = 2 })\n',
      {},
      ['a: 1 @ live/root.hcl', 'b: 2 @ live/root.hcl'],
    ],
    [
      "another file's inputs, read by a path relative to the deployment",
      'locals {\n  common = read_terragrunt_config("../../common.hcl")\n}\ninputs = local.common.inputs\n',
      { 'live/common.hcl': 'inputs = {\n  owner = "platform"\n}\n' },
      ['owner: "platform" @ live/common.hcl'],
    ],
    [
      'merged with a file the tree does not have: what the other arguments give',
      'locals {\n  env = read_terragrunt_config(find_in_parent_folders("env.hcl"))\n}\ninputs = merge(local.env.locals, { team = "ops" })\n',
      {},
      ['team: "ops" @ live/root.hcl'],
    ],
    [
      'not known: a merge of nothing whose keys are known',
      'inputs = merge(jsondecode(file("a.json")), local.missing)\n',
      {},
      'not known',
    ],
    [
      'not known: a function whose keys are not in the text',
      'inputs = jsondecode(file("inputs.json"))\n',
      {},
      'not known',
    ],
  ])('%s', (_case, text, files, expected) => {
    expect(inputsOf(text, files)).toEqual(expected);
  });
});
