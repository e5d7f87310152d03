import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { bastionGroup, sshSecurityGroup } from '../support/terraformSamples.js';
import { summaryOf } from './support/policies.js';
import { type Scenario, type ScenarioFile, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent } from './support/webhooks.js';

/*
 * Through the app: a PR that changes only where a value is written is judged where it lands,
 * which needs the files the PR did not change.
 */

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** A policy that reads only objects of one bucket, and one that allows everything. */
const READ_POLICY = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}';
const ADMIN_POLICY = '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/** An IAM policy whose document is the file at `path` (from the module's directory). */
function policyReading(path: string): string {
  return `resource "aws_iam_policy" "deploy" {\n  name   = "deploy"\n  policy = file("\${path.module}/${path}")\n}\n`;
}

/** A policy file the PR widens from reading objects to every action. */
function widenedPolicy(path: string): ScenarioFile {
  return {
    path,
    status: 'modified',
    base: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    head: ADMIN_POLICY,
  };
}

/** The check run the app completes for a synchronize of the scenario's pull request. */
async function checkRunOf(s: Scenario) {
  const { probot, github } = await testApp(s);
  await probot.receive(pullRequestEvent('synchronize', s));
  return github.lastCheckRun();
}

/** The check run of a PR that edits one file, in a repository of `unchangedFiles` besides. */
function checkRunOfEdit(path: string, base: string, head: string, unchangedFiles: Scenario['unchangedFiles']) {
  return checkRunOf(
    scenario({ policy: 'version: 1\n', files: [{ path, status: 'modified', base, head }], unchangedFiles }),
  );
}

/** A critical check whose summary names every one of `mentions`. */
function expectCritical(run: Awaited<ReturnType<typeof checkRunOf>>, ...mentions: string[]): void {
  expect(run).toMatchObject({ output: { title: expect.stringMatching(/^Critical impact/) } });
  for (const mention of mentions) expect(summaryOf(run)).toContain(mention);
}

const GROUP = sshSecurityGroup();

/** A PR that widens what `path` sets `ssh_cidrs` to, from a private range to the world. */
function widenedSetter(path: string, content: (cidr: string) => string, unchangedFiles: Scenario['unchangedFiles']) {
  const files: ScenarioFile[] = [
    { path, status: 'modified', base: content('10.1.0.0/16'), head: content('0.0.0.0/0') },
  ];
  return scenario({ policy: 'version: 1\n', files, unchangedFiles });
}

