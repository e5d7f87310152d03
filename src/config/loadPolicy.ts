import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { normalizePolicy, type RawPolicyDocument } from './normalizePolicy.js';
import { defaultPolicy, type Policy } from '../model/policy.js';
import { describeSchemaErrors } from './schemaErrors.js';
import { checkSemantics } from './semanticChecks.js';
import { parseYamlSource, type ConfigError } from './yamlSource.js';

export const POLICY_PATH = '.github/four-eyes.yml';

export type PolicyLoad =
  | { ok: true; policy: Policy; errors: [] }
  | { ok: false; policy: null; errors: ConfigError[] };

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
let validator: ValidateFunction | null = null;

/** The schema is the one published for editors: one definition, no drift. */
function schemaValidator(): ValidateFunction {
  if (validator) return validator;
  const schemaUrl = new URL('../../config-schema/four-eyes.schema.json', import.meta.url);
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as object;
  // strictRequired is off: the tier schema's oneOf says "not both approvals and requirements" with `not: {required}`.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv, ['date', 'email', 'uri']);
  validator = ajv.compile(schema);
  return validator;
}

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
    return { ok: false, policy: null, errors: [{ message: `the policy must be a mapping of keys to values (line ${at.line}, column ${at.column})`, path: '', ...at }] };
  }
  const validate = schemaValidator();
  if (!validate(value)) return { ok: false, policy: null, errors: describeSchemaErrors(validate.errors ?? [], source) };
  const semanticErrors = checkSemantics(value as never, source, knownRuleIds);
  if (semanticErrors.length) return { ok: false, policy: null, errors: semanticErrors };
  return { ok: true, policy: normalizePolicy(value as RawPolicyDocument), errors: [] };
}

/** No policy file: the built-in catalog with the default requirements. */
export function policyWhenAbsent(): Policy {
  return defaultPolicy();
}
