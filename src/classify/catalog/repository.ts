import { POLICY_FILE_RULE_ID, type Rule } from '../../model/policy.js';
import { rule } from './rule.js';

/**
 * Files that govern the repository rather than the infrastructure: the policy that judges pull
 * requests, who owns code, and the pipelines that run with deployment credentials. They match
 * changed files of any kind, Terraform or not.
 */
export const REPOSITORY_RULES: readonly Rule[] = [
  rule(
    POLICY_FILE_RULE_ID,
    'critical',
    { files: ['.github/four-eyes.yml', '.github/four-eyes.yaml'] },
    'Changes the Four Eyes policy: the rules that decide which approvals every later pull request needs.',
  ),
  rule(
    'repository.github.codeowners',
    'high',
    { files: ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS'] },
    'Changes CODEOWNERS: who is asked, and who is required, to review each path.',
  ),
  rule(
    'repository.github.settings',
    'high',
    {
      files: [
        '.github/settings.yml',
        '.github/settings.yaml',
        '.github/repos/*.yml',
        '.github/repos/*.yaml',
        '.github/suborgs/*.yml',
        '.github/suborgs/*.yaml',
      ],
    },
    'Changes repository settings kept as code (probot/settings, safe-settings): branch protection, required reviews, collaborators and team permissions.',
  ),
  rule(
    'repository.github.workflows',
    'high',
    { files: ['.github/workflows/**', '.github/actions/**', 'action.yml', 'action.yaml'] },
    "Changes GitHub Actions workflows or actions: code that runs with the repository's secrets and deployment credentials.",
  ),
  rule(
    'repository.git.submodules',
    'high',
    { files: ['.gitmodules', '**/.gitmodules'] },
    'Changes which repositories are checked out as submodules: code a local module source may load, which Four Eyes does not read.',
  ),
  rule(
    'repository.git.attributes',
    'high',
    { files: ['.gitattributes', '**/.gitattributes'] },
    'Changes .gitattributes: export-ignore drops files from the archives some platforms fetch, filter=lfs keeps content out of the tree.',
  ),
  rule(
    'repository.git.committed-packages',
    'high',
    { files: ['**/node_modules/**'] },
    'Changes committed node_modules: a module source or a CI step can load code from it, and Four Eyes does not read it as configuration.',
  ),
  rule(
    'repository.ci.pipelines',
    'high',
    {
      files: [
        '.gitlab-ci.yml',
        '.gitlab/ci/**',
        'azure-pipelines.yml',
        '.azure-pipelines/**',
        'Jenkinsfile',
        '**/Jenkinsfile',
        '.circleci/**',
        '.buildkite/**',
        'bitbucket-pipelines.yml',
        'cloudbuild.yaml',
        'cloudbuild.yml',
        'buildspec.yml',
        'atlantis.yaml',
        'atlantis.yml',
        '.spacelift/**',
        '.terraform-version',
        '.opentofu-version',
        '.terragrunt-version',
        '.tool-versions',
      ],
    },
    'Changes a CI/CD pipeline or the Terraform automation that plans and applies: what runs with deployment credentials, and who may apply.',
  ),
];