/** A root at the top of the repository, which the change does not reach: what lies under it is its file. */
const TOP_ROOT = { path: 'main.tf', content: 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' };

describe('a value changed where it is written, judged where it lands', () => {
  it('one line of terraform.tfvars opening SSH to the world: critical, with the route, annotated on both lines', async () => {
    const s = scenario({
      policy: 'version: 1\n',
      files: [
        {
          path: 'envs/prod/terraform.tfvars',
          status: 'modified',
          base: 'ssh_cidrs = ["10.1.0.0/16"]\n',
          head: 'ssh_cidrs = ["0.0.0.0/0"]\n',
        },
      ],
      unchangedFiles: [
        { path: 'envs/prod/main.tf', content: GROUP },
        { path: 'envs/dev/main.tf', content: GROUP },
      ],
    });
    const run = await checkRunOf(s);
    expect(run).toMatchObject({
      conclusion: 'action_required',
      output: { title: expect.stringMatching(/^Critical impact/) },
    });
    expect(summaryOf(run)).toContain('network.aws.security-group-open-world');
    expect(summaryOf(run)).toContain(
      '↳ reached from envs/prod/terraform.tfvars:1 ssh\\_cidrs → var.ssh\\_cidrs → aws\\_security\\_group.bastion ingress\\[0\\].cidr\\_blocks',
    );
    const annotations = (run.output as { annotations: { path: string; start_line: number; title: string }[] })
      .annotations;
    expect(annotations.map((a) => [a.path, a.start_line])).toEqual(
      expect.arrayContaining([
        ['envs/prod/main.tf', 11],
        ['envs/prod/terraform.tfvars', 1],
      ]),
    );
  });

  it('a JSON policy outside every module, read with file("../../policies/…"), reaches the root that reads it', async () => {
    const root = policyReading('../../policies/deploy.json');
    const s = scenario({
      policy: 'version: 1\n',
      files: [widenedPolicy('policies/deploy.json')],
      unchangedFiles: [{ path: 'stacks/ci/main.tf', content: root }],
    });
    const run = await checkRunOf(s);
    expect(summaryOf(run)).toContain('identity.aws.wildcard-action');
    expect(run).toMatchObject({ conclusion: 'action_required' });
  });

  it('the same policy under a repository whose top directory is a root too (the file is that root’s): it still reaches the stack that reads it', async () => {
    const s = scenario({
      policy: 'version: 1\n',
      files: [widenedPolicy('policies/deploy.json')],
      unchangedFiles: [TOP_ROOT, { path: 'stacks/ci/main.tf', content: policyReading('../../policies/deploy.json') }],
    });
    const run = await checkRunOf(s);
    expect(summaryOf(run)).toContain('identity.aws.wildcard-action');
    expect(run).toMatchObject({
      conclusion: 'action_required',
      output: { title: expect.stringMatching(/^Critical impact/) },
    });
  });

  it('a module the PR changes, switched off by the root terraform.tfvars and on only by an unchanged var file under no module (envs/prod.tfvars): its instances are judged', async () => {
    const stack =
      'variable "enable_admin" {\n  type    = bool\n  default = false\n}\n\nmodule "admin" {\n  source = "../modules/admin"\n  count  = var.enable_admin ? 1 : 0\n}\n';
    const policy = (action: string) =>
      `resource "aws_iam_policy" "admin" {\n  name   = "ops"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "${action}", Resource = "*" }] })\n}\n`;
    const s = scenario({
      policy: 'version: 1\n',
      files: [{ path: 'modules/admin/main.tf', status: 'modified', base: policy('s3:GetObject'), head: policy('*') }],
      unchangedFiles: [
        { path: 'stack/main.tf', content: stack },
        { path: 'stack/terraform.tfvars', content: 'enable_admin = false\n' },
        { path: 'envs/prod.tfvars', content: 'enable_admin = true\n' },
      ],
    });
    const run = await checkRunOf(s);
    expect(run).toMatchObject({
      conclusion: 'action_required',
      output: { title: expect.stringMatching(/^Critical impact/) },
    });
    expect(summaryOf(run)).toContain('identity.aws.wildcard-action');
    expect(summaryOf(run)).toContain('with the values of envs/prod.tfvars');
  });

  it('code that now reads another unchanged file (file("admin.json") for file("readonly.json")): that file is read and matched', async () => {
    const iam = (name: string) =>
      `resource "aws_iam_policy" "p" {\n  name   = "ops"\n  policy = file("\${path.module}/${name}")\n}\n`;
    const s = scenario({
      policy: 'version: 1\n',
      files: [{ path: 'stack/iam.tf', status: 'modified', base: iam('readonly.json'), head: iam('admin.json') }],
      unchangedFiles: [
        {
          path: 'stack/readonly.json',
          content: READ_POLICY,
        },
        { path: 'stack/admin.json', content: ADMIN_POLICY },
      ],
    });
    const run = await checkRunOf(s);
    expect(run).toMatchObject({ output: { title: expect.stringMatching(/^Critical impact/) } });
    expect(summaryOf(run)).toContain('identity.aws.wildcard-action');
    // the files it reads are unchanged: no file change is reported for them
    expect(summaryOf(run)).not.toMatch(/admin\.json \(|readonly\.json \(/);
  });

  it('a policy kept in a .txt outside every module, read with file(), reaches the root that reads it', async () => {
    const root = policyReading('../../policies/deploy.txt');
    const s = scenario({
      policy: 'version: 1\n',
      files: [widenedPolicy('policies/deploy.txt')],
      unchangedFiles: [{ path: 'stacks/ci/main.tf', content: root }],
    });
    const run = await checkRunOf(s);
    expect(run).toMatchObject({ output: { title: expect.stringMatching(/^Critical impact/) } });
    expect(summaryOf(run)).toContain('identity.aws.wildcard-action');
  });

  describe('a file the change needs that is a symbolic link (Git mode 120000): blocked, naming the link', () => {
    const blocked = {
      conclusion: 'failure',
      output: { title: 'Blocked: a file this change needs is a symbolic link' },
    };

    it('a linked .tf in a module the change reaches', async () => {
      const s = scenario({
        policy: 'version: 1\n',
        files: [
          {
            path: 'stacks/a/main.tf',
            status: 'modified',
            base: 'locals {\n  a = 1\n}\n',
            head: 'locals {\n  a = 2\n}\n',
          },
        ],
        unchangedFiles: [
          { path: 'stacks/a/providers.tf', content: '../../shared/providers.tf', mode: '120000' },
          { path: 'shared/providers.tf', content: 'provider "aws" {\n  region = "eu-west-1"\n}\n' },
        ],
      });
      const run = await checkRunOf(s);
      expect(run).toMatchObject(blocked);
      expect(summaryOf(run)).toContain('stacks/a/providers.tf is a symbolic link to ../../shared/providers.tf');
    });

    it('a JSON policy behind a link, whose target the PR widens to "*"', async () => {
      const root = policyReading('policy.json');
      const s = scenario({
        policy: 'version: 1\n',
        files: [widenedPolicy('policies/deploy.json')],
        unchangedFiles: [
          { path: 'stacks/ci/main.tf', content: root },
          { path: 'stacks/ci/policy.json', content: '../../policies/deploy.json', mode: '120000' },
        ],
      });
      const run = await checkRunOf(s);
      expect(run).toMatchObject(blocked);
      expect(summaryOf(run)).toContain('stacks/ci/policy.json is a symbolic link');
    });

    it.each([
      ['turns a policy into a link to an admin policy', 'stacks/ci/policy.json', 'admin.json', 'stacks/ci/admin.json'],
      [
        'adds a link at the top of the repository, read by a root there',
        'policy.json',
        'policies/admin.json',
        'policies/admin.json',
      ],
    ])('a PR that %s (GitHub lists no mode: read from the head tree)', async (_case, link, target, targetPath) => {
      const root = link.includes('/') ? 'stacks/ci/main.tf' : 'main.tf';
      const s = scenario({
        policy: 'version: 1\n',
        files: [{ path: link, status: 'modified', base: READ_POLICY, head: target, headMode: '120000' }],
        unchangedFiles: [
          { path: root, content: policyReading('policy.json') },
          { path: targetPath, content: ADMIN_POLICY },
        ],
      });
      const run = await checkRunOf(s);
      expect(run).toMatchObject(blocked);
      expect(summaryOf(run)).toContain(`${link} is a symbolic link to ${target}`);
    });

    it.each([
      ['a one-line file that is no link: its directory listed, in one request', READ_POLICY, ADMIN_POLICY, 1],
      ['a file of several lines: never looked up, a link is one line', `${READ_POLICY}\n`, `${ADMIN_POLICY}\n`, 0],
    ])('%s; judged as usual', async (_case, base, head, lookups) => {
      const s = scenario({
        policy: 'version: 1\n',
        files: [{ path: 'stacks/ci/policy.json', status: 'modified', base, head }],
        unchangedFiles: [{ path: 'stacks/ci/main.tf', content: policyReading('policy.json') }],
      });
      const { probot, github } = await testApp(s);
      await probot.receive(pullRequestEvent('synchronize', s));
      expect(github.lastCheckRun()).toMatchObject({ output: { title: expect.stringMatching(/^Critical impact/) } });
      expect(github.requests.filter((r) => r.route === '/graphql FourEyesTreeModes')).toHaveLength(lookups);
    });
  });

  describe('an environment file or another CI system sets variables too (.envrc, .env, GitLab CI, Jenkins)', () => {
    it('an .envrc widened to open SSH to the world: critical, reached from its line', async () => {
      const envrc = (cidr: string) => `export TF_VAR_ssh_cidrs='["${cidr}"]'\n`;
      const s = widenedSetter('.envrc', envrc, [TOP_ROOT, { path: 'envs/prod/main.tf', content: GROUP }]);
      expectCritical(await checkRunOf(s), 'reached from .envrc:1 ssh\\_cidrs → var.ssh\\_cidrs');
    });

    it("a Makefile's -var widened to open SSH to the world: the changed Makefile is read, critical, reached from its line", async () => {
      const makefile = (cidr: string) => `apply:\n\tterraform -chdir=envs/prod apply -var 'ssh_cidrs=["${cidr}"]'\n`;
      const s = widenedSetter('Makefile', makefile, [TOP_ROOT, { path: 'envs/prod/main.tf', content: GROUP }]);
      expectCritical(await checkRunOf(s), 'reached from Makefile:2 ssh\\_cidrs → var.ssh\\_cidrs');
    });

    it('an unchanged .gitlab-ci.yml setting the variable judges a change of the code that now reads it: critical', async () => {
      const closed = GROUP.replace('cidr_blocks = var.ssh_cidrs', 'cidr_blocks = ["10.1.0.0/16"]');
      const s = scenario({
        policy: 'version: 1\n',
        files: [{ path: 'envs/prod/main.tf', status: 'modified', base: closed, head: GROUP }],
        unchangedFiles: [
          TOP_ROOT,
          {
            path: '.gitlab-ci.yml',
            content: `variables:\n  TF_VAR_ssh_cidrs: '["0.0.0.0/0"]'\napply:\n  script:\n    - terraform apply\n`,
          },
        ],
      });
      expectCritical(await checkRunOf(s), 'network.aws.security-group-open-world');
    });
  });

  describe("a workflow's TF_VAR_ environment variables set the variables of the roots it runs", () => {
    const deploy = (cidr: string) =>
      `on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    env:\n      TF_VAR_ssh_cidrs: '["${cidr}"]'\n    steps:\n      - run: terraform -chdir=envs/prod apply -auto-approve\n`;

    it('changed to open SSH to the world: critical, reached from the workflow line', async () => {
      const s = widenedSetter('.github/workflows/deploy.yml', deploy, [{ path: 'envs/prod/main.tf', content: GROUP }]);
      const run = await checkRunOf(s);
      expect(run).toMatchObject({ output: { title: expect.stringMatching(/^Critical impact/) } });
      expect(summaryOf(run)).toContain('reached from .github/workflows/deploy.yml:6 ssh\\_cidrs → var.ssh\\_cidrs');
    });

    it('changed, beside a root at the top of the repository (the workflow lies under it): still critical where the variable lands', async () => {
      const s = widenedSetter('.github/workflows/deploy.yml', deploy, [
        TOP_ROOT,
        { path: 'envs/prod/main.tf', content: GROUP },
      ]);
      expectCritical(await checkRunOf(s), 'network.aws.security-group-open-world');
    });

    it('unchanged, its values judge a change of the code: a rule that reads the variable is critical there', async () => {
      const closed = GROUP.replace('cidr_blocks = var.ssh_cidrs', 'cidr_blocks = ["10.1.0.0/16"]');
      const s = scenario({
        policy: 'version: 1\n',
        files: [{ path: 'envs/prod/main.tf', status: 'modified', base: closed, head: GROUP }],
        unchangedFiles: [{ path: '.github/workflows/deploy.yml', content: deploy('0.0.0.0/0') }],
      });
      expectCritical(await checkRunOf(s), 'network.aws.security-group-open-world');
    });

    it('unchanged, beside a root at the top of the repository the change does not reach: still read, still critical', async () => {
      const closed = GROUP.replace('cidr_blocks = var.ssh_cidrs', 'cidr_blocks = ["10.1.0.0/16"]');
      const s = scenario({
        policy: 'version: 1\n',
        files: [{ path: 'envs/prod/main.tf', status: 'modified', base: closed, head: GROUP }],
        unchangedFiles: [
          { path: '.github/workflows/deploy.yml', content: deploy('0.0.0.0/0') },
          { path: 'main.tf', content: 'locals {\n  region = "eu-west-1"\n}\n' },
        ],
      });
      expectCritical(await checkRunOf(s), 'network.aws.security-group-open-world');
    });
  });

  describe('a script an unchanged workflow runs, changed alone', () => {
    const deploy =
      'on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./scripts/apply.sh prod\n';
    const files: ScenarioFile[] = [
      {
        path: 'scripts/apply.sh',
        status: 'modified',
        base: 'terraform -chdir=envs/prod apply -auto-approve\n',
        head: 'terraform -chdir=envs/prod apply -auto-approve -var admin=true\n',
      },
    ];

    const composite =
      'name: apply\nruns:\n  using: composite\n  steps:\n    - run: ./scripts/apply.sh prod\n      shell: bash\n';

    it.each([
      ['a workflow', '.github/workflows/deploy.yml', deploy, 6],
      ['a composite action', '.github/actions/apply/action.yml', composite, 5],
    ])('run by %s: high, the check names the line that runs it', async (_name, pipeline, content, line) => {
      const s = scenario({
        policy: 'version: 1\n',
        files,
        unchangedFiles: [
          { path: pipeline, content },
          { path: 'main.tf', content: 'locals {\n  region = "eu-west-1"\n}\n' },
        ],
      });
      const run = await checkRunOf(s);
      expect(run).toMatchObject({
        conclusion: 'action_required',
        output: { title: expect.stringMatching(/^High impact/) },
      });
      expect(summaryOf(run)).toContain('ci-run-file');
      expect(summaryOf(run)).toContain(`${pipeline}:${line}`);
    });

    it("sourced by a script that the Makefile of a workflow's make runs: the unchanged Makefile and script are read, level by level", async () => {
      const lib: ScenarioFile = {
        path: 'scripts/lib/env.sh',
        status: 'modified',
        base: 'export TF_VAR_admin=false\n',
        head: 'export TF_VAR_admin=true\n',
      };
      const s = scenario({
        policy: 'version: 1\n',
        files: [lib],
        unchangedFiles: [
          { path: '.github/workflows/deploy.yml', content: deploy.replace('./scripts/apply.sh prod', 'make deploy') },
          { path: 'Makefile', content: 'deploy:\n\t./scripts/apply.sh prod\n' },
          { path: 'scripts/apply.sh', content: '#!/bin/bash\n. "$(dirname "$0")/lib/env.sh"\nterraform apply\n' },
          { path: 'main.tf', content: 'locals {\n  region = "eu-west-1"\n}\n' },
        ],
      });
      const run = await checkRunOf(s);
      expect(run).toMatchObject({ output: { title: expect.stringMatching(/^High impact/) } });
      expect(summaryOf(run)).toContain('ci-run-file');
      expect(summaryOf(run)).toContain('scripts/apply.sh:2');
    });

    it('is not singled out when no pipeline runs it', async () => {
      const s = scenario({ policy: 'version: 1\n', files, unchangedFiles: [{ path: 'main.tf', content: GROUP }] });
      expect(summaryOf(await checkRunOf(s))).not.toContain('ci-run-file');
    });
  });

  it('a module committed under node_modules, changed alone: high, its call judged as a remote one', async () => {
    const run = await checkRunOfEdit(
      'node_modules/@acme/tf-modules/iam/main.tf',
      'resource "aws_iam_user" "a" {\n  name = "a"\n}\n',
      'resource "aws_iam_user" "a" {\n  name = "admin"\n}\n',
      [{ path: 'main.tf', content: 'module "iam" {\n  source = "./node_modules/@acme/tf-modules/iam"\n}\n' }],
    );
    expect(run).toMatchObject({ output: { title: expect.stringMatching(/^High impact/) } });
    expect(summaryOf(run)).toContain('repository.git.committed-packages');
  });

  it('a Terragrunt input opening SSH to the world: the module it deploys is read, critical, with the route', async () => {
    const terragrunt = (cidr: string) =>
      `terraform {\n  source = "../../../modules/bastion"\n}\n\ninputs = {\n  ssh_cidrs = ["${cidr}"]\n}\n`;
    const run = await checkRunOfEdit(
      'live/prod/bastion/terragrunt.hcl',
      terragrunt('10.0.0.0/8'),
      terragrunt('0.0.0.0/0'),
      [{ path: 'modules/bastion/main.tf', content: GROUP }],
    );
    expectCritical(
      run,
      'network.aws.security-group-open-world',
      'module.terragrunt input ssh\\_cidrs (live/prod/bastion/terragrunt.hcl:6)',
    );
  });

  it('the root.hcl every deployment includes, opening SSH to the world in its inputs: the deployment is read, critical, with the route', async () => {
    const root = (cidr: string) => `inputs = {\n  ssh_cidrs = ["${cidr}"]\n}\n`;
    const deployment =
      'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n\nterraform {\n  source = "../../../modules/bastion"\n}\n';
    const run = await checkRunOfEdit('live/root.hcl', root('10.0.0.0/8'), root('0.0.0.0/0'), [
      { path: 'modules/bastion/main.tf', content: GROUP },
      { path: 'live/prod/bastion/terragrunt.hcl', content: deployment },
    ]);
    expectCritical(
      run,
      'network.aws.security-group-open-world',
      'module.terragrunt input ssh\\_cidrs (live/root.hcl:2)',
    );
  });

  it('an env.hcl that root.hcl gives every deployment below it (read_terragrunt_config), opening SSH to the world: critical, with the route', async () => {
    const root =
      'locals {\n  account_vars = read_terragrunt_config(find_in_parent_folders("account.hcl"))\n  env_vars     = read_terragrunt_config(find_in_parent_folders("env.hcl"))\n}\ninputs = merge(local.account_vars.locals, local.env_vars.locals)\n';
    const env = (cidr: string) => `locals {\n  environment = "prod"\n  ssh_cidrs   = ["${cidr}"]\n}\n`;
    const deployment =
      'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n\nterraform {\n  source = "../../../modules/bastion"\n}\n';
    const run = await checkRunOfEdit('live/prod/env.hcl', env('10.0.0.0/8'), env('0.0.0.0/0'), [
      { path: 'modules/bastion/main.tf', content: GROUP },
      { path: 'live/root.hcl', content: root },
      { path: 'live/account.hcl', content: 'locals {\n  account_name = "acme"\n}\n' },
      { path: 'live/prod/bastion/terragrunt.hcl', content: deployment },
    ]);
    expectCritical(
      run,
      'network.aws.security-group-open-world',
      'module.terragrunt input ssh\\_cidrs (live/prod/env.hcl:3)',
    );
  });

  it('a deployment with no terraform block, running the module _envcommon names, opening SSH: the module and _envcommon are read, critical', async () => {
    const deployment = (cidr: string) =>
      `include "envcommon" {\n  path = "../../_envcommon/bastion.hcl"\n}\n\ninputs = {\n  ssh_cidrs = ["${cidr}"]\n}\n`;
    const run = await checkRunOfEdit(
      'live/prod/bastion/terragrunt.hcl',
      deployment('10.0.0.0/8'),
      deployment('0.0.0.0/0'),
      [
        { path: 'modules/bastion/main.tf', content: GROUP },
        {
          path: 'live/_envcommon/bastion.hcl',
          content: 'terraform {\n  source = "${get_repo_root()}/modules/bastion"\n}\n',
        },
      ],
    );
    expectCritical(
      run,
      'network.aws.security-group-open-world',
      'module.terragrunt input ssh\\_cidrs (live/prod/bastion/terragrunt.hcl:6)',
    );
  });

  it("a Terragrunt deployment's input opened to the world reaches the deployment whose dependency reads it: critical", async () => {
    const network = (cidr: string) =>
      `terraform {\n  source = "../../../modules/network"\n}\n\ninputs = {\n  admin_cidrs = ["${cidr}"]\n}\n`;
    const bastion =
      'terraform {\n  source = "../../../modules/bastion"\n}\n\ndependency "network" {\n  config_path = "../network"\n}\n\ninputs = {\n  ssh_cidrs = dependency.network.outputs.admin_cidrs\n}\n';
    const run = await checkRunOfEdit('live/prod/network/terragrunt.hcl', network('10.0.0.0/8'), network('0.0.0.0/0'), [
      { path: 'modules/bastion/main.tf', content: GROUP },
      {
        path: 'modules/network/main.tf',
        content:
          'variable "admin_cidrs" {\n  type = list(string)\n}\noutput "admin_cidrs" {\n  value = var.admin_cidrs\n}\n',
      },
      { path: 'live/prod/bastion/terragrunt.hcl', content: bastion },
    ]);
    expectCritical(run, 'network.aws.security-group-open-world', 'data.terragrunt\\_dependency.network');
  });

  it("a root's output opened to the world reaches the root that reads its state (terraform_remote_state)", async () => {
    const network = (cidr: string) =>
      `terraform {\n  backend "s3" {\n    bucket = "acme-state"\n    key    = "network/terraform.tfstate"\n  }\n}\n\noutput "admin_cidrs" {\n  value = ["${cidr}"]\n}\n`;
    const bastion = `data "terraform_remote_state" "network" {\n  backend = "s3"\n  config = {\n    bucket = "acme-state"\n    key    = "network/terraform.tfstate"\n  }\n}\n\n${bastionGroup('data.terraform_remote_state.network.outputs.admin_cidrs')}`;
    const run = await checkRunOfEdit('stacks/network/main.tf', network('10.0.0.0/8'), network('0.0.0.0/0'), [
      { path: 'stacks/bastion/main.tf', content: bastion },
    ]);
    expectCritical(
      run,
      'network.aws.security-group-open-world',
      'data.terraform\\_remote\\_state.network (the state of stacks/network)',
    );
  });

  it('a root whose backend is completed at init (-backend-config) is found by its *.tfbackend file: critical where its output lands', async () => {
    const network = (cidr: string) =>
      `terraform {\n  backend "s3" {}\n}\n\noutput "admin_cidrs" {\n  value = ["${cidr}"]\n}\n`;
    const bastion = `data "terraform_remote_state" "network" {\n  backend = "s3"\n  config = {\n    bucket = "acme-state"\n    key    = "network/terraform.tfstate"\n  }\n}\n\n${bastionGroup('data.terraform_remote_state.network.outputs.admin_cidrs')}`;
    const run = await checkRunOfEdit('stacks/network/main.tf', network('10.0.0.0/8'), network('0.0.0.0/0'), [
      {
        path: 'stacks/network/prod.s3.tfbackend',
        content: 'bucket = "acme-state"\nkey    = "network/terraform.tfstate"\n',
      },
      { path: 'stacks/dns/main.tf', content: network('10.1.0.0/16') },
      { path: 'stacks/bastion/main.tf', content: bastion },
    ]);
    expectCritical(run, 'the state of stacks/network');
  });

  it('a submodule bumped to another commit (its code unread): high, naming the submodule', async () => {
    const old = 'a'.repeat(40);
    const next = 'b'.repeat(40);
    const s = scenario({
      policy: 'version: 1\n',
      files: [{ path: 'modules/admin', status: 'modified', base: old, head: next, submodule: true }],
      unchangedFiles: [{ path: 'stack/main.tf', content: 'module "admin" {\n  source = "../modules/admin"\n}\n' }],
    });
    const run = await checkRunOf(s);
    expect(run).toMatchObject({
      conclusion: 'action_required',
      output: { title: expect.stringMatching(/^High impact/) },
    });
    expect(summaryOf(run)).toContain('submodule-commit');
  });

  it('a policy file added where a fileset for_each reads: the unchanged ones are read too, the new "*" matched', async () => {
    const code =
      'resource "aws_iam_policy" "p" {\n  for_each = fileset(path.module, "policies/*.json")\n  name     = each.value\n  policy   = file("${path.module}/${each.value}")\n}\n';
    const s = scenario({
      policy: 'version: 1\n',
      files: [
        {
          path: 'stack/policies/admin.json',
          status: 'added',
          head: ADMIN_POLICY,
        },
      ],
      unchangedFiles: [
        { path: 'stack/main.tf', content: code },
        {
          path: 'stack/policies/read.json',
          content: READ_POLICY,
        },
      ],
    });
    const run = await checkRunOf(s);
    expect(run).toMatchObject({ output: { title: expect.stringMatching(/^Critical impact/) } });
    expect(summaryOf(run)).toContain('identity.aws.wildcard-action');
  });
});
