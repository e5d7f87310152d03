import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { isEnvironmentFilePath, isJenkinsfilePath, isScriptPath } from '../terraform/configurationFiles.js';
import type { Expression } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';
import type { SourceFile } from '../terraform/sourceTree.js';
import type { VarAssignment, VarFile } from './varFiles.js';
import {
  cliArgsVarOptions,
  commandVarOptions,
  isCliArgs,
  shellWord,
  type VarAssign,
  variableValue,
} from './workflowVars.js';

/**
 * The variables an environment file (`.envrc`, `.env`: `export TF_VAR_ssh_cidrs='["0.0.0.0/0"]'`)
 * or another CI system's pipeline (GitLab's `variables:`, a Jenkinsfile's `environment { … }`,
 * `-var 'name=value'` in a command) sets, as a var file any root declaring them may be run with,
 * as a GitHub Actions workflow's are (flow/workflowVars.ts). Which deployment loads the file is
 * not in the repository; that it sets a root's variable is, and a change of it is judged where
 * the variable lands. A value the shell or the CI system fills in (`$CIDRS`, `${env.CIDRS}`,
 * `$(…)`) is known only then. In a pipeline it sets nothing (the pipeline's change is judged as
 * one). In an environment file, which no rule judges as a file, it is kept as its text: otherwise
 * `'["10.0.0.0/8"]'` turned into `"$(curl -s …)"` would take the variable back to its default,
 * and the change could look like none at all.
 */
export function readEnvironmentVarFile(file: SourceFile): VarFile {
  const assignments: VarAssignment[] = [];
  // A script is judged as a file only when a pipeline runs it (change/ciRunFiles.ts): its values are kept as an environment file's.
  const environmentFile = isEnvironmentFilePath(file.path) || isScriptPath(file.path);
  const assign = (name: string, value: string, line: number) => {
    const atRunTime = value.includes('$');
    if (atRunTime && !environmentFile) return;
    const position = { line, column: 1, offset: 0 };
    const expr: Expression = atRunTime
      ? { kind: 'literal', value, range: { start: position, end: position } }
      : variableValue(value, file.path, line);
    assignments.push({ name, expr, text: expressionText(expr), file: file.path, line });
  };
  if (file.content.includes('TF_VAR_') || /-var\b/.test(file.content)) {
    const yaml = /\.ya?ml$/.test(file.path) && !environmentFile;
    if (yaml) yamlAssignments(file.content, assign);
    else if (isJenkinsfilePath(file.path)) groovyAssignments(file.content, assign);
    else lineAssignments(file.content, isDotenvPath(file.path) ? dotenvValue : shellWord, assign);
  }
  return { path: file.path, autoLoaded: false, anyRoot: true, assignments, diagnostics: [] };
}

type Assign = VarAssign;

/** How a line's value is read from where it starts. */
type ValueReader = (line: string, start: number) => string;

/**
 * `TF_VAR_name=value` (after `export`, `ENV`, `env.`, in a Jenkinsfile's `environment`) and
 * `-var name=value`, line by line, each value read as the file's format reads it.
 */
function lineAssignments(text: string, value: ValueReader, assign: Assign): void {
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trimStart().startsWith('#')) continue;
    for (const match of line.matchAll(TF_VAR_ASSIGNMENT))
      assign(match[1]!, value(line, match.index + match[0].length), index + 1);
    for (const match of line.matchAll(CLI_ARGS_ASSIGNMENT))
      cliArgsVarOptions(value(line, match.index + match[0].length), index + 1, assign);
    commandVarOptions(line, index + 1, assign);
  }
}

/**
 * A Jenkinsfile is Groovy: `TF_VAR_x = '…'` in an `environment` block gives a string written out
 * (`credentials('id')` or `"${env.X}"` is known only when it runs), and its `sh '…'` strings are
 * the commands whose `-var` options count.
 */
function groovyAssignments(text: string, assign: Assign): void {
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trimStart().startsWith('//')) continue;
    for (const match of line.matchAll(GROOVY_TF_VAR)) assign(match[1]!, match[3]!, index + 1);
    for (const match of line.matchAll(GROOVY_STRING)) commandVarOptions(match[2]!, index + 1, assign);
  }
}

