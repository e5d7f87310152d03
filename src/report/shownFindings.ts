import type { Finding } from '../classify/classify.js';

/** A finding as a person reads it: the same judgement under several var files is one row. */
export interface ShownFinding extends Finding {
  /**
   * When the same finding is made under more than one set of values: each, in order (null: the
   * auto-loaded values alone, else the var file used besides them).
   */
  varFiles?: (string | null)[];
}

/**
 * The findings to show: those that differ only in the var file whose values made them (and so in
 * the digest of those values) are shown once, naming every var file. A root compared under seven
 * var files otherwise lists the same object, rule, tier, paths and route seven times; a reviewer
 * reads one row and the list of values it holds under. Findings that say anything else
 * differently (a route, a rationale naming what a grant adds, what a value rule matched) stay
 * apart. The first of each kind keeps its place. Reports only: the classification, its JSON and
 * the audit record keep every finding with its own values.
 */
export function shownFindings(findings: readonly Finding[]): ShownFinding[] {
  // Only an object judged under a var file can have rows to merge: the others are shown as they
  // are, without the cost of comparing them (a 1,000-file pull request has 2,000 findings).
  const underVarFiles = new Set(findings.filter((f) => f.varFile !== undefined).map(objectOf));
  if (underVarFiles.size === 0) return [...findings];
  const byKind = new Map<string, ShownFinding>();
  const shown: ShownFinding[] = [];
  for (const finding of findings) {
    if (!underVarFiles.has(objectOf(finding))) {
      shown.push(finding);
      continue;
    }
    const { varFile, valueDigest: _values, ...said } = finding;
    const kind = JSON.stringify(said);
    const first = byKind.get(kind);
    if (first === undefined) {
      const row: ShownFinding = { ...finding };
      byKind.set(kind, row);
      shown.push(row);
      continue;
    }
    const context = varFile ?? null;
    const contexts = first.varFiles ?? [first.varFile ?? null];
    if (!contexts.includes(context)) first.varFiles = [...contexts, context];
  }
  return shown;
}

/** The object and rule a finding is about: the rows that may merge share it. */
function objectOf(finding: Finding): string {
  return `${finding.module}\u0000${finding.address}\u0000${finding.ruleId}`;
}

/** Var files named in full in a route line; beyond them, a count. */
const NAMED_VAR_FILES = 5;

/** `the auto-loaded values, a.tfvars, b.tfvars and 3 more var files`. */
export function valuesText(varFiles: readonly (string | null)[]): string {
  const names = varFiles.map((file) => file ?? 'the auto-loaded values alone');
  if (names.length <= NAMED_VAR_FILES + 1) return names.join(', ');
  return `${names.slice(0, NAMED_VAR_FILES).join(', ')} and ${names.length - NAMED_VAR_FILES} more var files`;
}
