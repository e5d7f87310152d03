import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';

function tree(files: Record<string, string>): SourceTree {
  return { files: Object.entries(files).map(([path, content]) => ({ path, content })) };
}

const DEPLOY = '.github/workflows/deploy.yml';

/** A workflow with one job whose steps are `steps` (YAML, indented for the list). */
function workflow(steps: string, job = ''): string {
  return `on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n${job}    steps:\n      - uses: actions/checkout@v4\n${steps}`;
}

interface Case {
  name: string;
  /** files of both sides, unchanged */
  unchanged: Record<string, string>;
  /** the changed file: its path, at both sides with other content */
  changed: string;
  /** what the finding says runs it, or null when nothing does */
  runBy: { by: string; line: number; word: string } | null;
}

const cases: Case[] = [
  {
    name: "a workflow step's script",
    unchanged: { [DEPLOY]: workflow('      - run: ./scripts/apply.sh\n') },
    changed: 'scripts/apply.sh',
    runBy: { by: DEPLOY, line: 7, word: './scripts/apply.sh' },
  },
  {
    name: 'a script named in a block scalar, after an interpreter',
    unchanged: { [DEPLOY]: workflow('      - run: |\n          set -e\n          python3 ci/deploy.py --env prod\n') },
    changed: 'ci/deploy.py',
    runBy: { by: DEPLOY, line: 8, word: 'ci/deploy.py' },
  },
  {
    name: "a script in the step's working directory",
    unchanged: { [DEPLOY]: workflow('      - run: bash deploy.sh\n        working-directory: infra/prod\n') },
    changed: 'infra/prod/deploy.sh',
    runBy: { by: DEPLOY, line: 7, word: 'deploy.sh' },
  },
  {
    name: "a script in the job's default working directory",
    unchanged: {
      [DEPLOY]: workflow('      - run: ./apply.sh\n', '    defaults:\n      run:\n        working-directory: ops\n'),
    },
    changed: 'ops/apply.sh',
    runBy: { by: DEPLOY, line: 10, word: './apply.sh' },
  },
  {
    name: 'a script after a cd',
    unchanged: { [DEPLOY]: workflow('      - run: cd tools && sh ./release.sh\n') },
    changed: 'tools/release.sh',
    runBy: { by: DEPLOY, line: 7, word: './release.sh' },
  },
  {
    name: "a script under the workspace's path",
    unchanged: { [DEPLOY]: workflow('      - run: "${{ github.workspace }}/ci/plan.sh"\n') },
    changed: 'ci/plan.sh',
    runBy: { by: DEPLOY, line: 7, word: 'ci/plan.sh' },
  },
  {
    name: "a script a step's env names, run through the variable",
    unchanged: { [DEPLOY]: workflow('      - run: bash "$SCRIPT"\n        env:\n          SCRIPT: ci/apply.sh\n') },
    changed: 'ci/apply.sh',
    runBy: { by: DEPLOY, line: 9, word: 'ci/apply.sh' },
  },
  {
    name: "a script a job's env names",
    unchanged: { [DEPLOY]: workflow('      - run: $DEPLOY\n', '    env:\n      DEPLOY: ./ops/deploy.sh\n') },
    changed: 'ops/deploy.sh',
    runBy: { by: DEPLOY, line: 6, word: './ops/deploy.sh' },
  },
  {
    name: "a script an action's input names",
    unchanged: {
      [DEPLOY]: workflow(
        "      - uses: actions/github-script@v7\n        with:\n          script: require('./ci/release.js')(github)\n",
      ),
    },
    changed: 'ci/release.js',
    runBy: { by: DEPLOY, line: 9, word: './ci/release.js' },
  },
  {
    name: 'a custom shell',
    unchanged: { [DEPLOY]: workflow('      - run: terraform apply\n        shell: ./ci/wrap.sh {0}\n') },
    changed: 'ci/wrap.sh',
    runBy: { by: DEPLOY, line: 8, word: './ci/wrap.sh' },
  },
  {
    name: 'scripts a glob names',
    unchanged: { [DEPLOY]: workflow('      - run: for f in ci/hooks/*.sh; do bash "$f"; done\n') },
    changed: 'ci/hooks/10-tag.sh',
    runBy: { by: DEPLOY, line: 7, word: 'ci/hooks/*.sh' },
  },
  {
    name: 'a Windows path in a pwsh step',
    unchanged: { [DEPLOY]: workflow('      - run: .\\ci\\apply.ps1 -Env prod\n        shell: pwsh\n') },
    changed: 'ci/apply.ps1',
    runBy: { by: DEPLOY, line: 7, word: './ci/apply.ps1' },
  },
  {
    name: 'a script a YAML alias runs (the anchor on a key no command is read from)',
    unchanged: {
      [DEPLOY]: workflow('      - name: &apply ./scripts/apply.sh\n        run: echo start\n      - run: *apply\n'),
    },
    changed: 'scripts/apply.sh',
    runBy: { by: DEPLOY, line: 7, word: './scripts/apply.sh' },
  },
  {
    name: 'a quoted path with a space',
    unchanged: { [DEPLOY]: workflow('      - run: bash "ci/deploy prod.sh"\n') },
    changed: 'ci/deploy prod.sh',
    runBy: { by: DEPLOY, line: 7, word: 'ci/deploy prod.sh' },
  },
  {
    name: 'the Makefile of make',
    unchanged: { [DEPLOY]: workflow('      - run: make apply ENV=prod\n') },
    changed: 'Makefile',
    runBy: { by: DEPLOY, line: 7, word: 'make' },
  },
  {
    name: 'the Makefile of make -C',
    unchanged: { [DEPLOY]: workflow('      - run: make -C infra apply\n') },
    changed: 'infra/Makefile',
    runBy: { by: DEPLOY, line: 7, word: 'make' },
  },
  {
    name: 'the Dockerfile of docker build',
    unchanged: { [DEPLOY]: workflow('      - run: docker build -t deployer:latest deploy/\n') },
    changed: 'deploy/Dockerfile',
    runBy: { by: DEPLOY, line: 7, word: 'docker build' },
  },
  {
    name: 'the package.json of npm run',
    unchanged: { [DEPLOY]: workflow('      - run: npm ci && npm run deploy\n') },
    changed: 'package.json',
    runBy: { by: DEPLOY, line: 7, word: 'npm' },
  },
  {
    name: 'a file of a local action',
    unchanged: { [DEPLOY]: workflow('      - uses: ./ci/deploy-action\n') },
    changed: 'ci/deploy-action/entrypoint.sh',
    runBy: { by: DEPLOY, line: 7, word: './ci/deploy-action' },
  },
  {
    name: "a composite action's step script",
    unchanged: {
      '.github/actions/apply/action.yml':
        'name: apply\nruns:\n  using: composite\n  steps:\n    - run: ./scripts/apply.sh\n      shell: bash\n',
    },
    changed: 'scripts/apply.sh',
    runBy: { by: '.github/actions/apply/action.yml', line: 5, word: './scripts/apply.sh' },
  },
  {
    name: "a GitLab job's script",
    unchanged: { '.gitlab-ci.yml': 'apply:\n  stage: deploy\n  script:\n    - ./ci/apply.sh prod\n' },
    changed: 'ci/apply.sh',
    runBy: { by: '.gitlab-ci.yml', line: 4, word: './ci/apply.sh' },
  },
  {
    name: 'nothing for a script no pipeline names',
    unchanged: { [DEPLOY]: workflow('      - run: ./scripts/apply.sh\n') },
    changed: 'scripts/other.sh',
    runBy: null,
  },
  {
    name: 'nothing for a document a step reads (markdownlint README.md)',
    unchanged: { [DEPLOY]: workflow('      - run: markdownlint README.md\n') },
    changed: 'README.md',
    runBy: null,
  },
  {
    name: 'nothing for a page of the docs a glob reads (markdownlint docs/*.md)',
    unchanged: { [DEPLOY]: workflow("      - run: markdownlint 'docs/*.md'\n") },
    changed: 'docs/guide.md',
    runBy: null,
  },
  {
    name: 'a file run by its bare name from a directory a step puts on GITHUB_PATH',
    unchanged: {
      [DEPLOY]: workflow('      - run: echo "$GITHUB_WORKSPACE/bin" >> "$GITHUB_PATH"\n      - run: deploy prod\n'),
    },
    changed: 'bin/deploy',
    runBy: { by: DEPLOY, line: 7, word: 'bin' },
  },
  {
    name: 'a file of a directory a command adds to PATH',
    unchanged: { [DEPLOY]: workflow('      - run: export PATH="$PATH:./tools" && apply-all\n') },
    changed: 'tools/apply-all',
    runBy: { by: DEPLOY, line: 7, word: './tools' },
  },
  {
    name: 'a file of the package `go run` runs',
    unchanged: { [DEPLOY]: workflow('      - run: go run ./cmd/deploy -env prod\n') },
    changed: 'cmd/deploy/main.go',
    runBy: { by: DEPLOY, line: 7, word: './cmd/deploy' },
  },
  {
    name: 'the lock file of npm ci: it pins what the step installs and runs',
    unchanged: { [DEPLOY]: workflow('      - run: npm ci && npx cdktf deploy\n') },
    changed: 'package-lock.json',
    runBy: { by: DEPLOY, line: 7, word: 'npm' },
  },
  {
    name: 'nothing for a file below a directory on the PATH (the search path is not recursive)',
    unchanged: { [DEPLOY]: workflow('      - run: echo "$(pwd)/bin" >> $GITHUB_PATH\n') },
    changed: 'bin/fixtures/sample.txt',
    runBy: null,
  },
  {
    name: "an Atlantis custom workflow's run step, in the project's directory",
    unchanged: {
      'atlantis.yaml':
        'version: 3\nprojects:\n  - dir: stacks/prod\n    workflow: wrapped\nworkflows:\n  wrapped:\n    apply:\n      steps:\n        - run: ./apply-wrapper.sh\n',
    },
    changed: 'stacks/prod/apply-wrapper.sh',
    runBy: { by: 'atlantis.yaml', line: 9, word: './apply-wrapper.sh' },
  },
  {
    name: 'a Spacelift before_apply hook',
    unchanged: { '.spacelift/config.yml': 'version: "1"\nstack_defaults:\n  before_apply:\n    - ./ci/preflight.sh\n' },
    changed: 'ci/preflight.sh',
    runBy: { by: '.spacelift/config.yml', line: 4, word: './ci/preflight.sh' },
  },
  {
    name: "a Jenkinsfile's sh step",
    unchanged: {
      Jenkinsfile:
        "pipeline {\n  agent any\n  stages {\n    stage('apply') {\n      steps {\n        sh './ci/apply.sh prod'\n      }\n    }\n  }\n}\n",
    },
    changed: 'ci/apply.sh',
    runBy: { by: 'Jenkinsfile', line: 6, word: './ci/apply.sh' },
  },
  {
    name: "`terraform test`: a test file of tests/, whose run blocks apply with the pipeline's credentials",
    unchanged: { [DEPLOY]: workflow('      - run: terraform init && terraform test\n') },
    changed: 'tests/network.tftest.hcl',
    runBy: { by: DEPLOY, line: 7, word: 'terraform test' },
  },
  {
    name: '`terraform -chdir=infra test`: a test file beside the configuration it names',
    unchanged: { [DEPLOY]: workflow('      - run: terraform -chdir=infra test -verbose\n') },
    changed: 'infra/checks.tftest.hcl',
    runBy: { by: DEPLOY, line: 7, word: 'terraform test' },
  },
  {
    name: '`tofu test -test-directory=checks`: a JSON test file there',
    unchanged: { [DEPLOY]: workflow('      - run: tofu test -test-directory=checks\n') },
    changed: 'checks/apply.tftest.json',
    runBy: { by: DEPLOY, line: 7, word: 'tofu test' },
  },
  {
    name: 'nothing for a test file when the pipeline only plans (terraform plan runs no test)',
    unchanged: { [DEPLOY]: workflow('      - run: terraform plan\n') },
    changed: 'tests/network.tftest.hcl',
    runBy: null,
  },
  {
    name: 'nothing for a glob of anything (rm -rf ./*)',
    unchanged: { [DEPLOY]: workflow('      - run: rm -rf ./* /*\n') },
    changed: '.pre-commit-config.yaml',
    runBy: null,
  },
  {
    name: 'nothing for a pipeline that is not valid YAML (it runs nothing)',
    unchanged: { [DEPLOY]: 'jobs: [\n  - run: ./scripts/apply.sh\n' },
    changed: 'scripts/apply.sh',
    runBy: null,
  },
  {
    name: 'nothing for a script named by a file that is no pipeline',
    unchanged: { 'docs/steps.yml': 'steps:\n  - run: ./scripts/apply.sh\n' },
    changed: 'scripts/apply.sh',
    runBy: null,
  },
];

