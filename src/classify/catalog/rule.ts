import type { RequirementTier, Rule, RuleMatch, ValueMatcher } from '../../model/policy.js';

/** A built-in rule; the argument order reads like a catalog row: id, tier, what it matches, why. */
export function rule(id: string, tier: RequirementTier, match: RuleMatch, rationale: string): Rule {
  return { id, tier, rationale, match, origin: 'catalog' };
}

/**
 * `NotAction`, `NotResource` and `NotPrincipal` grant everything but a list in an `Allow`
 * statement (the default effect); in a `Deny` statement they are guardrails.
 */
export const DENY_STATEMENT = { key: 'Effect', equals: 'Deny' } as const;

/**
 * Resources that apply any Kubernetes object from its manifest, by provider (the kubernetes
 * provider's, and the community kubectl provider's): what they do is decided by the manifest's
 * `kind` and body, so the rules about manifests are made once per provider.
 */
export const KUBERNETES_MANIFESTS: readonly (readonly [provider: string, type: string])[] = [
  ['kubernetes', 'kubernetes_manifest'],
  ['kubectl', 'kubectl_manifest'],
];

/** One matcher per attribute path glob, all testing the value the same way. */
export function valuesAt(attributes: readonly string[], test: Omit<ValueMatcher, 'attribute'>): ValueMatcher[] {
  return attributes.map((attribute) => ({ attribute, ...test }));
}

/**
 * A rule per manifest resource (KUBERNETES_MANIFESTS) for the Kubernetes objects whose `kind`
 * matches `kinds`: `<family>.<provider>.<what>`.
 */
export function manifestKindRules(
  family: string,
  what: string,
  tier: RequirementTier,
  kinds: string,
  rationale: string,
): Rule[] {
  return KUBERNETES_MANIFESTS.map(([provider, type]) =>
    rule(
      `${family}.${provider}.${what}`,
      tier,
      { kinds: ['resource'], resourceTypes: [type], values: [{ attribute: '**', key: 'kind', regex: kinds }] },
      rationale,
    ),
  );
}