/** `TF_VAR_x = 'value'` or `= "value"`: a string literal alone (a `-var` in any string, `TF_CLI_ARGS = '…'`'s too, counts as a command's). */
const GROOVY_TF_VAR = /(?:^|[\s;(]|env\.)TF_VAR_(\w+)[ \t]*=[ \t]*(['"])((?:(?!\2).)*)\2[ \t]*(?:$|[;)}])/g;
/** A Groovy string on one line: `'…'` or `"…"` (triple-quoted strings over several lines are not read). */
const GROOVY_STRING = /(['"])((?:(?!\1).)*)\1/g;

/** A `.env` file (not direnv's `.envrc`, which is a shell script): read by dotenv loaders, not by a shell. */
function isDotenvPath(path: string): boolean {
  return !path.endsWith('.envrc');
}

/** A dotenv value: the rest of the line, without the quotes around all of it (`KEY=["0.0.0.0/0"]` is that text). */
function dotenvValue(line: string, start: number): string {
  const rest = line.slice(start).trim();
  const quote = rest[0];
  if ((quote === '"' || quote === "'") && rest.length > 1 && rest.endsWith(quote)) return rest.slice(1, -1);
  return rest;
}

/** `TF_VAR_x=`, `TF_VAR_x =` (Groovy, make), at the start of a word. */
const TF_VAR_ASSIGNMENT = /(?:^|[\s;(]|env\.)TF_VAR_(\w+)[ \t]*=[ \t]*/g;
/** `TF_CLI_ARGS=`, `TF_CLI_ARGS_apply=`: Terraform's extra command-line words (workflowVars.isCliArgs). */
const CLI_ARGS_ASSIGNMENT = /(?:^|[\s;(]|env\.)TF_CLI_ARGS(?:_\w+)?[ \t]*=[ \t]*/g;

/**
 * Every `TF_VAR_<name>: value` of a YAML pipeline, wherever it is (GitLab's `variables`, at the
 * top or in a job, also as `{ value: … }`; CircleCI's `environment`; Azure's `variables`, also as
 * `- name: TF_VAR_<name>` with its `value`), every
 * `TF_VAR_<name>=value` item of a list, and the `-var` options and `export TF_VAR_`s of its
 * strings (the commands of its jobs).
 */
function yamlAssignments(text: string, assign: Assign): void {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) return;
  const lineOf = (node: Node | null | undefined) => lines.linePos(node?.range?.[0] ?? 0).line;
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      // Azure Pipelines' `- name: TF_VAR_x` / `value: …` items of `variables`.
      const named = node.get('name', true);
      const namedVariable = isScalar(named) ? TF_VAR_KEY.exec(String(named.value))?.[1] : undefined;
      const namedValue = node.get('value', true);
      if (namedVariable !== undefined && isScalar(namedValue) && namedValue.value !== null)
        assign(namedVariable, String(namedValue.value), lineOf(namedValue));
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const name = TF_VAR_KEY.exec(key)?.[1];
        const value = isMap(pair.value) ? pair.value.get('value', true) : pair.value;
        const known = isScalar(value) && value.value !== null;
        if (name !== undefined && known) assign(name, String(value.value), lineOf(pair.key as Node));
        else if (isCliArgs(key) && known) cliArgsVarOptions(String(value.value), lineOf(pair.key as Node), assign);
        else visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
      separateVarOptions(node.items, lineOf, assign);
    } else if (isScalar(node) && typeof node.value === 'string') {
      // A block scalar (`script: |`) starts on the line after its key.
      const first = lineOf(node) + (node.type?.startsWith('BLOCK') ? 1 : 0);
      for (const [offset, line] of node.value.split('\n').entries()) {
        for (const match of line.matchAll(TF_VAR_ASSIGNMENT)) {
          assign(match[1]!, shellWord(line, match.index + match[0].length), first + offset);
        }
        commandVarOptions(line, first + offset, assign);
      }
    }
  };
  visit(document.contents);
}

const TF_VAR_KEY = /^TF_VAR_(\w+)$/;

/**
 * `-var` and its value as two items of a list of arguments (Atlantis' `extra_args: ["-var",
 * "name=value"]`): the value is the item as YAML gives it, no shell between them.
 */
function separateVarOptions(items: unknown[], lineOf: (node: Node) => number, assign: Assign): void {
  for (let i = 0; i + 1 < items.length; i++) {
    const option = items[i];
    const value = items[i + 1];
    if (!isScalar(option) || (option.value !== '-var' && option.value !== '--var')) continue;
    if (!isScalar(value) || typeof value.value !== 'string') continue;
    const equals = value.value.indexOf('=');
    if (equals > 0) assign(value.value.slice(0, equals), value.value.slice(equals + 1), lineOf(value));
  }
}
