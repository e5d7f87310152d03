import type { Block, Body, LiteralValue } from '../terraform/model.js';
import { knownValue } from './policyValues.js';

/**
 * An AWS policy document (identity, resource or trust policy) as its statements, read either
 * from an `aws_iam_policy_document` data source or from a JSON policy attribute (`jsonencode`,
 * a heredoc, a file's content). Reading is strict: anything whose value is not known from the
 * configuration alone (a reference, a `dynamic` block, a function, an unknown key, a merged
 * source document) gives null, and the caller treats the document as not understood.
 */
export interface PolicyStatement {
  /** the Sid, or `#<position>` when it has none: for messages only, never for matching */
  label: string;
  effect: 'Allow' | 'Deny';
  actions: ValueList | null;
  resources: ValueList | null;
  /** by principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `Principal: "*"`) */
  principals: PrincipalList | null;
  /** `test\u0000variable` → the sorted values; a statement's conditions all have to hold */
  conditions: Map<string, string[]>;
}

/** `Action` (not: false) or `NotAction` (not: true), and the same for resources. */
export interface ValueList {
  not: boolean;
  values: string[];
}

export interface PrincipalList {
  not: boolean;
  byType: Map<string, string[]>;
}

/** The arguments of `aws_iam_policy_document` a statement comparison understands. */
const DOCUMENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'version',
  'policy_id',
  'count',
  'for_each',
  'provider',
  'depends_on',
]);
const STATEMENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'sid',
  'effect',
  'actions',
  'not_actions',
  'resources',
  'not_resources',
]);

/**
 * The statements of an `aws_iam_policy_document` body. `source_policy_documents` and the other
 * merging arguments give null: removing a statement of this document can let a merged document's
 * statement with the same Sid through, which only the merged result shows.
 */
export function documentStatements(body: Body): { version: string; statements: PolicyStatement[] } | null {
  if (body.attributes.some((attribute) => !DOCUMENT_ATTRIBUTES.has(attribute.name))) return null;
  if (body.blocks.some((block) => block.type !== 'statement')) return null;
  const versionAttribute = body.attributes.find((attribute) => attribute.name === 'version');
  const version = versionAttribute ? knownValue(versionAttribute.expr) : '2012-10-17';
  if (typeof version !== 'string') return null;
  const statements: PolicyStatement[] = [];
  for (const [index, block] of body.blocks.entries()) {
    const statement = blockStatement(block, index);
    if (!statement) return null;
    statements.push(statement);
  }
  return { version, statements };
}

function blockStatement(block: Block, index: number): PolicyStatement | null {
  if (block.attributes.some((attribute) => !STATEMENT_ATTRIBUTES.has(attribute.name))) return null;
  const value = (name: string): LiteralValue | undefined | null => {
    const attribute = block.attributes.find((candidate) => candidate.name === name);
    return attribute ? knownValue(attribute.expr) : null;
  };
  const sid = value('sid');
  const effect = value('effect') ?? 'Allow';
  if (sid === undefined || (sid !== null && typeof sid !== 'string')) return null;
  if (effect !== 'Allow' && effect !== 'Deny') return null;
  const actions = valueList(value('actions'), value('not_actions'));
  const resources = valueList(value('resources'), value('not_resources'));
  const principals = blockPrincipals(block);
  const conditions = blockConditions(block);
  if (actions === undefined || resources === undefined || principals === undefined || !conditions) return null;
  return { label: sid ? `"${sid}"` : `#${index + 1}`, effect, actions, resources, principals, conditions };
}

/** undefined: not understood; null: neither list is set. */
function valueList(
  plain: LiteralValue | undefined | null,
  not: LiteralValue | undefined | null,
): ValueList | null | undefined {
  if (plain === undefined || not === undefined) return undefined;
  if (plain !== null && not !== null) return undefined;
  if (plain === null && not === null) return null;
  const values = stringList(plain ?? not);
  return values ? { not: plain === null, values } : undefined;
}

function blockPrincipals(block: Block): PrincipalList | null | undefined {
  const plain = block.blocks.filter((inner) => inner.type === 'principals');
  const not = block.blocks.filter((inner) => inner.type === 'not_principals');
  const others = block.blocks.filter((inner) => !['principals', 'not_principals', 'condition'].includes(inner.type));
  if (others.length > 0 || (plain.length > 0 && not.length > 0)) return undefined;
  const blocks = plain.length > 0 ? plain : not;
  if (blocks.length === 0) return null;
  const byType = new Map<string, string[]>();
  for (const inner of blocks) {
    const fields = blockFields(inner, ['type', 'identifiers']);
    const type = fields?.get('type');
    const identifiers = stringList(fields?.get('identifiers'));
    if (typeof type !== 'string' || !identifiers) return undefined;
    byType.set(type, [...(byType.get(type) ?? []), ...identifiers]);
  }
  return { not: not.length > 0, byType };
}

function blockConditions(block: Block): Map<string, string[]> | null {
  const conditions = new Map<string, string[]>();
  for (const inner of block.blocks.filter((candidate) => candidate.type === 'condition')) {
    const fields = blockFields(inner, ['test', 'variable', 'values']);
    const test = fields?.get('test');
    const variable = fields?.get('variable');
    const values = stringList(fields?.get('values'));
    if (typeof test !== 'string' || typeof variable !== 'string' || !values) return null;
    // Two blocks with the same test and key are merged into one key whose values are alternatives.
    const key = conditionKey(test, variable);
    if (conditions.has(key)) return null;
    conditions.set(key, [...values].sort());
  }
  return conditions;
}

/** The known values of a block made of exactly these attributes and no blocks, or null. */
function blockFields(block: Block, names: readonly string[]): Map<string, LiteralValue> | null {
  if (block.blocks.length > 0) return null;
  const fields = new Map<string, LiteralValue>();
  for (const attribute of block.attributes) {
    const value = knownValue(attribute.expr);
    if (!names.includes(attribute.name) || value === undefined) return null;
    fields.set(attribute.name, value);
  }
  return fields;
}

export function conditionKey(test: string, variable: string): string {
  return `${test}\u0000${variable}`;
}

/** A list of strings, or one string (JSON policies allow either); null when it is anything else. */
export function stringList(value: LiteralValue | undefined): string[] | null {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return null;
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') return null;
    out.push(item);
  }
  return out;
}
