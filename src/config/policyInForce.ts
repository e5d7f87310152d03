import { BUILTIN_RULE_IDS } from '../classify/catalog/index.js';
import { defaultPolicy, type Policy } from '../model/policy.js';
import type { Codeowners } from './codeowners.js';
import { loadPolicy } from './loadPolicy.js';
import type { ConfigError } from './yamlSource.js';

/**
 * The policy that judges a change, as every caller needs it: the rules to classify and decide
 * with — the file's, or the built-in defaults when there is no file or it is invalid — plus the
 * file's errors. With errors, nothing passes (the decision fails closed on them), but the
 * defaults still rate the change so the check can say what it would need.
 */
export interface PolicyInForce {
  /** where it came from: a path, `ref:path`, or `built-in defaults (…)` */
  source: string;
  policy: Policy;
  /** empty when the policy is valid */
  errors: ConfigError[];
  /**
   * The base's CODEOWNERS, read by the edge when the policy takes owners from it
   * (owners_from_codeowners; docs/owners.md); null or absent: the base has none.
   */
  codeowners?: Codeowners | null;
}

/** What was found where the policy should be. */
export type PolicyOrigin =
  | { kind: 'absent' }
  | { kind: 'text'; text: string }
  /** the file exists but could not be read or merged: `reason` says why */
  | { kind: 'unreadable'; reason: string };

/** The one way to get a policy in force, from whatever the caller found at `source`. */
export function policyInForce(source: string, origin: PolicyOrigin): PolicyInForce {
  if (origin.kind === 'absent') return { source, policy: defaultPolicy(), errors: [] };
  if (origin.kind === 'unreadable')
    return {
      source,
      policy: defaultPolicy(),
      errors: [{ message: `cannot be read: ${origin.reason}`, path: '', line: 1, column: 1 }],
    };
  const loaded = loadPolicy(origin.text, BUILTIN_RULE_IDS);
  return loaded.ok
    ? { source, policy: loaded.policy, errors: [] }
    : { source, policy: defaultPolicy(), errors: loaded.errors };
}

export function isValidPolicy(policy: PolicyInForce): boolean {
  return policy.errors.length === 0;
}