describe('changed files a CI pipeline runs', () => {
  it.each(cases)('$name', ({ unchanged, changed, runBy }) => {
    const changeSet = buildChangeSet(
      tree({ ...unchanged, [changed]: 'echo before\n' }),
      tree({ ...unchanged, [changed]: 'echo after\n' }),
    );
    expect(changeSet.ciRunFiles).toEqual(runBy === null ? undefined : [{ path: changed, ...runBy }]);
    const classification = classifyChangeSet(changeSet, defaultPolicy());
    const finding = classification.findings.find((f) => f.ruleId === 'ci-run-file');
    if (runBy === null) {
      expect(finding).toBeUndefined();
      return;
    }
    expect(classification.tier).toBe('high');
    expect(finding).toMatchObject({ tier: 'high', file: changed });
    expect(finding!.rationale).toContain(`${runBy.by}:${runBy.line}`);
  });

  it('counts a workflow of either side: the PR that deletes the workflow still changed what it ran', () => {
    const run = { [DEPLOY]: workflow('      - run: ./scripts/apply.sh\n') };
    const changeSet = buildChangeSet(
      tree({ ...run, 'scripts/apply.sh': 'terraform apply\n' }),
      tree({ 'scripts/apply.sh': 'terraform apply -var admin=true\n' }),
    );
    expect(changeSet.ciRunFiles?.map((f) => f.path)).toEqual(['scripts/apply.sh']);
  });

  it('leaves out a deleted script, and Terraform files a step names (judged as Terraform)', () => {
    const run = { [DEPLOY]: workflow('      - run: ./scripts/apply.sh && terraform fmt -check main.tf\n') };
    const changeSet = buildChangeSet(
      tree({ ...run, 'scripts/apply.sh': 'terraform apply\n', 'main.tf': 'locals {\n  a = 1\n}\n' }),
      tree({ ...run, 'main.tf': 'locals {\n  a = 2\n}\n' }),
    );
    expect(changeSet.ciRunFiles).toBeUndefined();
  });
});

