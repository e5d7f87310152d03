import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { PolicyDocument } from './policyDocument.generated.js';
import type { PrFacts } from './prFacts.generated.js';
import { policySchema, prFactsSchema } from './schemas.generated.js';

/**
 * The validators of the public contracts, each compiled once, on first use, from the schema
 * constants generated out of config-schema/ (the files published for editors): what Ajv accepts
 * is exactly what the generated types describe.
 */

// ajv-formats is CommonJS: its module object is the plugin, and `default` names the same function.
const addFormats = addFormatsModule.default;

let ajv: Ajv2020 | null = null;

function compiler(): Ajv2020 {
  if (ajv) return ajv;
  // strictRequired is off: the policy's tier schema says "not both approvals and requirements"
  // with `not: {required}`, which names keys the `not` itself does not declare.
  ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  return ajv;
}

function once<T>(compile: () => ValidateFunction<T>): () => ValidateFunction<T> {
  let validator: ValidateFunction<T> | null = null;
  return () => (validator ??= compile());
}

/** `.github/four-eyes.yml`, as config-schema/four-eyes.schema.json defines it. */
export const policyDocumentValidator = once(() => compiler().compile<PolicyDocument>(policySchema));

/** A PR facts document, as config-schema/pr-facts.schema.json defines it. */
export const prFactsValidator = once(() => compiler().compile<PrFacts>(prFactsSchema));
