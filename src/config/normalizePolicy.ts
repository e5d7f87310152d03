import type * as Raw from '../contracts/policyDocument.generated.js';
import {
  DEFAULT_APPROVALS,
  DEFAULT_PLAN_ARTIFACT,
  defaultPolicy,
  type PlanPolicy,
  type Policy,
  type PolicyException,
  type Principals,
  type Requirement,
  type RequirementTier,
  type Rule,
  type RuleMatch,
  type ValueMatcher,
} from '../model/policy.js';

/** Fills every default into a schema-valid document. */
export function normalizePolicy(raw: Raw.PolicyDocument): Policy {
  const policy = defaultPolicy();
  policy.checkName = raw.check_name ?? policy.checkName;
  for (const tier of ['critical', 'high', 'medium', 'low'] as const) {
    const rawTier = raw.tiers?.[tier];
    if (rawTier) policy.tiers[tier] = requirementsOf(tier, rawTier);
  }
  policy.distinct = raw.distinct ?? true;
  policy.retainApprovals = raw.retain_approvals ?? 'head-only';
  policy.deployers = raw.deployers ?? [];
  policy.identities = (raw.identities ?? []).map((i) => ({
    name: i.name ?? null,
    logins: i.logins,
    emails: i.emails ?? [],
  }));
  policy.rules = (raw.rules ?? []).map(ruleOf);
  policy.catalog = {
    disable: raw.catalog?.disable ?? [],
    overrides: raw.catalog?.overrides ?? [],
    defaultTier: raw.catalog?.default_tier ?? 'low',
  };
  policy.exceptions = (raw.exceptions ?? []).map(exceptionOf);
  policy.breakGlass = raw.break_glass
    ? { allowed: principalsOf(raw.break_glass.allowed), minReasonLength: raw.break_glass.min_reason_length ?? 20 }
    : null;
  policy.owners = principalsOf(raw.owners);
  policy.notifications = {
    exceptionLogIssue: raw.notifications?.exception_log_issue ?? null,
    mentionOwners: raw.notifications?.mention_owners ?? true,
    blockedAttempts: raw.notifications?.blocked_attempts ?? true,
  };
  policy.execution = {
    environments: raw.execution?.environments ?? policy.execution.environments,
    requirePlan: raw.execution?.require_plan ?? false,
    executorMayBeAuthor: raw.execution?.executor_may_be_author ?? true,
  };
  policy.plans = raw.plans ? plansOf(raw.plans) : null;
  policy.ownership = {
    catalog: (raw.catalog?.owners ?? []).map((entry) => ({ rules: entry.rules, owner: principalsOf(entry.owner) })),
    fromCodeowners: raw.owners_from_codeowners ?? false,
    notifyFindingOwners: raw.notifications?.notify_finding_owners ?? false,
  };
  return policy;
}

function plansOf(raw: NonNullable<Raw.PolicyDocument['plans']>): PlanPolicy {
  const required = raw.required ?? false;
  return {
    workflow: raw.workflow,
    artifact: raw.artifact ?? DEFAULT_PLAN_ARTIFACT,
    required,
    roots: (raw.roots ?? []).map((root) => ({ path: root.path, required: root.required ?? required })),
  };
}

function principalsOf(raw: Raw.Principals | undefined): Principals {
  return { users: raw?.users ?? [], teams: raw?.teams ?? [] };
}

function requirementsOf(tier: RequirementTier, raw: Raw.TierRequirements): Requirement[] {
  if (raw.requirements) {
    return raw.requirements.map((r, i) => {
      const name = r.name ?? `requirement ${i + 1}`;
      if (r.owner_approval) return ownerApproval(name);
      return { name, approvals: r.approvals, from: r.from ? principalsOf(r.from) : null };
    });
  }
  const approvals = raw.approvals ?? DEFAULT_APPROVALS[tier];
  const single: Requirement = {
    name: approvals === 1 ? 'independent approval' : 'independent approvals',
    approvals,
    from: raw.from ? principalsOf(raw.from) : null,
  };
  // `approvals: 0, owner_approval: true`: the owners' approvals are all the tier needs.
  if (!raw.owner_approval) return [single];
  return approvals === 0 ? [ownerApproval('owner approval')] : [single, ownerApproval('owner approval')];
}

function ownerApproval(name: string): Requirement {
  return { name, approvals: 0, from: null, ownerApproval: true };
}

function ruleOf(raw: Raw.Rule): Rule {
  const m = raw.match;
  const match: RuleMatch = {};
  if (m.kinds) match.kinds = m.kinds;
  if (m.resource_types) match.resourceTypes = m.resource_types;
  if (m.addresses) match.addresses = m.addresses;
  if (m.actions) match.actions = m.actions;
  if (m.attributes) match.attributes = m.attributes;
  if (m.values) match.values = m.values.map(valueMatcherOf);
  if (m.files) match.files = m.files;
  if (m.module_changes) match.moduleChanges = m.module_changes;
  if (m.module_source) match.moduleSource = m.module_source;
  const rule: Rule = { id: raw.id, tier: raw.tier, rationale: raw.rationale, match, origin: 'policy' };
  if (raw.owner) rule.owner = principalsOf(raw.owner);
  return rule;
}

function valueMatcherOf(raw: Raw.ValueMatcher): ValueMatcher {
  const { ignore_case: ignoreCase, widened_by: widenedBy, ...rest } = raw;
  const matcher: ValueMatcher = { ...rest };
  if (ignoreCase !== undefined) matcher.ignoreCase = ignoreCase;
  if (widenedBy !== undefined) matcher.widenedBy = widenedBy;
  return matcher;
}

function exceptionOf(raw: Raw.Exception): PolicyException {
  return {
    id: raw.id,
    description: raw.description,
    owner: raw.owner,
    justification: raw.justification,
    link: raw.link ?? null,
    created: raw.created,
    expires: raw.expires,
    scope: raw.scope,
    maxTier: raw.max_tier,
    allowed: principalsOf(raw.allowed),
  };
}
