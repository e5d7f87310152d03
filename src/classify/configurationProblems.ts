import type { ChangeSet, Unparsed } from '../change/changeSet.js';
import type { Diagnostic } from '../terraform/model.js';
import { moduleDirectory } from '../terraform/modulePaths.js';

export const UNPARSEABLE_RULE_ID = 'unparseable';
export const INVALID_CONFIGURATION_RULE_ID = 'invalid-configuration';

/**
 * A syntax error or invalid configuration the change did not cause and cannot be affected by:
 * present identically at the base, in a module the change neither touches nor reaches. It is
 * shown, but it does not rate the change.
 */
export interface ClassificationWarning {
  /** the rule it would be a finding of: `unparseable` or `invalid-configuration` */
  ruleId: string;
  /** module directory ('.' for the root) */
  module: string;
  file: string;
  line: number;
  message: string;
}

/** What a configuration problem becomes: a critical finding, or a warning when it is old and out of reach. */
export interface ProblemOutcome {
  findings: ProblemFinding[];
  warnings: ClassificationWarning[];
}

interface ProblemFinding {
  module: string;
  address: string;
  kind: 'file' | 'problem';
  action: string;
  ruleId: string;
  rationale: string;
  file: string;
  line: number;
}

/**
 * Files that do not parse and configurations Terraform rejects fail closed (critical findings),
 * unless they are old news: the same error in the same unchanged file at both revisions, or the
 * same problem at both, in a module no change touches or reaches. Those are warnings, so a broken
 * corner of a repository does not rate every unrelated pull request critical.
 */
export function configurationProblems(changeSet: ChangeSet): ProblemOutcome {
  const touched = touchedModules(changeSet);
  const outcome: ProblemOutcome = { findings: [], warnings: [] };
  addUnparsedFiles(changeSet, touched, outcome);
  addInvalidConfigurations(changeSet, touched, outcome);
  return outcome;
}

/** Files that do not parse: a warning when the same error is in the same unchanged file at both sides, out of reach. */
function addUnparsedFiles(changeSet: ChangeSet, touched: ReadonlySet<string>, outcome: ProblemOutcome): void {
  const changedFiles = new Set(
    changeSet.files.flatMap((file) => (file.previousPath ? [file.path, file.previousPath] : [file.path])),
  );
  for (const unparsed of changeSet.unparsed) {
    const error = firstError(unparsed);
    const module = moduleDirectory(unparsed.path);
    const old = changeSet.unparsed.some(
      (other) => other.side !== unparsed.side && other.path === unparsed.path && sameError(firstError(other), error),
    );
    if (old && !changedFiles.has(unparsed.path) && !touched.has(module)) {
      // Both revisions list the file; one warning is enough.
      if (unparsed.side === 'head')
        outcome.warnings.push({
          ruleId: UNPARSEABLE_RULE_ID,
          module,
          file: unparsed.path,
          line: error?.range.start.line ?? 1,
          message: errorText(error),
        });
      continue;
    }
    outcome.findings.push({
      module: '',
      address: unparsed.path,
      kind: 'file',
      action: unparsed.side === 'head' ? 'unparseable' : 'unparseable-base',
      ruleId: UNPARSEABLE_RULE_ID,
      rationale: `cannot be classified: ${error ? `${error.message} (line ${error.range.start.line})` : 'syntax error'}; fix the syntax so Four Eyes can see what changes`,
      file: unparsed.path,
      line: error?.range.start.line ?? 1,
    });
  }
}

/** Configurations Terraform rejects at the head: a warning when the base has the same problem, out of reach. */
function addInvalidConfigurations(changeSet: ChangeSet, touched: ReadonlySet<string>, outcome: ProblemOutcome): void {
  const baseProblems = changeSet.problems.filter((p) => p.side === 'base');
  for (const problem of changeSet.problems.filter((p) => p.side === 'head')) {
    const file = problem.files[0] ?? '';
    const old = baseProblems.some(
      (other) =>
        other.module === problem.module &&
        withoutLines(other.message) === withoutLines(problem.message) &&
        sameList(other.files, problem.files),
    );
    if (old && !touched.has(problem.module)) {
      outcome.warnings.push({
        ruleId: INVALID_CONFIGURATION_RULE_ID,
        module: problem.module,
        file,
        line: lineIn(problem.message, file),
        message: problem.message,
      });
      continue;
    }
    outcome.findings.push({
      module: problem.module,
      address: problem.address,
      kind: 'problem',
      action: 'invalid',
      ruleId: INVALID_CONFIGURATION_RULE_ID,
      rationale: `${problem.message}; Terraform would reject this configuration, so what it does cannot be classified`,
      file,
      line: 1,
    });
  }
}

/**
 * Modules of changed files and changed objects, and the modules changed values flow into. A file
 * changed in its comments and layout only touches nothing: it configures the same.
 */
function touchedModules(changeSet: ChangeSet): Set<string> {
  const modules = new Set<string>(changeSet.reachedModules ?? []);
  const cosmetic = new Set(changeSet.cosmeticFiles ?? []);
  for (const file of changeSet.files) {
    if (file.status === 'modified' && cosmetic.has(file.path)) continue;
    modules.add(moduleDirectory(file.path));
    if (file.previousPath) modules.add(moduleDirectory(file.previousPath));
  }
  for (const change of changeSet.changes) {
    modules.add(change.module);
    if (change.from) modules.add(change.from.module);
  }
  return modules;
}

function firstError(unparsed: Unparsed): Diagnostic | undefined {
  return unparsed.diagnostics.find((d) => d.severity === 'error');
}

function sameError(a: Diagnostic | undefined, b: Diagnostic | undefined): boolean {
  return a !== undefined && b !== undefined && a.message === b.message && a.range.start.line === b.range.start.line;
}

function errorText(error: Diagnostic | undefined): string {
  return error ? `${error.message} (line ${error.range.start.line})` : 'syntax error';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Problem messages name their places as `file:line`; the first one in the problem's file. */
function lineIn(message: string, file: string): number {
  const at = message.indexOf(file + ':');
  const line = at < 0 ? NaN : Number.parseInt(message.slice(at + file.length + 1), 10);
  return Number.isFinite(line) && line > 0 ? line : 1;
}

/**
 * A problem's message without the line numbers of its places: a comment added above a duplicate
 * moves it, and a module whose files changed otherwise than in comments and layout is touched anyway.
 */
function withoutLines(message: string): string {
  return message.replace(/(\.tf(?:\.json)?|\.tofu(?:\.json)?):\d+/g, '$1');
}