interface FollowedCase {
  name: string;
  unchanged: Record<string, string>;
  changed: string;
  runBy: { by: string; line: number; word: string; via: { path: string; line: number }[] } | null;
}

/** A workflow whose one step runs `command`, at line 7. */
const runs = (command: string) => ({ [DEPLOY]: workflow(`      - run: ${command}\n`) });
/** Five scripts, each running the next: ci/s1.sh runs ci/s2.sh … ci/s5.sh runs ci/s6.sh. */
const fiveDeep = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`ci/s${n}.sh`, `set -e\n./ci/s${n + 1}.sh\n`]));

const followedCases: FollowedCase[] = [
  {
    name: "the script a Makefile's recipe runs, for a workflow's make",
    unchanged: { ...runs('make deploy'), Makefile: 'deploy:\n\t./scripts/deploy.sh prod\n' },
    changed: 'scripts/deploy.sh',
    runBy: { by: 'Makefile', line: 2, word: './scripts/deploy.sh', via: [{ path: DEPLOY, line: 7 }] },
  },
  {
    name: 'a library a script sources from its own directory',
    unchanged: { ...runs('./ci/apply.sh'), 'ci/apply.sh': '#!/bin/bash\nsource "$(dirname "$0")/lib/aws.sh"\n' },
    changed: 'ci/lib/aws.sh',
    runBy: { by: 'ci/apply.sh', line: 2, word: '/lib/aws.sh', via: [{ path: DEPLOY, line: 7 }] },
  },
  {
    name: "the file package.json's script runs, for npm run",
    unchanged: {
      ...runs('npm run deploy'),
      'package.json': '{\n  "scripts": { "deploy": "node tools/deploy.mjs" }\n}\n',
    },
    changed: 'tools/deploy.mjs',
    runBy: { by: 'package.json', line: 2, word: 'tools/deploy.mjs', via: [{ path: DEPLOY, line: 7 }] },
  },
  {
    name: 'three scripts deep: make, a shell script, a Python helper',
    unchanged: {
      ...runs('make apply'),
      Makefile: 'apply:\n\tbash ci/apply.sh\n',
      'ci/apply.sh': 'set -e\npython3 ci/render.py > plan.vars\n',
    },
    changed: 'ci/render.py',
    runBy: {
      by: 'ci/apply.sh',
      line: 2,
      word: 'ci/render.py',
      via: [
        { path: DEPLOY, line: 7 },
        { path: 'Makefile', line: 2 },
      ],
    },
  },
  {
    name: 'a script named by the fourth script of a chain (the deepest followed)',
    unchanged: { ...runs('./ci/s1.sh'), ...fiveDeep },
    changed: 'ci/s5.sh',
    runBy: {
      by: 'ci/s4.sh',
      line: 2,
      word: './ci/s5.sh',
      via: [
        { path: DEPLOY, line: 7 },
        { path: 'ci/s1.sh', line: 2 },
        { path: 'ci/s2.sh', line: 2 },
        { path: 'ci/s3.sh', line: 2 },
      ],
    },
  },
  {
    name: 'scripts that run each other (a cycle) are each read once',
    unchanged: { ...runs('./ci/a.sh'), 'ci/a.sh': './ci/b.sh\n', 'ci/b.sh': './ci/a.sh\n./ci/c.sh\n' },
    changed: 'ci/c.sh',
    runBy: {
      by: 'ci/b.sh',
      line: 2,
      word: './ci/c.sh',
      via: [
        { path: DEPLOY, line: 7 },
        { path: 'ci/a.sh', line: 1 },
      ],
    },
  },
  {
    name: "a module a Node script requires without its extension (require('./lib/aws'))",
    unchanged: {
      ...runs('node ci/deploy.mjs'),
      'ci/deploy.mjs': "import { assume } from './lib/aws';\nawait assume();\n",
    },
    changed: 'ci/lib/aws.js',
    runBy: { by: 'ci/deploy.mjs', line: 1, word: './lib/aws', via: [{ path: DEPLOY, line: 7 }] },
  },
  {
    name: 'a package a Python script imports (from lib.aws import session)',
    unchanged: { ...runs('python3 ci/deploy.py'), 'ci/deploy.py': 'import os\nfrom lib.aws import session\n' },
    changed: 'ci/lib/aws/__init__.py',
    runBy: { by: 'ci/deploy.py', line: 2, word: 'lib.aws', via: [{ path: DEPLOY, line: 7 }] },
  },
  {
    name: 'nothing beyond the fourth script: a chain deeper than that is not followed',
    unchanged: { ...runs('./ci/s1.sh'), ...fiveDeep },
    changed: 'ci/s6.sh',
    runBy: null,
  },
  {
    name: 'nothing for a path in a comment of a script',
    unchanged: { ...runs('./ci/apply.sh'), 'ci/apply.sh': '# replaces ./ci/old.sh\nterraform apply\n' },
    changed: 'ci/old.sh',
    runBy: null,
  },
  {
    name: 'nothing for a path in a data file a step reads (data is not followed)',
    unchanged: { ...runs('jq -r .hook ci/settings.json'), 'ci/settings.json': '{ "hook": "ci/hook.sh" }\n' },
    changed: 'ci/hook.sh',
    runBy: null,
  },
];

