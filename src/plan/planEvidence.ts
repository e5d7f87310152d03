import type { Plan, PlanError } from './planModel.js';

/**
 * The plans an edge gathered for one head SHA, translated into our terms: the app from the
 * artifacts of a trusted workflow run, the CLI from `--plan` files. The pipeline judges `plans`,
 * fails closed on `unreadable`, and reports `ignored` and `missing` with their reasons.
 */
export interface PlanEvidence {
  /** trusted plans for this head, read */
  plans: Plan[];
  /**
   * The root directory each plan was made in, by the plan's source, when the edge knows it (the
   * app's per-root artifact entries, the CLI's `--plan dir=file`); otherwise it is guessed from
   * where the plan's resources are in the code.
   */
  roots?: Record<string, string>;
  /** trusted plan files that cannot be read (invalid JSON, an unknown format version): nothing in them can be judged */
  unreadable: PlanError[];
  /** plans found but not trusted (a workflow the PR changed, another head SHA), each with its reason */
  ignored: { source: string; reason: string }[];
  /**
   * With `plans.required`, why no trusted plan judges this head: `waiting` while the plan
   * workflow has not finished (the check stays pending), `failed` when it failed or uploaded none.
   */
  missing: { state: 'waiting' | 'failed'; reason: string } | null;
}

/** No plan: what callers pass when the policy asks for none and none was given. */
export const NO_PLAN_EVIDENCE: PlanEvidence = { plans: [], unreadable: [], ignored: [], missing: null };
