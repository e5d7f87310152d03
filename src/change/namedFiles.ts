import { normalizePath } from '../terraform/localModules.js';
import type { KnownFiles } from './knownFiles.js';
import type { PipelineCommand } from './pipelineCommands.js';

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
/** A command that changes the search path of later commands: GitHub's `$GITHUB_PATH` file, or `PATH=`. */
const SETS_PATH = /GITHUB_PATH|\bPATH=/;
const MAKEFILES = ['Makefile', 'makefile', 'GNUmakefile'];
/**
 * Package managers, and the files that decide what they run: `package.json`'s scripts, and the
 * lock file that pins what they install (and a module source into `node_modules` may load).
 */
const NPM_FILES = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json'];
const PACKAGE_RUNNERS = new Map([
  ['npm', NPM_FILES],
  ['npx', NPM_FILES],
  ['yarn', ['package.json', 'yarn.lock']],
  ['pnpm', ['package.json', 'pnpm-lock.yaml']],
  ['bun', ['package.json', 'bun.lock', 'bun.lockb']],
]);

/**
 * The files of `known` a command names, with the word that names each. A path is tried from the
 * command's directory, the directory of the command that ran its script, the repository's top and
 * the directories it changes to.
 */
export function namedFiles(command: PipelineCommand, known: KnownFiles): { path: string; word: string }[] {
  if (command.localAction !== undefined) {
    const prefix = command.localAction === '.' ? '' : `${command.localAction}/`;
    return known.under(prefix).map((path) => ({ path, word: command.text }));
  }
  const text = command.text.replace(WINDOWS_SEPARATOR, '/').replace(WORKSPACE_PREFIX, '');
  // A quoted path may hold spaces (`bash "ci/deploy prod.sh"`): the quoted text is a word too.
  const quoted = [...text.matchAll(QUOTED)].map((match) => match[1] ?? match[2]!).filter((word) => word.includes(' '));
  const words = [...(text.match(PATH_WORD) ?? []), ...quoted];
  const bases = [
    command.directory,
    ...(command.callerDirectory === undefined ? [] : [command.callerDirectory]),
    '.',
    ...changedDirectories(words, command.directory),
  ];
  const out: { path: string; word: string }[] = [];
  const add = (relative: string, word: string) => {
    for (const base of bases) {
      const path = normalizePath(joined(base, relative));
      if (path === null) continue;
      const glob = GLOB.test(path);
      if (glob && !SCRIPT_GLOB.test(path)) continue;
      // `for f in ci/*.sh`: every file the pattern matches, but prose (`markdownlint
      // **/*.md` reads every page of the docs, and runs none).
      const named = glob ? known.matching(path) : [path];
      for (const match of named)
        if (known.has(match) && !out.some((known) => known.path === match)) out.push({ path: match, word });
    }
  };
  for (const imported of importedModules(command)) add(imported.path, imported.word);
  for (const [index, word] of words.entries()) {
    if (word.includes('/') || word.includes('.')) add(word.replace(/^\/+/, ''), word);
    if (word === 'make' || word === 'gmake') {
      const directory = words[index + 1] === '-C' ? (words[index + 2] ?? '.') : '.';
      for (const makefile of MAKEFILES) add(joined(directory, makefile), word);
    }
    for (const manifest of PACKAGE_RUNNERS.get(word) ?? []) add(manifest, word);
    if (word === 'build' && (words[index - 1] === 'docker' || words[index - 1] === 'buildx'))
      for (const context of buildContexts(words.slice(index + 1))) add(joined(context, 'Dockerfile'), 'docker build');
    if (TERRAFORM_BINARIES.has(word)) for (const test of testFiles(words.slice(index + 1))) add(test, `${word} test`);
  }
  // A search-path directory's files run by bare name; `go run ./cmd/deploy` runs a package's files.
  const goRun = words.findIndex((word, index) => word === 'run' && words[index - 1] === 'go');
  const directories = SETS_PATH.test(text) ? words : goRun >= 0 ? words.slice(goRun + 1, goRun + 2) : [];
  if (directories.length > 0) {
    for (const found of pathDirectoryFiles(directories, bases, known))
      if (!out.some((named) => named.path === found.path)) out.push(found);
  }
  return out;
}

