import { describe, expect, it } from 'vitest';
import { affectedModules, reachedConfiguration } from '../../src/terraform/affectedModules.js';
import {
  configurationLinks,
  fileReadingLinks,
  ModuleGraphBuilder,
  mayLinkConfigurations,
} from '../../src/terraform/configurationLinks.js';
import { parseTerraformFile } from '../../src/terraform/parseFile.js';

const links = (content: string, path = 'main.tf') => configurationLinks(parseTerraformFile({ path, content }));

const S3 = (key: string) => `terraform {\n  backend "s3" {\n    bucket = "state"\n    key    = "${key}"\n  }\n}\n`;
const READS = (config: string) => `data "terraform_remote_state" "n" {\n  backend = "s3"\n  config  = ${config}\n}\n`;

describe("a file's links: module calls, the state it keeps, the states it reads", () => {
  it('module sources stay as they are; markers never look like a local source', () => {
    const found = links(`module "a" {\n  source = "./a"\n}\n${S3('net')}${READS('{ bucket = "state", key = "net" }')}`);
    expect(found[0]).toBe('./a');
    expect(found).toHaveLength(3);
    expect(found.slice(1).some((link) => link.startsWith('./') || link.startsWith('../'))).toBe(false);
  });

  it.each([
    ['a module call', 'module "a" {\n  source = "./a"\n}\n', true],
    ['a backend', S3('k'), true],
    ['a remote state', READS('{}'), true],
    ['a backend in JSON', '{"terraform": {"backend": {"s3": {}}}}', true],
    ['a cloud block', 'terraform {\n  cloud {\n    organization = "acme"\n  }\n}\n', true],
    ['Terraform Cloud outputs', 'data "tfe_outputs" "n" {\n  organization = "acme"\n  workspace = "net"\n}\n', true],
    ['a backend pool, no backend', 'resource "azurerm_lb_backend_address_pool" "p" {\n  backend_port = 80\n}\n', false],
    ['neither', 'resource "aws_s3_bucket" "b" {}\n', false],
  ])('%s is scanned: %s', (_what, text, scanned) => {
    expect(mayLinkConfigurations(text, 'stack/main.tf')).toBe(scanned);
  });

  it('a terragrunt.hcl is always scanned: its source and remote state are written otherwise', () => {
    expect(mayLinkConfigurations('terraform {\n  source = "../x"\n}\n', 'live/terragrunt.hcl')).toBe(true);
  });

  it('a deployment with no terraform block of its own runs the module an included file names: it may call any module', () => {
    const deployment = 'include "envcommon" {\n  path = "../../_envcommon/x.hcl"\n}\ninputs = {\n  a = 1\n}\n';
    const graph = new ModuleGraphBuilder();
    graph.add('live/prod/x', links(deployment, 'live/prod/x/terragrunt.hcl'));
    graph.add('modules/x', []);
    graph.add('modules/y', []);
    expect([...(graph.graph().calls.get('live/prod/x') ?? [])].sort()).toEqual([
      '.',
      'live',
      'live/prod',
      'modules/x',
      'modules/y',
    ]);
  });

  it('a deployment that includes a parent links to every directory above it, where the parent may be', () => {
    const deployment =
      'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\nterraform {\n  source = "../../../modules/x"\n}\n';
    expect(links(deployment, 'live/prod/x/terragrunt.hcl')).toEqual([
      '../../../modules/x',
      '../',
      '../../',
      '../../../',
    ]);
    expect(links(deployment.slice(deployment.indexOf('terraform')), 'live/prod/x/terragrunt.hcl')).toEqual([
      '../../../modules/x',
    ]);
  });
});

describe('the module graph with the states roots read', () => {
  function graph(files: Record<string, string>) {
    const builder = new ModuleGraphBuilder();
    for (const [path, content] of Object.entries(files))
      builder.add(path.slice(0, path.lastIndexOf('/')), links(content, path));
    return builder.graph();
  }

  it('a reader reaches the root whose state it reads: a change there affects it, not the other roots', () => {
    const g = graph({
      'stacks/network/main.tf': S3('net'),
      'stacks/bastion/main.tf': READS('{ bucket = "state", key = "net" }'),
      'stacks/other/main.tf': S3('other'),
    });
    expect(g.stateReads).toEqual(new Map([['stacks/bastion', new Set(['stacks/network'])]]));
    expect([...affectedModules(['stacks/network/main.tf'], g)].sort()).toEqual(['stacks/bastion', 'stacks/network']);
    // a state read is no module call: the root read stays a root
    expect([...reachedConfiguration(['stacks/network/main.tf'], g).roots].sort()).toEqual([
      'stacks/bastion',
      'stacks/network',
      'stacks/other',
    ]);
  });

  it('a read whose location the file alone does not give (a variable, a local path) may be any root', () => {
    const g = graph({
      'stacks/network/main.tf': S3('net'),
      'stacks/other/main.tf': S3('other'),
      'stacks/bastion/main.tf': READS('{ bucket = var.bucket, key = "net" }'),
    });
    expect(g.stateReads?.get('stacks/bastion')).toEqual(new Set(['stacks/network', 'stacks/other']));
  });
});

describe('the module graph with the modules whose code reads files', () => {
  const POLICY = 'resource "aws_iam_policy" "p" {\n  policy = file("${path.module}/../../policies/p.json")\n}\n';
  const SCRIPT =
    'resource "terraform_data" "d" {\n  provisioner "local-exec" {\n    command = "bash ./deploy.sh"\n  }\n}\n';
  const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
  function graph(files: Record<string, string>) {
    const builder = new ModuleGraphBuilder();
    for (const [path, content] of Object.entries(files))
      builder.add(path.slice(0, path.lastIndexOf('/')) || '.', fileReadingLinks(content));
    return builder.graph();
  }

  it.each([
    ['a file function', POLICY, true],
    ['a provisioner', SCRIPT, true],
    ['a path reference', 'locals {\n  dir = path.module\n}\n', true],
    ['neither', BUCKET, false],
  ])('%s marks the module as reading files: %s', (_what, text, reads) => {
    expect(graph({ 'stacks/app/main.tf': text }).fileReaders?.has('stacks/app')).toBe(reads);
  });

  it.each([
    // a value file lies under the top root, whose own code reads none: the stack that reads files is affected too
    ['policies/p.json', ['.', 'stacks/app', 'stacks/vars']],
    // a workflow's TF_VAR_s may set any root's variables
    ['.github/workflows/deploy.yml', ['.', 'stacks/app', 'stacks/other', 'stacks/vars']],
    // a module's own files reach no reader but themselves; documentation reaches none
    ['stacks/other/main.tf', ['stacks/other']],
    // a var file reaches its own root, and the code that names a var file among the files it reads
    ['terraform.tfvars', ['.', 'stacks/vars']],
    ['shared/net.tfvars', ['.', 'stacks/vars']],
    ['docs/README.md', ['.']],
  ])('a change of %s affects %j', (path, affected) => {
    const g = graph({
      './main.tf': BUCKET,
      'stacks/app/main.tf': POLICY,
      'stacks/other/main.tf': BUCKET,
      'stacks/vars/main.tf': 'locals {\n  net = jsondecode(file("${path.module}/../../shared/net.tfvars.json"))\n}\n',
    });
    expect([...affectedModules([path], g)].sort()).toEqual(affected);
  });
});
