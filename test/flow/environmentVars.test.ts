import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { readEnvironmentVarFile } from '../../src/flow/environmentVars.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { isEnvironmentVariablesPath, isVariablesPath } from '../../src/terraform/configurationFiles.js';
import type { Files } from '../classify/catalog/support.js';
import { tree } from '../classify/catalog/support.js';
import { sshSecurityGroup } from '../support/terraformSamples.js';

function assignmentsOf(path: string, lines: string[]) {
  return readEnvironmentVarFile({ path, content: lines.join('\n') }).assignments.map(({ name, text, line }) => ({
    name,
    text,
    line,
  }));
}

describe('files that set Terraform variables through the environment, by path', () => {
  it.each([
    ['.envrc', true],
    ['stacks/prod/.envrc', true],
    ['.env', true],
    ['.env.prod', true],
    ['config/prod.env', true],
    ['.gitlab-ci.yml', true],
    ['.gitlab/ci/deploy.yml', true],
    ['Jenkinsfile', true],
    ['.circleci/config.yml', true],
    ['azure-pipelines.yml', true],
    ['atlantis.yaml', true],
    ['.github/workflows/deploy.yml', true],
    ['env', false],
    ['.environment', false],
    ['docs/setup.md', false],
    ['scripts/env.sh', false],
  ])('%s: %s', (path, sets) => {
    expect(isEnvironmentVariablesPath(path)).toBe(sets);
    expect(isVariablesPath(path)).toBe(sets);
  });
});

describe('the values an environment file or a pipeline gives, each on its line', () => {
  it("direnv's .envrc is shell: export, quotes removed as the shell removes them, a list in HCL", () => {
    expect(
      assignmentsOf('.envrc', [
        '# the bastion',
        `export TF_VAR_ssh_cidrs='["0.0.0.0/0"]'`,
        'export TF_VAR_region=eu-west-1',
        'TF_VAR_team="ops"',
        'export AWS_PROFILE=prod',
      ]),
    ).toEqual([
      { name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line: 2 },
      { name: 'region', text: '"eu-west-1"', line: 3 },
      { name: 'team', text: '"ops"', line: 4 },
    ]);
  });

  it('a .env is read as dotenv loaders read it: the rest of the line, quotes around all of it removed', () => {
    expect(
      assignmentsOf('stacks/app/.env', [
        'TF_VAR_ssh_cidrs=["0.0.0.0/0"]',
        "TF_VAR_name='bastion host'",
        '# TF_VAR_x=1',
      ]),
    ).toEqual([
      { name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line: 1 },
      { name: 'name', text: '"bastion host"', line: 2 },
    ]);
  });

  it('a value the shell fills in is kept as its text in an environment file, which no rule judges as a file', () => {
    expect(
      assignmentsOf('.envrc', [
        'export TF_VAR_ssh_cidrs="$CIDRS"',
        'export TF_VAR_token=$(vault read x)',
        'TF_VAR_a=${A}',
      ]),
    ).toEqual([
      { name: 'ssh_cidrs', text: '"$CIDRS"', line: 1 },
      { name: 'token', text: '"$(vault"', line: 2 },
      { name: 'a', text: '"$${A}"', line: 3 },
    ]);
  });

  it('a value the CI system fills in sets nothing in a pipeline (its change is judged by the pipeline rule)', () => {
    expect(assignmentsOf('.gitlab-ci.yml', ['variables:', '  TF_VAR_ssh_cidrs: $CIDRS'])).toEqual([]);
  });

  it("GitLab's variables, at the top, in a job and as { value: … }, and the -var and export TF_VAR_ of its scripts", () => {
    expect(
      assignmentsOf('.gitlab-ci.yml', [
        'variables:',
        `  TF_VAR_ssh_cidrs: '["0.0.0.0/0"]'`,
        '  TF_VAR_token: $VAULT_TOKEN',
        'apply:',
        '  variables:',
        '    TF_VAR_region:',
        '      value: eu-west-1',
        '      description: where',
        '  script:',
        '    - export TF_VAR_admin=true',
        `    - terraform apply -var 'instance_type=t3.large' -auto-approve`,
      ]),
    ).toEqual([
      { name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line: 2 },
      { name: 'region', text: '"eu-west-1"', line: 6 },
      { name: 'admin', text: '"true"', line: 10 },
      { name: 'instance_type', text: '"t3.large"', line: 11 },
    ]);
  });

  it("Azure Pipelines' variables, as a map and as - name / value items", () => {
    expect(
      assignmentsOf('azure-pipelines.yml', [
        'variables:',
        '- name: TF_VAR_ssh_cidrs',
        `  value: '["0.0.0.0/0"]'`,
        '- name: buildConfiguration',
        '  value: release',
        'stages:',
        '- stage: apply',
        '  variables:',
        '    TF_VAR_region: eu-west-1',
      ]),
    ).toEqual([
      { name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line: 3 },
      { name: 'region', text: '"eu-west-1"', line: 9 },
    ]);
  });

  it("a Jenkinsfile's environment block (strings written out) and the -var options of its sh steps", () => {
    expect(
      assignmentsOf('Jenkinsfile', [
        'pipeline {',
        '  environment {',
        `    TF_VAR_ssh_cidrs = '["0.0.0.0/0"]'`,
        "    TF_VAR_token = credentials('token')",
        '  }',
        '  stages {',
        "    stage('apply') { steps { sh 'terraform apply -var region=eu-west-1' } }",
        '  }',
        '}',
      ]),
    ).toEqual([
      { name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line: 3 },
      { name: 'region', text: '"eu-west-1"', line: 7 },
    ]);
  });

  it.each<[string, string[], number]>([
    ['.envrc', [`export TF_CLI_ARGS_apply="-var='ssh_cidrs=[\\"0.0.0.0/0\\"]'"`], 1],
    ['.gitlab-ci.yml', ['variables:', `  TF_CLI_ARGS_plan: -var='ssh_cidrs=["0.0.0.0/0"]' -no-color`], 2],
  ])('%s: a -var in TF_CLI_ARGS (Terraform adds its words to every command) sets the variable', (path, lines, line) => {
    expect(assignmentsOf(path, lines)).toEqual([{ name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line }]);
  });

  it("Atlantis' extra_args: -var and its value as two items of a list, or one", () => {
    expect(
      assignmentsOf('atlantis.yaml', [
        'version: 3',
        'workflows:',
        '  prod:',
        '    plan:',
        '      steps:',
        '        - init',
        '        - plan:',
        `            extra_args: ["-var", 'ssh_cidrs=["0.0.0.0/0"]', "-var=region=eu-west-1", "-lock=false"]`,
      ]),
    ).toEqual([
      { name: 'region', text: '"eu-west-1"', line: 8 },
      { name: 'ssh_cidrs', text: '["0.0.0.0/0"]', line: 8 },
    ]);
  });

  it('a file that sets no variable gives none (quiet guard)', () => {
    expect(assignmentsOf('.env', ['AWS_REGION=eu-west-1', 'PORT=8080'])).toEqual([]);
    expect(assignmentsOf('.gitlab-ci.yml', ['test:', '  script:', '    - npm test'])).toEqual([]);
  });
});

