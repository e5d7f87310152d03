import { isEnvironmentVariablesPath, isTerraformSourcePath, isWorkflowPath } from '../terraform/configurationFiles.js';
import { isDocumentation } from '../terraform/documentation.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { isIgnoredPath, type SourceFile, type SourceTree } from '../terraform/sourceTree.js';
import { KnownFiles } from './knownFiles.js';
import { namedFiles } from './namedFiles.js';
import { isPipelinePath, lineCommands, type PipelineCommand, pipelineCommands } from './pipelineCommands.js';

/** A changed file that a CI pipeline runs, with the first place that names it. */
export interface CiRunFile {
  path: string;
  /** the pipeline file (or the script a pipeline runs) and line that run it */
  by: string;
  line: number;
  /** the word of the command that names it (`./scripts/apply.sh`, `make`) */
  word: string;
  /** when `by` is a script: the lines that run it, from the pipeline's down */
  via?: { path: string; line: number }[];
}

/** What `ciRunFiles` found, and the scripts it would follow that the tree has not read (the app reads them and asks again). */
export interface CiRuns {
  runFiles: CiRunFile[];
  unread: { side: 'base' | 'head'; path: string }[];
}

/**
 * How many scripts deep a pipeline's commands are followed: a workflow runs `make deploy`, the
 * Makefile runs `scripts/deploy.sh`, which sources `scripts/lib/aws.sh`, which runs a helper.
 */
export const MAX_SCRIPT_DEPTH = 4;

/** Scripts whose imports name other files: JavaScript and TypeScript. */
const JS_SCRIPT = /\.(js|mjs|cjs|ts|mts|cts)$/;

/** The text of scripts read for what they run, per side, at most: 16 MB, far more than any repository's CI scripts. */
const MAX_FOLLOWED_CHARS = 16 * 1024 * 1024;

/** Scripts larger than this are not read for what they run (a generated or vendored file, not a step). */
const MAX_SCRIPT_CHARS = 256 * 1024;

/** Files that are code a command runs, by name: build files, package manifests, and scripts by extension. */
const SCRIPT_NAME =
  /(^|\/)(Makefile|makefile|GNUmakefile|Dockerfile|Containerfile|package\.json|Taskfile\.ya?ml|[Jj]ustfile)$/;
const SCRIPT_EXTENSION = /\.(sh|bash|zsh|ksh|ps1|psm1|py|js|mjs|cjs|ts|rb|pl|mk|bat|cmd)$/i;

/**
 * The changed files a CI pipeline runs: named by a command of a GitHub Actions workflow's or a
 * composite action's steps (`./scripts/apply.sh`, `python ci/deploy.py`), the Makefile of a
 * `make`, the `package.json` of `npm run`, the files of a local action (`uses: ./ci/deploy`), or
 * a command of another CI system's pipeline file; and, up to MAX_SCRIPT_DEPTH scripts deep, the
 * files those scripts name in turn (the Makefile's recipe runs `scripts/deploy.sh`, which sources
 * `lib/aws.sh`). Such code runs with the pipeline's secrets and deployment credentials, so
 * changing it changes what the pipeline does with them, as much as changing the workflow would.
 * Pipelines of both sides count, each following the scripts of its own side (an unchanged
 * workflow runs the changed script). Terraform files and documentation are left out: they are
 * judged as what they are.
 */
export function ciRunFiles(base: SourceTree, head: SourceTree, files: readonly FileChange[]): CiRuns {
  const candidates = new Set(
    files
      .filter((file) => file.status !== 'deleted')
      .map((file) => file.path)
      .filter(
        (path) =>
          // an environment file or another CI system's pipeline sets variables, and CI may run or read it too
          (!isTerraformSourcePath(path) || isEnvironmentVariablesPath(path)) &&
          !isDocumentation(path) &&
          !isWorkflowPath(path),
      ),
  );
  if (candidates.size === 0) return { runFiles: [], unread: [] };
  const found = new Map<string, CiRunFile>();
  const unread: CiRuns['unread'] = [];
  for (const [side, tree] of [
    ['head', head],
    ['base', base],
  ] as const) {
    const followed = followedRuns(tree, candidates);
    for (const run of followed.found) if (!found.has(run.path)) found.set(run.path, run);
    unread.push(...followed.unread.map((path) => ({ side, path })));
  }
  const runFiles = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { runFiles, unread };
}

/** A command to read, and where it comes from: a pipeline's line, or a script's that the chain `via` runs. */
interface QueuedCommand {
  command: PipelineCommand;
  by: string;
  via: { path: string; line: number }[];
}

/**
 * One side's pipelines' commands, then the scripts they name, level by level (so the chain
 * reported is a shortest one): the candidates named, and the scripts to follow that were not read.
 */
function followedRuns(tree: SourceTree, candidates: ReadonlySet<string>): { found: CiRunFile[]; unread: string[] } {
  const byPath = new Map(tree.files.map((file) => [file.path, file]));
  const notRead = new Set(tree.notRead ?? []);
  const known = new KnownFiles(new Set([...byPath.keys(), ...notRead, ...candidates]), candidates);
  const found = new Map<string, CiRunFile>();
  const unread = new Set<string>();
  const followed = new Set<string>();
  let budget = MAX_FOLLOWED_CHARS;
  let level: QueuedCommand[] = tree.files.flatMap((file) =>
    pipelineCommands(file).map((command) => ({ command, by: file.path, via: [] })),
  );
  while (level.length > 0) {
    const next: QueuedCommand[] = [];
    for (const { command, by, via } of level) {
      for (const named of namedFiles(command, known)) {
        if (candidates.has(named.path) && !found.has(named.path))
          found.set(named.path, { ...named, by, line: command.line, ...(via.length > 0 ? { via } : {}) });
        if (via.length >= MAX_SCRIPT_DEPTH || followed.has(named.path) || !isFollowedScript(named.path)) continue;
        followed.add(named.path);
        const script = byPath.get(named.path);
        if (!script) {
          if (notRead.has(named.path)) unread.add(named.path);
          continue;
        }
        // A bound on the text read for what it runs: a pull request cannot make this unbounded work.
        budget -= script.content.length;
        if (budget < 0) continue;
        const chain = [...via, { path: by, line: command.line }];
        const directory = command.callerDirectory ?? command.directory;
        for (const line of scriptCommands(script, directory)) next.push({ command: line, by: script.path, via: chain });
      }
    }
    level = next;
  }
  return { found: [...found.values()], unread: [...unread] };
}

/** Code a command may run, read for what it runs in turn; pipelines are read as pipelines, Terraform as Terraform. */
function isFollowedScript(path: string): boolean {
  if (isPipelinePath(path) || isTerraformSourcePath(path) || isDocumentation(path)) return false;
  // Installed packages (their `.bin` links among them) are judged as committed packages, not read as scripts.
  if (isIgnoredPath(path)) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  // A file without an extension in a repository is most often a script (`bin/deploy`).
  return SCRIPT_NAME.test(path) || SCRIPT_EXTENSION.test(path) || !name.includes('.');
}

/**
 * Each line of a script as a command: run where the script is (scripts commonly change to their
 * own directory first) and where its caller ran it.
 */
function scriptCommands(script: SourceFile, callerDirectory: string): PipelineCommand[] {
  if (script.content.length > MAX_SCRIPT_CHARS) return [];
  const commands = lineCommands(script.content, moduleDirectory(script.path), callerDirectory);
  const language = JS_SCRIPT.test(script.path) ? 'js' : script.path.endsWith('.py') ? 'python' : undefined;
  return language === undefined ? commands : commands.map((command) => ({ ...command, language }));
}
