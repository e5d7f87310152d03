import { POLICY_FILE_RULE_ID, type Policy, type Rule } from '../model/policy.js';

/** The catalog as the policy adjusts it (disabled rules dropped, overrides applied), then the policy's own rules. */
export function effectiveRules(catalog: readonly Rule[], policy: Policy): Rule[] {
  const disabled = new Set(policy.catalog.disable);
  const overrides = new Map(policy.catalog.overrides.map((o) => [o.id, o]));
  const rules: Rule[] = [];
  for (const rule of catalog) {
    // Validation rejects policies that try; this keeps the guarantee even for hand-built policies.
    if (rule.id === POLICY_FILE_RULE_ID) {
      rules.push(rule);
      continue;
    }
    if (disabled.has(rule.id)) continue;
    const override = overrides.get(rule.id);
    rules.push(
      override ? { ...rule, tier: override.tier ?? rule.tier, rationale: override.rationale ?? rule.rationale } : rule,
    );
  }
  return [...rules, ...policy.rules];
}
