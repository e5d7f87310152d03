import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from 'yaml';
import { isTerraformSourcePath, isWorkflowPath } from '../terraform/configurationFiles.js';
import { isDocumentation, isProse } from '../terraform/documentation.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { normalizePath } from '../terraform/localModules.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { globMatch } from '../util/glob.js';

/** A changed file that a CI pipeline runs, with the first place that names it. */
export interface CiRunFile {
  path: string;
  /** the pipeline file and line that run it */
  by: string;
  line: number;
  /** the word of the command that names it (`./scripts/apply.sh`, `make`) */
  word: string;
}

/** GitHub Actions' own metadata files: a composite action's steps run like a workflow's. */
const ACTION_FILE = /(^|\/)action\.ya?ml$/;

/** Pipelines of other CI systems (the catalog's repository.ci.pipelines), by path. */
const OTHER_PIPELINE =
  /(^|\/)(\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.yml|cloudbuild\.ya?ml|buildspec\.ya?ml)$|^(\.gitlab\/ci|\.azure-pipelines|\.circleci|\.buildkite)\/.+\.ya?ml$/;

/** The files whose commands `ciRunFiles` reads: workflows, composite actions, other CI systems' pipelines. */
export function isPipelinePath(path: string): boolean {
  return isWorkflowPath(path) || ACTION_FILE.test(path) || OTHER_PIPELINE.test(path);
}

/** Keys whose text other CI systems run as commands (GitLab, CircleCI, Buildkite, Azure, Bitbucket, Cloud Build, CodeBuild). */
const COMMAND_KEYS = new Set([
  'script',
  'before_script',
  'after_script',
  'run',
  'command',
  'commands',
  'bash',
  'sh',
  'pwsh',
  'powershell',
  'scriptPath',
  'filePath',
  'args',
  'entrypoint',
]);

/** Where a workflow's checkout is: a path written from it is a path of the repository. */
const WORKSPACE_PREFIX =
  /\$\{\{\s*github\.workspace\s*\}\}\/|\$\{?GITHUB_WORKSPACE\}?\/|\$\{?CI_PROJECT_DIR\}?\/|\$\(pwd\)\//g;
/** Characters of a path in a command line, globs included; quotes, `=`, `:` and `$` end one (`--file=x.sh`, `"x.sh"`). */
const PATH_WORD = /[A-Za-z0-9_@%+,./~*?[\]-]+/g;
/** A backslash before a path character: a Windows path (`.\ci\apply.ps1` in a `pwsh` step). */
const WINDOWS_SEPARATOR = /\\(?=[A-Za-z0-9_.-])/g;
const GLOB = /[*?[]/;
const QUOTED = /"([^"\n]+)"|'([^'\n]+)'/g;
/**
 * A glob that names files of one kind (`ci/hooks/*.sh`, `deploy-*.py`): its last segment ends in
 * a literal extension. `/*`, `*` or `ci/*` (a clean-up's `rm -rf ./*`) name anything.
 */
const SCRIPT_GLOB = /\.[A-Za-z0-9]+$/;
const MAKEFILES = ['Makefile', 'makefile', 'GNUmakefile'];
/** Package managers whose commands run scripts `package.json` defines (and install what it names). */
const PACKAGE_RUNNERS = new Set(['npm', 'npx', 'yarn', 'pnpm', 'bun']);

/**
 * The changed files a CI pipeline runs: named by a command of a GitHub Actions workflow's or a
 * composite action's steps (`./scripts/apply.sh`, `python ci/deploy.py`), the Makefile of a
 * `make`, the `package.json` of `npm run`, the files of a local action (`uses: ./ci/deploy`), or
 * a command of another CI system's pipeline file. Such code runs with the pipeline's secrets and
 * deployment credentials, so changing it changes what the pipeline does with them, as much as
 * changing the workflow would. Pipelines of both sides count (an unchanged workflow runs the
 * changed script). Terraform files and documentation are left out: they are judged as what they are.
 */
