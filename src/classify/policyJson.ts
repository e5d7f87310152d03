import type { LiteralValue } from '../terraform/model.js';
import {
  conditionKey,
  type PolicyStatement,
  type PrincipalList,
  stringList,
  type ValueList,
} from './policyStatements.js';

const DOCUMENT_KEYS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

type JsonObject = { [key: string]: LiteralValue };

function isObject(value: LiteralValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The statements of a JSON policy document (the structure of `jsonencode` or of parsed JSON
 * text). Keys are case-sensitive as in IAM; an unknown key, a non-string value where IAM wants
 * strings, or a missing Effect gives null.
 */
export function jsonStatements(
  document: LiteralValue | undefined,
): { version: string; statements: PolicyStatement[] } | null {
  if (!isObject(document) || Object.keys(document).some((key) => !DOCUMENT_KEYS.has(key))) return null;
  const version = document.Version ?? '2008-10-17';
  if (typeof version !== 'string') return null;
  const raw = document.Statement;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : null;
  if (!list) return null;
  const statements: PolicyStatement[] = [];
  for (const [index, item] of list.entries()) {
    const statement = isObject(item) ? jsonStatement(item, index) : null;
    if (!statement) return null;
    statements.push(statement);
  }
  return { version, statements };
}

function jsonStatement(item: JsonObject, index: number): PolicyStatement | null {
  if (Object.keys(item).some((key) => !STATEMENT_KEYS.has(key))) return null;
  const { Sid: sid, Effect: effect } = item;
  if (sid !== undefined && typeof sid !== 'string') return null;
  if (effect !== 'Allow' && effect !== 'Deny') return null;
  const actions = jsonList(item.Action, item.NotAction);
  const resources = jsonList(item.Resource, item.NotResource);
  const principals = jsonPrincipals(item.Principal, item.NotPrincipal);
  const conditions = jsonConditions(item.Condition);
  if (actions === undefined || resources === undefined || principals === undefined || !conditions) return null;
  return { label: sid ? `"${sid}"` : `#${index + 1}`, effect, actions, resources, principals, conditions };
}

function jsonList(plain: LiteralValue | undefined, not: LiteralValue | undefined): ValueList | null | undefined {
  if (plain !== undefined && not !== undefined) return undefined;
  if (plain === undefined && not === undefined) return null;
  const values = stringList(plain ?? not);
  return values ? { not: plain === undefined, values } : undefined;
}

function jsonPrincipals(
  plain: LiteralValue | undefined,
  not: LiteralValue | undefined,
): PrincipalList | null | undefined {
  if (plain !== undefined && not !== undefined) return undefined;
  const value = plain ?? not;
  if (value === undefined) return null;
  const byType = new Map<string, string[]>();
  if (value === '*') byType.set('*', ['*']);
  else if (isObject(value)) {
    for (const [type, identifiers] of Object.entries(value)) {
      const list = stringList(identifiers);
      if (!list) return undefined;
      byType.set(type, list);
    }
  } else return undefined;
  return { not: plain === undefined, byType };
}

function jsonConditions(value: LiteralValue | undefined): Map<string, string[]> | null {
  const conditions = new Map<string, string[]>();
  if (value === undefined) return conditions;
  if (!isObject(value)) return null;
  for (const [test, keys] of Object.entries(value)) {
    if (!isObject(keys)) return null;
    for (const [variable, raw] of Object.entries(keys)) {
      const list = Array.isArray(raw) ? raw : [raw];
      if (list.some((item) => typeof item !== 'string' && typeof item !== 'boolean' && typeof item !== 'number'))
        return null;
      conditions.set(conditionKey(test, variable), list.map(String).sort());
    }
  }
  return conditions;
}