const TERRAFORM_BINARIES = new Set(['terraform', 'tofu']);
const TEST_FILES = ['*.tftest.hcl', '*.tftest.json'];

/**
 * `terraform test` (or `tofu test`) runs every test file of its directory and of `tests/` (or
 * `-test-directory`), in the directory `-chdir` names: each `run` block plans, or by default
 * applies, with the credentials of the pipeline. The globs of those files, from the words after
 * the binary; none when the command is not `test`.
 */
function testFiles(words: readonly string[]): string[] {
  let chdir = '.';
  let testDirectory = 'tests';
  let index = 0;
  // Global options come before the subcommand: `terraform -chdir=infra test`.
  while (words[index]?.startsWith('-')) {
    if (words[index] === '-chdir' && words[index + 1] !== undefined) chdir = words[++index]!;
    index++;
  }
  if (words[index] !== 'test') return [];
  for (let option = index + 1; option < words.length; option++)
    if (words[option] === '-test-directory' && words[option + 1] !== undefined) testDirectory = words[option + 1]!;
  return [chdir, joined(chdir, testDirectory)].flatMap((directory) =>
    TEST_FILES.map((glob) => joined(directory, glob)),
  );
}

/**
 * The files directly in the directories `words` name. A command that puts a directory on the
 * search path (`echo "$GITHUB_WORKSPACE/bin" >> "$GITHUB_PATH"`, `export PATH="$PATH:./scripts"`)
 * lets later steps run its files by bare name (`deploy prod`); `go run ./cmd/deploy` runs the
 * package's files.
 */
function pathDirectoryFiles(
  words: readonly string[],
  bases: readonly string[],
  known: KnownFiles,
): { path: string; word: string }[] {
  const out: { path: string; word: string }[] = [];
  for (const word of words) {
    for (const base of bases) {
      const directory = normalizePath(joined(base, word.replace(/^\/+/, '')));
      if (directory === null || directory === '.' || GLOB.test(directory)) continue;
      for (const path of known.inDirectory(directory)) out.push({ path, word });
    }
  }
  return out;
}

/** Where a language finds a module its code imports without the file's extension. */
const JS_MODULE_FILES = ['.js', '.mjs', '.cjs', '.ts', '/index.js', '/index.mjs', '/index.ts'];
const JS_IMPORT = /(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s+|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/g;
const PYTHON_IMPORT = /^\s*(?:from\s+(\.*[\w.]*)\s+import|import\s+([\w.]+))/;

/**
 * The files a script's line imports by module name, as its language resolves it (from the
 * script's directory): `require('./lib/aws')` is `lib/aws.js` (or `.mjs`, `.ts`, `index.js`…),
 * Python's `from lib.aws import x` is `lib/aws.py` or `lib/aws/__init__.py`.
 */
function importedModules(command: PipelineCommand): { path: string; word: string }[] {
  if (command.language === 'js') {
    return [...command.text.matchAll(JS_IMPORT)].flatMap((match) =>
      JS_MODULE_FILES.map((extension) => ({ path: match[1]! + extension, word: match[1]! })),
    );
  }
  if (command.language === 'python') {
    const match = PYTHON_IMPORT.exec(command.text);
    const name = match?.[1] ?? match?.[2];
    if (!name) return [];
    const module = name.replace(/^\.+/, '').replace(/\./g, '/');
    if (module === '') return [];
    return [`${module}.py`, `${module}/__init__.py`].map((path) => ({ path, word: name }));
  }
  return [];
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

export function joined(directory: string, path: string): string {
  return directory === '.' || path.startsWith('/') ? path : `${directory}/${path}`;
}
