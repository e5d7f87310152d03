import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from 'yaml';
import { isJenkinsfilePath, isOtherPipelinePath, isWorkflowPath } from '../terraform/configurationFiles.js';
import { normalizePath } from '../terraform/localModules.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import type { SourceFile } from '../terraform/sourceTree.js';
import { joined } from './namedFiles.js';

/** GitHub Actions' own metadata files: a composite action's steps run like a workflow's. */
const ACTION_FILE = /(^|\/)action\.ya?ml$/;

/** Atlantis runs a custom workflow's `run` steps in each project's directory. */
const ATLANTIS = /^atlantis\.ya?ml$/;

/** The files whose commands `ciRunFiles` reads: workflows, composite actions, other CI systems' pipelines. */
export function isPipelinePath(path: string): boolean {
  return isWorkflowPath(path) || ACTION_FILE.test(path) || isOtherPipelinePath(path);
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
  // Spacelift's hooks (.spacelift/config.yml)
  'before_init',
  'before_plan',
  'before_apply',
  'before_perform',
  'before_destroy',
  'after_init',
  'after_plan',
  'after_apply',
  'after_perform',
  'after_destroy',
  'after_run',
]);

/** A command a pipeline runs (or a local action it uses), where it runs, and its line. */
export interface PipelineCommand {
  text: string;
  /** the directory it runs in, relative to the repository */
  directory: string;
  line: number;
  /** a script's line: the directory of the command that ran the script, where it may name paths from too */
  callerDirectory?: string;
  /** `uses: ./dir`: every file under the directory is the action's code */
  localAction?: string;
  /** a line of a JavaScript or Python script: the modules it imports name files too */
  language?: 'js' | 'python';
}

export function pipelineCommands(file: SourceFile): PipelineCommand[] {
  if (!isPipelinePath(file.path)) return [];
  // A Jenkins pipeline is Groovy, whose `sh '…'` steps are read line by line, as a script is.
  if (isJenkinsfilePath(file.path)) return lineCommands(file.content, moduleDirectory(file.path));
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
  const commands = keyedCommands(document.contents, lineOf, false);
  return ATLANTIS.test(file.path) ? inProjectDirectories(commands, document.contents) : commands;
}

/** Each line of a script-like file as a command run in `directory`; comment lines name nothing that runs. */
export function lineCommands(content: string, directory: string, callerDirectory?: string): PipelineCommand[] {
  const out: PipelineCommand[] = [];
  for (const [index, text] of content.split('\n').entries()) {
    const start = text.trimStart();
    if (start === '' || start.startsWith('#') || start.startsWith('//')) continue;
    out.push({ text, directory, line: index + 1, ...(callerDirectory === undefined ? {} : { callerDirectory }) });
  }
  return out;
}

/** Atlantis' commands, read from the repository's top and from each project's `dir`. */
function inProjectDirectories(commands: PipelineCommand[], root: Node | null): PipelineCommand[] {
  const projects = isMap(root) ? root.get('projects', true) : null;
  const directories = new Set<string>();
  for (const project of isSeq(projects) ? projects.items : []) {
    const dir = isMap(project) ? project.get('dir', true) : null;
    const normalized = isScalar(dir) && typeof dir.value === 'string' ? normalizePath(dir.value) : null;
    if (normalized !== null && normalized !== '.') directories.add(normalized);
  }
  return [
    ...commands,
    ...[...directories].flatMap((directory) => commands.map((command) => ({ ...command, directory }))),
  ];
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