export function ciRunFiles(base: SourceTree, head: SourceTree, files: readonly FileChange[]): CiRunFile[] {
  const candidates = new Set(
    files
      .filter((file) => file.status !== 'deleted')
      .map((file) => file.path)
      .filter((path) => !isTerraformSourcePath(path) && !isDocumentation(path) && !isWorkflowPath(path)),
  );
  if (candidates.size === 0) return [];
  const found = new Map<string, CiRunFile>();
  for (const pipeline of [...head.files, ...base.files]) {
    for (const command of pipelineCommands(pipeline)) {
      for (const named of namedFiles(command, candidates)) {
        if (!found.has(named.path)) found.set(named.path, { ...named, by: pipeline.path, line: command.line });
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A command a pipeline runs (or a local action it uses), where it runs, and its line. */
interface PipelineCommand {
  text: string;
  /** the directory it runs in, relative to the repository */
  directory: string;
  line: number;
  /** `uses: ./dir`: every file under the directory is the action's code */
  localAction?: string;
}

function pipelineCommands(file: SourceFile): PipelineCommand[] {
  if (!isPipelinePath(file.path)) return [];
  const workflow = isWorkflowPath(file.path);
  const action = ACTION_FILE.test(file.path);
  const lines = new LineCounter();
  const document = parseDocument(file.content, { lineCounter: lines, prettyErrors: false });
  // A pipeline that is not valid YAML runs nothing (its own change is judged by the pipeline rules).
  if (document.errors.length > 0) return [];
  const lineOf = (node: Node) => lines.linePos(node.range?.[0] ?? 0).line;
  // After the commands read where they run, every other text of a workflow or action, from the
  // repository's top: YAML aliases (`run: *apply`) and merge keys put a command's text under
  // another key, where it is written once (`name: &apply ./scripts/apply.sh`).
  if (workflow)
    return [...workflowCommands(document.contents, lineOf), ...keyedCommands(document.contents, lineOf, true)];
  if (action)
    return [
      ...actionCommands(document.contents, moduleDirectory(file.path), lineOf),
      ...keyedCommands(document.contents, lineOf, true),
    ];
  return keyedCommands(document.contents, lineOf, false);
}

type LineOf = (node: Node) => number;

/** Each step's `run` (in its working directory) and local `uses`, of every job. */
function workflowCommands(root: Node | null, lineOf: LineOf): PipelineCommand[] {
  const out: PipelineCommand[] = [];
  const jobs = isMap(root) ? root.get('jobs', true) : null;
  if (!isMap(jobs)) return out;
  const workflowDirectory = defaultDirectory(root, '.');
  out.push(...mapValues(root, 'env', workflowDirectory, lineOf));
  for (const job of jobs.items) {
    if (!isPair(job) || !isMap(job.value)) continue;
    const jobDirectory = defaultDirectory(job.value, workflowDirectory);
    out.push(...mapValues(job.value, 'env', jobDirectory, lineOf));
    out.push(...stepCommands(job.value.get('steps', true), jobDirectory, lineOf));
  }
  return out;
}

/**
 * The string values of a step's (job's, workflow's) `env` or `with` map, read like commands: a
 * command may run a script through a variable (`SCRIPT: ci/apply.sh`, `run: $SCRIPT`), and an
 * action may run what an input names (`actions/github-script` `script: require('./ci/x.js')`).
 */
function mapValues(node: unknown, key: string, directory: string, lineOf: LineOf): PipelineCommand[] {
  const map = isMap(node) ? node.get(key, true) : null;
  if (!isMap(map)) return [];
  const out: PipelineCommand[] = [];
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.value) && typeof pair.value.value === 'string')
      out.push({ text: pair.value.value, directory, line: firstLine(pair.value, lineOf) });
  }
  return out;
}

/** A composite action's `runs.steps`: run from the workspace, like a workflow's. */
function actionCommands(root: Node | null, directory: string, lineOf: LineOf): PipelineCommand[] {
  const runs = isMap(root) ? root.get('runs', true) : null;
  const steps = isMap(runs) ? runs.get('steps', true) : null;
  return stepCommands(steps, '.', lineOf).map((command) =>
    command.localAction === undefined ? command : { ...command, directory },
  );
}

function stepCommands(steps: unknown, directory: string, lineOf: LineOf): PipelineCommand[] {
  if (!isSeq(steps)) return [];
  const out: PipelineCommand[] = [];
  for (const step of steps.items) {
    if (!isMap(step)) continue;
    const run = step.get('run', true);
    const where = step.get('working-directory', true);
    const stepDirectory =
      isScalar(where) && typeof where.value === 'string' ? joined(directory, where.value) : directory;
    if (isScalar(run) && typeof run.value === 'string')
      out.push({ text: run.value, directory: stepDirectory, line: firstLine(run, lineOf) });
    // A custom shell (`shell: ./ci/sh {0}`) runs every command of the step.
    const shell = step.get('shell', true);
    if (isScalar(shell) && typeof shell.value === 'string')
      out.push({ text: shell.value, directory: stepDirectory, line: lineOf(shell) });
    out.push(...mapValues(step, 'env', stepDirectory, lineOf), ...mapValues(step, 'with', stepDirectory, lineOf));
    const uses = step.get('uses', true);
    if (isScalar(uses) && typeof uses.value === 'string' && uses.value.startsWith('./')) {
      const local = normalizePath(uses.value);
      if (local !== null) out.push({ text: uses.value, directory: '.', line: lineOf(uses), localAction: local });
    }
  }
  return out;
}

/** `defaults.run.working-directory` of a workflow or job, else the enclosing one. */
function defaultDirectory(node: Node | null, enclosing: string): string {
  const defaults = isMap(node) ? node.get('defaults', true) : null;
  const run = isMap(defaults) ? defaults.get('run', true) : null;
  const where = isMap(run) ? run.get('working-directory', true) : null;
  return isScalar(where) && typeof where.value === 'string' ? joined(enclosing, where.value) : enclosing;
}

/**
 * Every text under a command key (or, with `everything`, every text), at any depth (a string, or
 * a list of them), run from the repository root.
 */
function keyedCommands(root: Node | null, lineOf: LineOf, everything: boolean): PipelineCommand[] {
  const out: PipelineCommand[] = [];
  const visit = (node: unknown, commands: boolean) => {
    if (isScalar(node)) {
      if (commands && typeof node.value === 'string')
        out.push({ text: node.value, directory: '.', line: firstLine(node, lineOf) });
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, commands);
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        visit(pair.value, commands || COMMAND_KEYS.has(key));
      }
    }
  };
  visit(root, everything);
  return out;
}

