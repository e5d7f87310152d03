import { type ChangeSet, headModulesOf } from '../change/changeSet.js';
import type { Classification } from '../classify/classify.js';
import type { Policy } from '../model/policy.js';
import { classifyPlan } from '../plan/classifyPlan.js';
import { combineFindings } from '../plan/combineFindings.js';
import { planDigest } from '../plan/planDigest.js';
import type { PlanEvidence } from '../plan/planEvidence.js';
import { guessPlanRoot, planLocator } from '../plan/planLocator.js';
import type { PlanError } from '../plan/planModel.js';

/** What the decision says about the plans: which were judged (with the digest approval binds to), and which not. */
export interface PlanSummary {
  judged: {
    source: string;
    /** the root directory it was made in, when known */
    root: string | null;
    digest: string;
    terraformVersion: string | null;
    resourceChanges: number;
  }[];
  ignored: { source: string; reason: string }[];
  unreadable: PlanError[];
  missing: PlanEvidence['missing'];
}

export interface JudgedPlans {
  /** the code's findings and the plans', the higher tier winning per object */
  classification: Classification;
  summary: PlanSummary;
}

/** Classifies each plan where it was made (its root, for positions in the code) and adds its findings to the code's. */
export function judgePlans(
  evidence: PlanEvidence,
  changeSet: ChangeSet,
  policy: Policy,
  code: Classification,
): JudgedPlans {
  const modules = headModulesOf(changeSet);
  const judged: PlanSummary['judged'] = [];
  const classifications: Classification[] = [];
  for (const plan of evidence.plans) {
    const root = evidence.roots?.[plan.source] ?? guessPlanRoot(modules, plan);
    classifications.push(classifyPlan(plan, policy, root === null ? {} : { root, locate: planLocator(modules, root) }));
    judged.push({
      source: plan.source,
      root,
      digest: planDigest(plan),
      terraformVersion: plan.terraformVersion,
      resourceChanges: plan.resourceChanges.length,
    });
  }
  return {
    classification: combineFindings(code, classifications),
    summary: { judged, ignored: evidence.ignored, unreadable: evidence.unreadable, missing: evidence.missing },
  };
}
