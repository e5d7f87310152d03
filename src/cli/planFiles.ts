import { NO_PLAN_EVIDENCE, type PlanEvidence } from '../plan/planEvidence.js';
import type { Plan, PlanError } from '../plan/planModel.js';
import { UsageError } from './errors.js';
import { isFileSystemError, readPlanFile } from './planFile.js';

/**
 * The plans named on the command line (`--plan plan.json`, or `--plan stacks/prod=plan.json` to
 * say which root directory it was made in), read. A plan that cannot be read is kept as
 * unreadable, with its reason: the decision then fails closed, as the app's would.
 */
export function readPlanFiles(command: string, specs: readonly string[]): PlanEvidence {
  if (specs.length === 0) return NO_PLAN_EVIDENCE;
  const evidence: PlanEvidence = { plans: [], unreadable: [], ignored: [], missing: null, roots: {} };
  for (const spec of specs) {
    const { root, file } = splitSpec(spec);
    const result = readPlan(command, file);
    if ('error' in result) {
      evidence.unreadable.push(result.error);
      continue;
    }
    evidence.plans.push(result.plan);
    if (root !== null) evidence.roots![file] = root;
  }
  return evidence;
}

function splitSpec(spec: string): { root: string | null; file: string } {
  const at = spec.indexOf('=');
  if (at <= 0) return { root: null, file: spec };
  const root = spec.slice(0, at).replace(/\/+$/, '') || '.';
  return { root, file: spec.slice(at + 1) };
}

function readPlan(command: string, file: string): { plan: Plan } | { error: PlanError } {
  try {
    return readPlanFile(file);
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    const code = error.code;
    throw new UsageError(
      `${command}: cannot read the plan ${file}${code ? ` (${code})` : ''}; give the output of \`terraform show -json plan.tfplan\``,
    );
  }
}
