import { describe } from 'vitest';
import { type Case, runCases } from './support.js';

const WORKFLOW = 'on: pull_request\njobs: {}\n';

const cases: Case[] = [
  [
    'adding the policy file is critical',
    {},
    { '.github/four-eyes.yml': 'tiers: {}\n' },
    [['.github/four-eyes.yml', 'repository.four-eyes.policy-file', 'critical']],
  ],
  [
    'editing the policy file is critical',
    { '.github/four-eyes.yml': 'tiers: {}\n' },
    { '.github/four-eyes.yml': 'tiers:\n  high: []\n' },
    [['.github/four-eyes.yml', 'repository.four-eyes.policy-file', 'critical']],
  ],
  [
    'deleting the policy file is critical',
    { '.github/four-eyes.yml': 'tiers: {}\n' },
    {},
    [['.github/four-eyes.yml', 'repository.four-eyes.policy-file', 'critical']],
  ],
  [
    'renaming the policy file away is critical',
    { '.github/four-eyes.yml': 'tiers: {}\n' },
    { '.github/four-eyes.yml.bak': 'tiers: {}\n' },
    [['.github/four-eyes.yml.bak', 'repository.four-eyes.policy-file', 'critical']],
  ],
  [
    'a changed committed package is high: a module source or a CI step may load it',
    { 'node_modules/@acme/tf-modules/iam/main.tf': 'resource "aws_iam_user" "a" {\n  name = "a"\n}\n' },
    { 'node_modules/@acme/tf-modules/iam/main.tf': 'resource "aws_iam_user" "b" {\n  name = "b"\n}\n' },
    [['node_modules/@acme/tf-modules/iam/main.tf', 'repository.git.committed-packages', 'high']],
  ],
  ...['.github/settings.yml', '.github/repos/infra.yml', '.github/suborgs/platform.yaml'].map(
    (path): Case => [
      `settings kept as code (${path}) dropping required reviews is high`,
      {
        [path]:
          'branches:\n  - name: main\n    protection:\n      required_pull_request_reviews:\n        required_approving_review_count: 1\n',
      },
      { [path]: 'branches:\n  - name: main\n    protection: null\n' },
      [[path, 'repository.github.settings', 'high']],
    ],
  ),
  [
    'editing CODEOWNERS is high',
    { '.github/CODEOWNERS': '* @acme/platform\n' },
    { '.github/CODEOWNERS': '* @alice\n' },
    [['.github/CODEOWNERS', 'repository.github.codeowners', 'high']],
  ],
  [
    'adding a workflow is high',
    {},
    { '.github/workflows/apply.yml': WORKFLOW },
    [['.github/workflows/apply.yml', 'repository.github.workflows', 'high']],
  ],
  [
    'editing another CI pipeline (Atlantis) is high',
    { 'atlantis.yaml': 'version: 3\n' },
    { 'atlantis.yaml': 'version: 3\nprojects: []\n' },
    [['atlantis.yaml', 'repository.ci.pipelines', 'high']],
  ],
  ...['.terraform-version', '.opentofu-version', '.terragrunt-version'].map(
    (path): Case => [
      `pinning another tool version in ${path} is high: another binary plans and applies`,
      { [path]: '1.9.8\n' },
      { [path]: '1.5.0\n' },
      [[path, 'repository.ci.pipelines', 'high']],
    ],
  ),
  [
    'pointing a submodule at another repository is high',
    { '.gitmodules': '[submodule "modules/admin"]\n\tpath = modules/admin\n\turl = https://github.com/acme/admin\n' },
    { '.gitmodules': '[submodule "modules/admin"]\n\tpath = modules/admin\n\turl = https://github.com/evil/admin\n' },
    [['.gitmodules', 'repository.git.submodules', 'high']],
  ],
  [
    'leaving a guardrail out of archives with export-ignore is high',
    { '.gitattributes': '*.png binary\n' },
    { '.gitattributes': '*.png binary\nguardrails.tf export-ignore\n' },
    [['.gitattributes', 'repository.git.attributes', 'high']],
  ],
  ['a README change yields no finding', { 'README.md': 'a\n' }, { 'README.md': 'b\n' }, []],
];

describe('repository catalog', () => {
  runCases(cases);
});
