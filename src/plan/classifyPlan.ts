import { BUILTIN_CATALOG } from '../classify/catalog/index.js';
import { type Classification, classifyChange, compareFindings, type Finding } from '../classify/classify.js';
import { effectiveRules } from '../classify/effectiveRules.js';
import { isFileRule, objectRuleMatches } from '../classify/ruleMatch.js';
import { maxTier, type Policy, type Rule, type Tier } from '../model/policy.js';
import { type PlanObjectChange, type PlanObjectLocator, planChanges } from './planChanges.js';
import type { Plan } from './planModel.js';
import { rulesByChangeShape } from './planRules.js';
import { unknownWatched } from './unknownWatched.js';

export const PLAN_ERRORED_RULE_ID = 'plan-errored';
const UNKNOWN_VALUE_PREFIX = 'known only after apply';

export interface PlanClassificationOptions {
  /** the root directory the plan was made in, when the edge knows it: findings name it */
  root?: string;
  /** where the plan's objects are in the code, so findings point at the HCL */
  locate?: PlanObjectLocator;
  catalog?: readonly Rule[];
}

/**
 * A plan judged by the same rules as the code: each planned change of an object (see
 * planChanges.ts) gets the findings a change of the code would, from the values Terraform will
 * set; a value the rules watch that is known only after apply fires the rule as unknown, since
 * nothing can show it is safe. An errored plan is incomplete: critical. Every finding names the plan.
 */
export function classifyPlan(plan: Plan, policy: Policy, options: PlanClassificationOptions = {}): Classification {
  const rules = effectiveRules(options.catalog ?? BUILTIN_CATALOG, policy).filter((rule) => !isFileRule(rule));
  const root = options.root ?? plan.source;
  const rulesFor = rulesByChangeShape(rules);
  const findings: Finding[] = [];
  // A read is judged only by rules that ask for reads (classifyChange, unknownFindings): without one, skip it unbuilt.
  const judged = (shape: Parameters<typeof rulesFor>[0]) =>
    shape.action !== 'read' || rulesFor(shape).some((rule) => rule.match.actions?.includes('read'));
  for (const item of planChanges(plan, options.locate, judged)) {
    const change = { ...item.change, instances: [{ root, address: item.stateAddress }] };
    const shaped = rulesFor(change);
    const own = classifyChange(change, shaped, policy);
    const unknown = unknownFindings({ ...item, change }, shaped, own);
    const judged = unknown.length > 0 ? [...own.filter((f) => f.ruleId !== 'default'), ...unknown] : own;
    for (const finding of judged) findings.push({ ...finding, plan: plan.source });
  }
  if (plan.errored) findings.push(erroredFinding(plan));
  findings.sort(compareFindings);
  return {
    tier: findings.reduce<Tier>((tier, finding) => maxTier(tier, finding.tier), 'none'),
    findings,
    warnings: [],
  };
}

/** Value rules that would judge the change, and whose watched values are unknown: they fire, as unknown. */
function unknownFindings(item: PlanObjectChange, rules: readonly Rule[], found: readonly Finding[]): Finding[] {
  if (item.unknownPaths.length === 0) return [];
  const fired = new Set(found.map((finding) => finding.ruleId));
  const common = found[0];
  const out: Finding[] = [];
  for (const rule of rules) {
    const matchers = rule.match.values;
    if (matchers === undefined || fired.has(rule.id) || common === undefined) continue;
    if (item.change.action === 'read' && !rule.match.actions?.includes('read')) continue;
    const path = item.unknownPaths.find((unknown) => matchers.some((m) => unknownWatched(m.attribute, unknown)));
    if (path === undefined || !objectRuleMatches(withoutValues(rule), item.change)) continue;
    const what = path === '' ? 'The whole object is' : `${path} is`;
    out.push({
      ...common,
      tier: rule.tier,
      ruleId: rule.id,
      rationale: `${what} ${UNKNOWN_VALUE_PREFIX}, so Four Eyes cannot show it does not match this rule; review what it will be. The rule: ${rule.rationale}`,
    });
  }
  return out;
}

/** A value rule's other filters (types, actions, attributes): what it would judge, whatever the values. */
function withoutValues(rule: Rule): Rule {
  let found = filtersOnly.get(rule);
  if (found === undefined) {
    const { values: _values, ...filters } = rule.match;
    found = { ...rule, match: filters };
    filtersOnly.set(rule, found);
  }
  return found;
}

const filtersOnly = new WeakMap<Rule, Rule>();

function erroredFinding(plan: Plan): Finding {
  return {
    module: '',
    address: plan.source,
    kind: 'file',
    action: 'modified',
    tier: 'critical',
    ruleId: PLAN_ERRORED_RULE_ID,
    rationale:
      'Terraform stopped planning on an error: the plan is incomplete, so what it leaves out cannot be judged. Fix the error and plan again',
    file: plan.source,
    line: 1,
    changedPaths: [],
    plan: plan.source,
  };
}