describe('files the scripts a CI pipeline runs name in turn', () => {
  it.each(followedCases)('$name', ({ unchanged, changed, runBy }) => {
    const changeSet = buildChangeSet(
      tree({ ...unchanged, [changed]: 'echo before\n' }),
      tree({ ...unchanged, [changed]: 'echo after\n' }),
    );
    expect(changeSet.ciRunFiles).toEqual(runBy === null ? undefined : [{ path: changed, ...runBy }]);
    const finding = classifyChangeSet(changeSet, defaultPolicy()).findings.find((f) => f.ruleId === 'ci-run-file');
    if (runBy === null) return expect(finding).toBeUndefined();
    const chain = runBy.via.map((step) => `${step.path}:${step.line}`).join(' → ');
    expect(finding!.rationale).toContain(`a command at ${runBy.by}:${runBy.line} runs or reads it`);
    expect(finding!.rationale).toContain(`and ${chain} run ${runBy.by}`);
  });

  it('does not follow installed packages (node_modules/.bin links): a committed package is judged by its own rule', () => {
    const pipeline = runs('./node_modules/.bin/deploy');
    const changeSet = buildChangeSet(
      { files: tree({ ...pipeline, 'ci/x.sh': 'a\n' }).files, notRead: ['node_modules/.bin/deploy'] },
      { files: tree({ ...pipeline, 'ci/x.sh': 'b\n' }).files, notRead: ['node_modules/.bin/deploy'] },
    );
    expect(changeSet.unreadFiles).toBeUndefined();
  });

  it('asks for the scripts it would follow that the tree has not read, at the side whose pipeline names them', () => {
    const pipeline = runs('make deploy');
    const changeSet = buildChangeSet(
      { files: tree({ ...pipeline, 'scripts/x.sh': 'a\n' }).files, notRead: ['Makefile'] },
      { files: tree({ ...pipeline, 'scripts/x.sh': 'b\n' }).files, notRead: ['Makefile'] },
    );
    expect(changeSet.ciRunFiles).toBeUndefined();
    expect(changeSet.unreadFiles).toEqual([
      { side: 'head', path: 'Makefile' },
      { side: 'base', path: 'Makefile' },
    ]);
  });
});
