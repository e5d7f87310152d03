import { policyDocumentValidator } from '../contracts/validators.js';
import type { Policy } from '../model/policy.js';
import { normalizePolicy } from './normalizePolicy.js';
import { describeSchemaErrors } from './schemaErrors.js';
import { checkSemantics } from './semanticChecks.js';
import { type ConfigError, parseYamlSource } from './yamlSource.js';

export const POLICY_PATH = '.github/four-eyes.yml';

export type PolicyLoad = { ok: true; policy: Policy; errors: [] } | { ok: false; policy: null; errors: ConfigError[] };

/**
 * Parses and validates a policy file. Invalid files never yield a policy: the caller fails
 * closed with the errors, each of which names the key, the problem and the line.
 * `knownRuleIds` are the built-in catalog's ids (catalog.disable/overrides must name them).
 */
export function loadPolicy(text: string, knownRuleIds: ReadonlySet<string>): PolicyLoad {
  const source = parseYamlSource(text);
  if (source.syntaxErrors.length) return { ok: false, policy: null, errors: source.syntaxErrors };
  const value = source.value ?? {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const at = source.locate([]);
    return {
      ok: false,
      policy: null,
      errors: [
        {
          message: `the policy must be a mapping of keys to values (line ${at.line}, column ${at.column})`,
          path: '',
          ...at,
        },
      ],
    };
  }
  // The schema is the one published for editors: a value it accepts has the generated type.
  const validate = policyDocumentValidator();
  if (!validate(value)) return { ok: false, policy: null, errors: describeSchemaErrors(validate.errors ?? [], source) };
  const semanticErrors = checkSemantics(value, source, knownRuleIds);
  if (semanticErrors.length) return { ok: false, policy: null, errors: semanticErrors };
  return { ok: true, policy: normalizePolicy(value), errors: [] };
}
