import { policyDocument, prFacts } from './validators.generated.js';

/**
 * The validators of the public contracts, compiled ahead of time from config-schema/ (the files
 * published for editors) by scripts/validators.mjs: what they accept is exactly what the generated
 * types describe, and no process spends its start compiling them.
 */

/** `.github/four-eyes.yml`, as config-schema/four-eyes.schema.json defines it. */
export const policyDocumentValidator = () => policyDocument;

/** A PR facts document, as config-schema/pr-facts.schema.json defines it. */
export const prFactsValidator = () => prFacts;