describe('a variable set through the environment is judged where it lands', () => {
  function classify(base: Files, head: Files) {
    return classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy());
  }
  // a bastion group whose SSH ingress reads var.ssh_cidrs, by default ["10.0.0.0/8"]
  const stack = (extra: Files) => ({ 'stacks/app/main.tf': sshSecurityGroup(['10.0.0.0/8']), ...extra });

  it.each<[string, string, (cidr: string) => string]>([
    ['.envrc', '.envrc', (cidr) => `export TF_VAR_ssh_cidrs='["${cidr}"]'\n`],
    ['a .env beside the stack', 'stacks/app/.env', (cidr) => `TF_VAR_ssh_cidrs=["${cidr}"]\n`],
    [
      'GitLab CI',
      '.gitlab-ci.yml',
      (cidr) => `variables:\n  TF_VAR_ssh_cidrs: '["${cidr}"]'\napply:\n  script:\n    - terraform apply\n`,
    ],
    [
      'a Jenkinsfile',
      'Jenkinsfile',
      (cidr) => `pipeline {\n  environment {\n    TF_VAR_ssh_cidrs = '["${cidr}"]'\n  }\n}\n`,
    ],
  ])(
    '%s opening SSH to the world: critical, reached from its line (before: none, or the pipeline rule alone)',
    (_name, path, file) => {
      const result = classify(stack({ [path]: file('10.1.0.0/16') }), stack({ [path]: file('0.0.0.0/0') }));
      expect(result.tier).toBe('critical');
      const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
      expect(open?.via?.some((trace) => trace.startsWith(`${path}:`) && trace.includes('var.ssh_cidrs'))).toBe(true);
    },
  );

  it('an .envrc whose value turns into one the shell fills in ($(curl …)) is a change where the variable lands, not none', () => {
    const result = classify(
      stack({ '.envrc': `export TF_VAR_ssh_cidrs='["10.0.0.0/8"]'\n` }),
      stack({ '.envrc': 'export TF_VAR_ssh_cidrs="$(curl -s https://example.com/cidrs)"\n' }),
    );
    const group = result.findings.find((f) => f.ruleId === 'network.aws.security-group');
    expect(group?.tier).toBe('high');
    expect(group?.via?.some((trace) => trace.startsWith('.envrc:1 ssh_cidrs'))).toBe(true);
  });

  it('an unchanged .envrc judges a change of the code: rewired to the variable it sets, critical', () => {
    const envrc = { '.envrc': `export TF_VAR_ssh_cidrs='["0.0.0.0/0"]'\n` };
    const literal = stack(envrc);
    literal['stacks/app/main.tf'] = literal['stacks/app/main.tf']!.replace(
      'cidr_blocks = var.ssh_cidrs',
      'cidr_blocks = ["10.0.0.0/8"]',
    );
    expect(literal['stacks/app/main.tf']).not.toContain('var.ssh_cidrs');
    const result = classify(literal, stack(envrc));
    expect(result.tier).toBe('critical');
    expect(result.findings.map((f) => f.ruleId)).toContain('network.aws.security-group-open-world');
  });

  it('a .env setting a variable no root declares is an unreached value at the default tier; one setting none is no change (quiet guards)', () => {
    expect(
      classify(stack({ '.env': 'TF_VAR_other=["a"]\n' }), stack({ '.env': 'TF_VAR_other=["b"]\n' })).findings.map(
        (f) => [f.tier, f.address, f.ruleId],
      ),
    ).toEqual([['low', '.env', 'unreached-value']]);
    expect(classify(stack({ '.env': 'PORT=1\n' }), stack({ '.env': 'PORT=2\n' })).findings).toEqual([]);
  });

  it('a .env a workflow sources is still a file CI reads (ci-run-file, high), whatever it sets', () => {
    const workflow =
      'on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          set -a; . ./.env; set +a\n          terraform apply -auto-approve\n';
    const files = (role: string) =>
      stack({ '.github/workflows/deploy.yml': workflow, '.env': `AWS_ROLE_ARN=${role}\n` });
    const result = classify(files('arn:aws:iam::1:role/deploy'), files('arn:aws:iam::2:role/admin'));
    expect(result.findings.map((f) => [f.tier, f.address, f.ruleId])).toEqual([['high', '.env', 'ci-run-file']]);
  });
});
