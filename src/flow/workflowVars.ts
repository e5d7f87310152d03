import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from 'yaml';
import { cliValue } from '../terraform/cliValue.js';
import type { Expression } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';
import type { SourceFile } from '../terraform/sourceTree.js';
import type { VarAssignment, VarFile } from './varFiles.js';

const TF_VAR = /^TF_VAR_(\w+)$/;

/**
 * The `TF_VAR_<name>` environment variables a workflow sets (in its `env`, a job's, or a step's)
 * and the `-var 'name=value'` options its steps' commands give, as a var file any root declaring
 * `<name>` may be run with: Terraform takes a variable's value from them. So `TF_VAR_ssh_cidrs: '["0.0.0.0/0"]'` in a
 * deploy workflow is judged where `var.ssh_cidrs` lands. A workflow that is not valid YAML sets
 * nothing (GitHub does not run it; the change of the file is judged by the workflow rule).
 */
export function readWorkflowVarFile(file: SourceFile): VarFile {
  const lines = new LineCounter();
  const document = parseDocument(file.content, { lineCounter: lines, prettyErrors: false });
  const assignments: VarAssignment[] = [];
  const assign = (name: string, value: string, line: number) => {
    // A GitHub expression (`${{ vars.CIDRS }}`) is known only when the workflow runs, from settings
    // outside the repository: no value to judge (a change of the workflow is judged as one).
    if (value.includes('${{')) return;
    const expr = variableValue(value, file.path, line);
    assignments.push({ name, expr, text: expressionText(expr), file: file.path, line });
  };
  if (document.errors.length === 0) {
    for (const env of environments(document.contents)) {
      for (const pair of env.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value) || pair.value.value === null) continue;
        const key = String(pair.key.value);
        const line = lines.linePos(pair.key.range?.[0] ?? 0).line;
        const name = TF_VAR.exec(key)?.[1];
        if (name !== undefined) assign(name, String(pair.value.value), line);
        else if (isCliArgs(key)) cliArgsVarOptions(String(pair.value.value), line, assign);
      }
    }
    for (const run of commands(document.contents)) {
      const script = String(run.value);
      // A block scalar (`run: |`) starts on the line after its key.
      const first = lines.linePos(run.range?.[0] ?? 0).line + (run.type?.startsWith('BLOCK') ? 1 : 0);
      commandVarOptions(script, first, assign);
    }
  }
  return { path: file.path, autoLoaded: false, anyRoot: true, assignments, diagnostics: [] };
}

/** `-var 'name=value'`, `-var="name=value"`, `-var name=value` in a shell command line: up to the word. */
const VAR_OPTION = /(?:^|\s)--?var(?:=|[ \t]+)/g;

/** Sets a variable from its name, its value's text and the line it is on. */
export type VarAssign = (name: string, value: string, line: number) => void;

/** The `-var name=value` options of a command (a script of several lines: each on its own line). */
export function commandVarOptions(script: string, firstLine: number, assign: VarAssign): void {
  for (const match of script.matchAll(VAR_OPTION)) {
    const start = match.index + match[0].length;
    const option = shellWord(script, start);
    const equals = option.indexOf('=');
    if (equals <= 0) continue;
    assign(
      option.slice(0, equals),
      option.slice(equals + 1),
      firstLine + (script.slice(0, start).match(/\n/g)?.length ?? 0),
    );
  }
}

/**
 * `TF_CLI_ARGS` and `TF_CLI_ARGS_<command>` (`TF_CLI_ARGS_apply`): Terraform adds their words to
 * the command line, so a `-var` in them sets a variable as one written in the command does.
 */
export function isCliArgs(name: string): boolean {
  return /^TF_CLI_ARGS(_\w+)?$/.test(name);
}

/** The `-var` options of a `TF_CLI_ARGS` value (its words, as Terraform splits them). */
export function cliArgsVarOptions(value: string, line: number, assign: VarAssign): void {
  commandVarOptions(` ${value}`, line, assign);
}

/**
 * The shell word at `start`, its quotes removed as the shell does: `'…'` as written, `"…"` with
 * `\"`, `\\`, `\$` and `\`` unescaped, a backslash before a line break joining the lines.
 */
export function shellWord(text: string, start: number): string {
  let word = '';
  let i = start;
  while (i < text.length && !/\s/.test(text[i]!)) {
    const c = text[i]!;
    if (text.startsWith('${{', i)) {
      // GitHub replaces its expressions before the shell reads the line: one piece, spaces and all.
      const end = text.indexOf('}}', i + 3);
      word += text.slice(i, end < 0 ? text.length : end + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word += text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) i++;
        word += text[i];
        i++;
      }
      i++;
    } else if (c === '\\') {
      if (text[i + 1] !== '\n') word += text[i + 1] ?? '';
      i += 2;
    } else {
      word += c;
      i++;
    }
  }
  return word;
}

/** The `run` scripts of a workflow's steps. */
function commands(root: Node | null): Scalar[] {
  const out: Scalar[] = [];
  const jobs = isMap(root) ? root.get('jobs', true) : null;
  if (!isMap(jobs)) return out;
  for (const job of jobs.items) {
    const steps = isPair(job) && isMap(job.value) ? job.value.get('steps', true) : null;
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      const run = isMap(step) ? step.get('run', true) : null;
      if (isScalar(run) && typeof run.value === 'string') out.push(run);
    }
  }
  return out;
}

/** The `env` maps of a workflow: its own, each job's, each step's. */
function environments(root: Node | null): Extract<Node, { items: unknown[] }>[] {
  const out: Extract<Node, { items: unknown[] }>[] = [];
  const envOf = (node: unknown) => {
    if (!isMap(node)) return;
    const env = node.get('env', true);
    if (isMap(env)) out.push(env);
  };
  envOf(root);
  const jobs = isMap(root) ? root.get('jobs', true) : null;
  if (!isMap(jobs)) return out;
  for (const job of jobs.items) {
    if (!isPair(job)) continue;
    envOf(job.value);
    const steps = isMap(job.value) ? job.value.get('steps', true) : null;
    if (isSeq(steps)) for (const step of steps.items) envOf(step);
  }
  return out;
}

/** A `TF_VAR_` or `-var` value on a line of a file (see terraform/cliValue.ts). */
export function variableValue(text: string, path: string, line: number): Expression {
  const position = { line, column: 1, offset: 0 };
  return cliValue(text, { start: position, end: position }, path);
}
