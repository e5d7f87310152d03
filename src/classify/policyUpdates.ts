import type { Change } from '../change/changeSet.js';
import type { Body } from '../terraform/model.js';
import { compareGrants, type GrantComparison, type PolicyDocument } from './grantComparison.js';
import { jsonStatements } from './policyJson.js';
import { documentStatements } from './policyStatements.js';
import { knownAttributeValue } from './policyValues.js';

/** Arguments of AWS resources that hold one policy document as JSON (identity, resource or trust policy). */
const POLICY_ARGUMENTS: ReadonlySet<string> = new Set(['policy', 'assume_role_policy']);

/** `statement[3].actions`, `dynamic.statement[0].for_each`: paths inside a document's statements. */
const STATEMENT_PATH = /^(dynamic\.)?statement(\[\d+\])?(\.|$)/;

/**
 * What an update does to the grants of an AWS policy document, or null when it is not an update
 * of one document alone: another argument changed too, or either side cannot be read (a
 * reference, a `dynamic` block whose `for_each` is not known, a merged source document: see policyStatements.ts). Only then
 * can the rules that rate every change of a policy rate this one by what it grants.
 */
export function policyUpdate(change: Change): GrantComparison | null {
  if (change.action !== 'update' || !change.base || !change.head || change.changedPaths.length === 0) return null;
  if (change.kind === 'data') {
    if (!change.address.startsWith('data.aws_iam_policy_document.')) return null;
    if (!change.changedPaths.every((path) => STATEMENT_PATH.test(path))) return null;
    return compared(documentStatements(change.base.body), documentStatements(change.head.body));
  }
  if (change.kind !== 'resource' || !change.address.startsWith('aws_')) return null;
  if (change.changedPaths.length !== 1 || !POLICY_ARGUMENTS.has(change.changedPaths[0]!)) return null;
  const name = change.changedPaths[0]!;
  return compared(jsonPolicy(change.base.body, name), jsonPolicy(change.head.body, name));
}

function compared(base: PolicyDocument | null, head: PolicyDocument | null): GrantComparison | null {
  return base && head ? compareGrants(base, head) : null;
}

function jsonPolicy(body: Body, name: string): PolicyDocument | null {
  const attribute = body.attributes.find((candidate) => candidate.name === name);
  return attribute ? jsonStatements(knownAttributeValue(attribute)) : null;
}
