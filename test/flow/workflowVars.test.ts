import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { contextsOf, varFileOwner } from '../../src/flow/rootContexts.js';
import type { VarFile } from '../../src/flow/varFiles.js';
import { readWorkflowVarFile } from '../../src/flow/workflowVars.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { FileChange } from '../../src/terraform/fileChanges.js';
import type { Files } from '../classify/catalog/support.js';
import { tree } from '../classify/catalog/support.js';

const PATH = '.github/workflows/deploy.yml';
const POSITION = { line: 1, column: 1, offset: 0 };
const RANGE = { start: POSITION, end: POSITION };

function assignmentsOf(content: string) {
  return readWorkflowVarFile({ path: PATH, content }).assignments.map(({ name, text, line }) => ({ name, text, line }));
}

describe("a workflow's TF_VAR_ environment variables, read as the values they give", () => {
  it('a -var in TF_CLI_ARGS or TF_CLI_ARGS_<command> (Terraform adds its words to the command line) sets the variable', () => {
    const workflow = [
      'on: push',
      'env:',
      `  TF_CLI_ARGS_apply: -var='ssh_cidrs=["0.0.0.0/0"]' -no-color`,
      'jobs:',
      '  apply:',
      '    runs-on: ubuntu-latest',
      '    env:',
      '      TF_CLI_ARGS: -var region=eu-west-1',
      '      TF_CLI_ARGS_plan: -parallelism=30',
      '    steps:',
      '      - run: terraform apply',
    ].join('\n');
    expect(assignmentsOf(workflow)).toEqual([
      { name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line: 3 },
      { name: 'region', text: '"eu-west-1"', line: 8 },
    ]);
  });

  it('of the workflow, a job and a step, each on its line; a list or map in HCL, anything else a string', () => {
    const workflow = [
      'on: push',
      'env:',
      '  TF_VAR_region: eu-west-1',
      '  AWS_REGION: eu-west-1',
      'jobs:',
      '  apply:',
      '    runs-on: ubuntu-latest',
      '    env:',
      `      TF_VAR_ssh_cidrs: '["0.0.0.0/0"]'`,
      '    steps:',
      '      - run: terraform apply',
      '        env:',
      '          TF_VAR_tags: "{ team = \\"ops\\" }"',
      '          TF_VAR_token: ${{ secrets.TOKEN }}',
      '          TF_VAR_count: 3',
    ].join('\n');
    // `TF_VAR_token: ${{ secrets.TOKEN }}`: known only when the workflow runs, so no value to judge
    expect(assignmentsOf(workflow)).toEqual([
      { name: 'region', text: '"eu-west-1"', line: 3 },
      { name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line: 9 },
      { name: 'tags', text: '{team = "ops"}', line: 13 },
      { name: 'count', text: '"3"', line: 15 },
    ]);
  });

  it("and the -var options of its steps' commands, each on its line", () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  apply:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - run: terraform apply -var 'ssh_cidrs=["0.0.0.0/0"]' -var-file=prod.tfvars`,
      '      - run: |',
      '          terraform init',
      '          terraform apply -var="region=eu-west-1" -var count=3 \\',
      '            -var "tags={ team = \\"ops\\" }"',
      `      - run: rover -var run='{id='"7"'}' -var-folder x -var folder=\${{ env.FOLDER }} -var b=1`,
    ].join('\n');
    expect(assignmentsOf(workflow)).toEqual([
      { name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line: 6 },
      { name: 'region', text: '"eu-west-1"', line: 9 },
      { name: 'count', text: '"3"', line: 9 },
      { name: 'tags', text: '{team = "ops"}', line: 10 },
      // quoted pieces joined as the shell joins them, then read as HCL
      { name: 'run', text: '{id = 7}', line: 11 },
      // `folder=${{ env.FOLDER }}`, one word as GitHub hands it to the shell, is skipped whole
      { name: 'b', text: '"1"', line: 11 },
    ]);
  });

  it.each([
    ['not valid YAML', 'jobs: [\n'],
    ['no TF_VAR_', 'on: push\nenv:\n  AWS_REGION: eu-west-1\n'],
    ['not a map', '- a\n- b\n'],
  ])('sets nothing when %s', (_case, content) => {
    expect(assignmentsOf(content)).toEqual([]);
  });
});

describe('a TF_VAR_ changed in a workflow, judged where the variable lands', () => {
  const stack = `variable "ssh_cidrs" {\n  type    = list(string)\n  default = ["10.0.0.0/8"]\n}\nresource "aws_security_group" "bastion" {\n  name = "bastion"\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = var.ssh_cidrs\n  }\n}\n`;
  const workflow = (env: string) =>
    `on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    env:\n${env}    steps:\n      - run: terraform -chdir=stack apply -auto-approve\n`;
  const files = (env: string): Files => ({ 'stack/main.tf': stack, [PATH]: workflow(env) });

  function classify(base: Files, head: Files) {
    return classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy());
  }

  it('SSH opened to the world: critical, with the route from the workflow line', () => {
    const result = classify(
      files(`      TF_VAR_ssh_cidrs: '["10.0.0.0/8"]'\n`),
      files(`      TF_VAR_ssh_cidrs: '["0.0.0.0/0"]'\n`),
    );
    const open = result.findings.find((finding) => finding.ruleId === 'network.aws.security-group-open-world');
    expect(open).toMatchObject({ tier: 'critical', address: 'aws_security_group.bastion' });
    expect(open?.via?.[0]).toContain('.github/workflows/deploy.yml:6 ssh_cidrs → var.ssh_cidrs');
  });

  it('a workflow change that sets no TF_VAR_: the workflow rule alone, no value said to be unreached', () => {
    const result = classify(files('      AWS_REGION: eu-west-1\n'), files('      AWS_REGION: us-east-1\n'));
    expect(result.findings.map((finding) => [finding.ruleId, finding.tier])).toEqual([
      ['repository.github.workflows', 'high'],
    ]);
  });
});

describe("the var-file contexts of a root, with a workflow's values among them", () => {
  it.each([
    ['unchanged', '"x"', false, 'after every var file'],
    ['changed elsewhere than its values', '"x"', true, 'after every var file'],
    ['changed in the values it sets', '"y"', true, 'first'],
  ])('a workflow %s comes %s among the contexts resolved', (_case, headValue, changed, _where) => {
    const varFile = (path: string, text = '"x"'): VarFile => ({
      path,
      autoLoaded: false,
      assignments: [
        { name: 'ssh_cidrs', expr: { kind: 'literal', value: 'x', range: RANGE }, text, file: path, line: 1 },
      ],
      diagnostics: [],
    });
    const tfvars = Array.from({ length: 9 }, (_, i) => varFile(`stack/env${i}.tfvars`));
    const base = [{ ...varFile(PATH), anyRoot: true as const }, ...tfvars];
    const head = [{ ...varFile(PATH, headValue), anyRoot: true as const }, ...tfvars];
    const owns = varFileOwner(new Set(['stack']), () => new Set(['ssh_cidrs']));
    const changes = changed ? [{ path: PATH } as FileChange] : [];
    const { contexts } = contextsOf('stack', 'stack', base, head, { base: owns, head: owns }, changes, {
      changed: 24,
      unchanged: 7,
    });
    const expected =
      headValue === '"y"' ? [PATH, ...tfvars.slice(0, 7).map((f) => f.path)] : tfvars.slice(0, 7).map((f) => f.path);
    expect(contexts.map((context) => context.file)).toEqual([null, ...expected]);
  });
});
