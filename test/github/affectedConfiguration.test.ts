import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as changeSet from '../../src/change/changeSet.js';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { createCaches } from '../../src/github/caches.js';
import { READ_LIMITS } from '../../src/github/readLimits.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';
import { blobsLookedUp } from './support/blobLookups.js';
import { gitBlobSha } from './support/fakeGitHub.js';
import { editOne, terraformRepository } from './support/repository.js';
import { BASE_SHA, IAM_BASE, IAM_HEAD, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent } from './support/webhooks.js';

// The trees the app hands the pure core, as it hands them.

function coreTrees(): { base: SourceTree; head: SourceTree } {
  const call = vi.mocked(buildChangeSet).mock.calls.at(-1);
  if (!call) throw new Error('the change set was not built');
  return { base: call[0], head: call[1] };
}

const paths = (tree: SourceTree) => tree.files.map((f) => f.path).sort();

// A spy on the module's export, not a module mock: this file shares its worker's modules, and the
// app's code may have imported the module before (braces: a hook that returns a function has it called as a cleanup).
beforeEach(() => {
  vi.spyOn(changeSet, 'buildChangeSet');
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const POLICY = 'version: 1\n';
const REPOSITORY = terraformRepository();
const TREE = `GET /repos/acme/infra/git/trees/${BASE_SHA}`;

describe('the configuration a change reaches', () => {
  it('one line of terraform.tfvars in a 300-file repository: the root and its modules reach the core, in 8 requests', async () => {
    const s = scenario({
      policy: POLICY,
      ...editOne(REPOSITORY, 'envs/r0/terraform.tfvars', () => 'cidr = "10.99.0.0/16"\n'),
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests()).toEqual([
      'GET /repos/acme/infra/contents/.github/four-eyes.yml',
      'POST /repos/acme/infra/check-runs',
      'GET /repos/acme/infra/pulls/42/files',
      TREE,
      'POST /graphql FourEyesPullRequest',
      'POST /graphql FourEyesBlobs',
      'POST /graphql FourEyesBlobs',
      'PATCH /repos/acme/infra/check-runs/1000',
    ]);
    // every configuration file once (283), the changed file's base (its head is made from it and GitHub's
    // patch), the other roots' tfvars (5), the workflow (its TF_VAR_s may set a root's variables); no README, no script
    const looked = blobsLookedUp(github.requests);
    expect(looked).toHaveLength(290);
    expect(new Set(looked).size).toBe(290);
    const { base, head } = coreTrees();
    const root = [
      'envs/r0/main.tf',
      'envs/r0/outputs.tf',
      'envs/r0/providers.tf',
      'envs/r0/terraform.tfvars',
      'envs/r0/variables.tf',
    ];
    expect(paths(head)).toEqual(paths(base));
    expect(paths(head).filter((p) => p.startsWith('envs/'))).toEqual(root);
    expect(new Set(paths(head).map((p) => p.split('/').slice(0, 2).join('/')))).toEqual(
      new Set(['envs/r0', 'modules/m0', 'modules/m1', 'modules/m2', 'modules/m3', '.github/workflows']),
    );
    // m0..m3: main.tf and nine parts each (their READMEs are no Terraform); the workflow
    expect(head.files).toHaveLength(5 + 4 * 10 + 1);
    expect(head.files.find((f) => f.path === 'envs/r0/terraform.tfvars')!.content).toBe('cidr = "10.99.0.0/16"\n');
    expect(github.lastCheckRun()).toMatchObject({ status: 'completed' });
  });

  it("a changed local module: its callers' directories are read, and what they call", async () => {
    const s = scenario({
      policy: POLICY,
      ...editOne(REPOSITORY, 'modules/m3/part1.tf', (c) => c.replace('"m3-1"', '"m3-one"')),
    });
    const { probot } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    const directories = new Set(paths(coreTrees().head).map((p) => p.split('/').slice(0, 2).join('/')));
    // m3 is called by m0 (nested), which r0 calls; r0 also calls m1 and m2; the workflow may set their variables
    expect(directories).toEqual(
      new Set(['envs/r0', 'modules/m0', 'modules/m1', 'modules/m2', 'modules/m3', '.github/workflows']),
    );
  });

  it('a changed JSON file read by file(): its content reaches the core, and its root is read', async () => {
    const policy = '{"Statement": [{"Effect": "Allow", "Action": "*"}]}\n';
    const s = scenario({ policy: POLICY, ...editOne(REPOSITORY, 'envs/r1/policies/admin.json', () => policy) });
    const { probot } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    const { base, head } = coreTrees();
    expect(head.files.find((f) => f.path === 'envs/r1/policies/admin.json')).toEqual({
      path: 'envs/r1/policies/admin.json',
      content: policy,
      blobSha: gitBlobSha(policy),
    });
    expect(base.files.find((f) => f.path === 'envs/r1/policies/admin.json')!.content).toContain('s3:GetObject');
    expect(paths(head)).toContain('envs/r1/policy.tf');
  });

  it('binary and oversized changed files keep a stand-in; the oversized base is not even looked up', async () => {
    const large = 'x'.repeat(READ_LIMITS.changedFileBytes + 1);
    const s = scenario({
      policy: POLICY,
      files: [
        { path: 'logo.png', status: 'modified', base: '\u0089PNG\u0000old', head: '\u0089PNG\u0000new' },
        { path: 'data/big.csv', status: 'modified', base: large, head: large + 'y' },
        { path: 'iam.tf', status: 'modified', base: IAM_BASE, head: IAM_HEAD },
      ],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(blobsLookedUp(github.requests)).not.toContain(gitBlobSha(large));
    expect(github.apiRequests().filter((r) => r.includes('/git/blobs/'))).toEqual([]);
    const { base, head } = coreTrees();
    expect(base.files.find((f) => f.path === 'logo.png')!.content).toBe('four-eyes:base:logo.png');
    expect(head.files.find((f) => f.path === 'logo.png')!.content).toBe(
      `four-eyes:head:${gitBlobSha('\u0089PNG\u0000new')}`,
    );
    expect(base.files.find((f) => f.path === 'data/big.csv')!.content).toBe('four-eyes:base:data/big.csv');
    expect(head.files.find((f) => f.path === 'data/big.csv')!.content).toBe(
      `four-eyes:head:${gitBlobSha(large + 'y')}`,
    );
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
  });

  it("a large Terraform file is read whole: GraphQL's truncated text is completed from the REST blob API", async () => {
    const big = IAM_HEAD + `# ${'padding '.repeat(80_000)}\n`;
    // GitHub gives no patch of a diff this large: the head is read.
    const s = scenario({
      policy: POLICY,
      files: [{ path: 'iam.tf', status: 'modified', base: IAM_BASE, head: big, patch: null }],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests()).toContain(`GET /repos/acme/infra/git/blobs/${gitBlobSha(big)}`);
    expect(coreTrees().head.files.find((f) => f.path === 'iam.tf')!.content).toBe(big);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
  });
});

describe('blobs are cached across evaluations', () => {
  it('a second PR on the same repository reads only its own changed file: 5 requests instead of 8', async () => {
    const caches = createCaches();
    const first = scenario({
      policy: POLICY,
      ...editOne(REPOSITORY, 'envs/r0/terraform.tfvars', () => 'cidr = "10.99.0.0/16"\n'),
    });
    const { probot, github } = await testApp(first, { caches });
    await probot.receive(pullRequestEvent('synchronize', first));
    expect(github.apiRequests()).toHaveLength(8);

    const second = scenario({
      policy: POLICY,
      number: 43,
      headSha: 'd'.repeat(40),
      ...editOne(REPOSITORY, 'envs/r2/terraform.tfvars', () => 'cidr = "10.98.0.0/16"\n'),
    });
    second.commits = [{ ...second.commits[0]!, oid: second.headSha }];
    github.scenario = second;
    github.requests.length = 0;
    await probot.receive(pullRequestEvent('synchronize', second));
    expect(github.apiRequests()).toEqual([
      'POST /repos/acme/infra/check-runs',
      'GET /repos/acme/infra/pulls/43/files',
      TREE,
      'POST /graphql FourEyesPullRequest',
      'PATCH /repos/acme/infra/check-runs/1001',
    ]);
    // nothing: the new head is made from its base, read with the first PR, and GitHub's patch
    expect(blobsLookedUp(github.requests)).toEqual([]);
    expect(paths(coreTrees().head).filter((p) => p.startsWith('envs/'))).toEqual([
      'envs/r2/main.tf',
      'envs/r2/outputs.tf',
      'envs/r2/providers.tf',
      'envs/r2/terraform.tfvars',
      'envs/r2/variables.tf',
    ]);
  });
});

describe('what cannot be read whole fails closed', () => {
  it('a repository tree GitHub truncates: the check fails, says why and what to do', async () => {
    const s = scenario({ policy: POLICY, treeTruncated: true });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests()).not.toContain('POST /graphql FourEyesPullRequest');
    const body = github.lastCheckRun();
    expect(body).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Blocked: this pull request is too large for Four Eyes to read' },
    });
    const summary = (body.output as { summary: string }).summary;
    expect(summary).toContain('file tree at bbbbbbb is too large for GitHub to list in one response');
    expect(summary).toContain('**What to do:** Move files that are not configuration');
  });

  it(`more than ${READ_LIMITS.terraformFiles} Terraform files: the check names the limit, nothing is downloaded`, async () => {
    const many = Array.from({ length: READ_LIMITS.terraformFiles }, (_, i) => ({
      path: `stacks/s${i % 50}/f${i}.tf`,
      content: `locals {\n  n = ${i}\n}\n`,
    }));
    const s = scenario({ policy: POLICY, unchangedFiles: many });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(blobsLookedUp(github.requests)).toEqual([]);
    const summary = (github.lastCheckRun().output as { summary: string }).summary;
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(summary).toContain('the repository holds 5,002 Terraform files');
    expect(summary).toContain('Four Eyes reads at most 5,000 files and 25.0 MB per evaluation');
  });
});
