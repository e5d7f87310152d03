import { isTerraformPath } from './parseFile.js';
import type { SourceFile } from './sourceTree.js';
import { isIgnoredPath } from './sourceTree.js';

/**
 * Which files make up a Terraform (or OpenTofu) configuration. A directory with a configuration
 * file is a module; variable files assign its root's input variables.
 */

/** `.tf`, `.tf.json` and OpenTofu's `.tofu`, `.tofu.json` (never under `.terraform/`): the files that define a module. */
export function isConfigurationPath(path: string): boolean {
  return isTerraformPath(path);
}

/**
 * `.tfvars` and `.tfvars.json`: values of a root's input variables; and the files that set them
 * through the environment, wherever they lie (isEnvironmentVariablesPath).
 */
export function isVariablesPath(path: string): boolean {
  return path.endsWith('.tfvars') || path.endsWith('.tfvars.json') || isEnvironmentVariablesPath(path);
}

/**
 * Files whose `TF_VAR_<name>`s (and `-var` options) set the variables of any root that declares
 * them, wherever they lie: GitHub Actions workflows (flow/workflowVars.ts), other CI systems'
 * pipelines and environment files such as direnv's `.envrc` or a `.env` (flow/environmentVars.ts);
 * a changed script or Makefile too (isScriptPath), which is read only when it changes.
 */
export function isEnvironmentVariablesPath(path: string): boolean {
  return isWorkflowPath(path) || isOtherPipelinePath(path) || isEnvironmentFilePath(path);
}

/**
 * Files whose `TF_VAR_`s and `-var` options set the variables of any root that declares them:
 * those of isEnvironmentVariablesPath, and scripts (isScriptPath), which count where they change.
 */
export function mayExportVariables(path: string): boolean {
  return isEnvironmentVariablesPath(path) || isScriptPath(path);
}

/**
 * Shell scripts, Makefiles and justfiles: what a pipeline or a person runs to apply
 * (`terraform apply -var 'ssh_cidrs=…'`, `export TF_VAR_ssh_cidrs=…`). Unlike the files above,
 * a repository has many, and the app does not read them all: one sets variables where it
 * changes (flow/varFiles.ts).
 */
export function isScriptPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return SCRIPT_NAMES.has(name) || /\.(sh|bash|mk)$/.test(name);
}

const SCRIPT_NAMES: ReadonlySet<string> = new Set(['Makefile', 'makefile', 'GNUmakefile', 'justfile', 'Justfile']);

/** GitHub Actions workflows: GitHub runs those directly under `.github/workflows/`. */
export function isWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/** Pipelines of other CI systems and Terraform automation (the catalog's repository.ci.pipelines), by path. */
const OTHER_PIPELINE =
  /(^|\/)(\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.yml|cloudbuild\.ya?ml|buildspec\.ya?ml)$|^(\.gitlab\/ci|\.azure-pipelines|\.circleci|\.buildkite)\/.+\.ya?ml$|^atlantis\.ya?ml$|^\.spacelift\/config\.ya?ml$/;

/** A Jenkins pipeline: Groovy. */
const JENKINSFILE = /(^|\/)Jenkinsfile$/;

/** Another CI system's pipeline (GitLab, Azure Pipelines, CircleCI, Buildkite, Jenkins, Atlantis, …). */
export function isOtherPipelinePath(path: string): boolean {
  return OTHER_PIPELINE.test(path) || isJenkinsfilePath(path);
}

export function isJenkinsfilePath(path: string): boolean {
  return JENKINSFILE.test(path);
}

/** Environment files a shell or a tool loads before Terraform runs: direnv's `.envrc`, `.env`, `.env.prod`, `prod.env`. */
export function isEnvironmentFilePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === '.envrc' || name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);
}

/**
 * Configuration, variable and backend settings files (`*.tfbackend`, which complete a partial
 * backend at `init`): read whenever their module directory is affected.
 */
export function isTerraformSourcePath(path: string): boolean {
  return isConfigurationPath(path) || isVariablesPath(path) || path.endsWith('.tfbackend');
}

/**
 * The configuration files of a tree, sorted by path: `.tf`, `.tf.json`, `.tofu` and `.tofu.json`
 * outside ignored and `.terraform/` directories, with OpenTofu's rule applied: a `.tofu` file
 * replaces the `.tf` file of the same name in its directory (`main.tofu` hides `main.tf`,
 * `main.tofu.json` hides `main.tf.json`), so a module can serve both tools. The hidden file is
 * still a changed file; only its objects are not the configuration.
 */
export function configurationFiles(files: readonly SourceFile[]): SourceFile[] {
  const candidates = files.filter((file) => isTerraformPath(file.path) && !isIgnoredPath(file.path));
  const paths = new Set(candidates.map((file) => file.path));
  return candidates
    .filter((file) => !paths.has(tofuReplacement(file.path) ?? ''))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The OpenTofu file that would replace a Terraform one: `x.tf` → `x.tofu`, `x.tf.json` → `x.tofu.json`. */
function tofuReplacement(path: string): string | undefined {
  if (path.endsWith('.tf')) return path.slice(0, -'.tf'.length) + '.tofu';
  if (path.endsWith('.tf.json')) return path.slice(0, -'.tf.json'.length) + '.tofu.json';
  return undefined;
}

/**
 * Changed files where Terraform and OpenTofu read different code: a `.tf` file that a `.tofu`
 * file of the same name replaces (at base or head), and such a `.tofu` file. Four Eyes judges
 * what OpenTofu loads; a repository applied with Terraform runs the `.tf` file instead.
 */
export function toolDependentFiles(
  changedPaths: readonly string[],
  base: readonly SourceFile[],
  head: readonly SourceFile[],
): string[] {
  const present = new Set([...base, ...head].map((file) => file.path));
  return changedPaths
    .filter((path) => {
      const replacement = tofuReplacement(path);
      if (replacement !== undefined) return present.has(replacement);
      const replaced = path.endsWith('.tofu')
        ? path.slice(0, -'.tofu'.length) + '.tf'
        : path.endsWith('.tofu.json')
          ? path.slice(0, -'.tofu.json'.length) + '.tf.json'
          : undefined;
      return replaced !== undefined && present.has(replaced);
    })
    .sort();
}