/** A block scalar (`run: |`) starts on the line after its key. */
function firstLine(scalar: Scalar, lineOf: LineOf): number {
  return lineOf(scalar) + (scalar.type?.startsWith('BLOCK') ? 1 : 0);
}

/** The candidate files a command names, with the word that names each. */
function namedFiles(command: PipelineCommand, candidates: ReadonlySet<string>): { path: string; word: string }[] {
  if (command.localAction !== undefined) {
    const prefix = command.localAction === '.' ? '' : `${command.localAction}/`;
    return [...candidates].filter((path) => path.startsWith(prefix)).map((path) => ({ path, word: command.text }));
  }
  const text = command.text.replace(WINDOWS_SEPARATOR, '/').replace(WORKSPACE_PREFIX, '');
  // A quoted path may hold spaces (`bash "ci/deploy prod.sh"`): the quoted text is a word too.
  const quoted = [...text.matchAll(QUOTED)].map((match) => match[1] ?? match[2]!).filter((word) => word.includes(' '));
  const words = [...(text.match(PATH_WORD) ?? []), ...quoted];
  const bases = [command.directory, '.', ...changedDirectories(words, command.directory)];
  const out: { path: string; word: string }[] = [];
  const add = (relative: string, word: string) => {
    for (const base of bases) {
      const path = normalizePath(joined(base, relative));
      if (path === null) continue;
      const glob = GLOB.test(path);
      if (glob && !SCRIPT_GLOB.test(path)) continue;
      // `for f in ci/*.sh`: every changed file the pattern matches, but prose (`markdownlint
      // **/*.md` reads every page of the docs, and runs none).
      const named = glob ? [...candidates].filter((c) => globMatch(c, path) && !isProse(c)) : [path];
      for (const match of named)
        if (candidates.has(match) && !out.some((known) => known.path === match)) out.push({ path: match, word });
    }
  };
  for (const [index, word] of words.entries()) {
    if (word.includes('/') || word.includes('.')) add(word.replace(/^\/+/, ''), word);
    if (word === 'make' || word === 'gmake') {
      const directory = words[index + 1] === '-C' ? (words[index + 2] ?? '.') : '.';
      for (const makefile of MAKEFILES) add(joined(directory, makefile), word);
    }
    if (PACKAGE_RUNNERS.has(word)) add('package.json', word);
    if (word === 'build' && (words[index - 1] === 'docker' || words[index - 1] === 'buildx'))
      for (const context of buildContexts(words.slice(index + 1))) add(joined(context, 'Dockerfile'), 'docker build');
  }
  return out;
}

/**
 * Where `docker build` may find its Dockerfile: the context directory, which is one of the words
 * after it that are not options (a tag's `name:version` comes apart here, so every such word is
 * tried), or the working directory. `-f path` names the file itself, as any word with a `/` or
 * `.` does.
 */
function buildContexts(rest: readonly string[]): string[] {
  return ['.', ...rest.filter((word) => !word.startsWith('-'))];
}

/** The directories a command changes to (`cd scripts && ./apply.sh`), relative to where it runs. */
function changedDirectories(words: readonly string[], directory: string): string[] {
  const out: string[] = [];
  for (const [index, word] of words.entries()) {
    const next = words[index + 1];
    if ((word === 'cd' || word === 'pushd' || word === '-C' || word === '--chdir') && next !== undefined)
      out.push(joined(directory, next), next);
  }
  return out;
}

function joined(directory: string, path: string): string {
  return directory === '.' || path.startsWith('/') ? path : `${directory}/${path}`;
}
