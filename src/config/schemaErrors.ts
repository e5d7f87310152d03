import type { ErrorObject } from 'ajv';
import { type ConfigError, formatPath, type YamlPath, type YamlSource } from './yamlSource.js';

/**
 * Turns ajv's errors into sentences a repo admin can act on: which key, what is wrong, what
 * would be right, and where (line, column).
 */
export function describeSchemaErrors(
  errors: ErrorObject[],
  source: YamlSource,
  rootName = 'the policy',
): ConfigError[] {
  const out: ConfigError[] = [];
  const seen = new Set<string>();
  for (const error of mergeMissingKeys(errors)) {
    // Failures inside a oneOf's branches are summarised by the oneOf error itself.
    if (error.schemaPath.includes('/oneOf/')) continue;
    const path = pointerToPath(error.instancePath);
    const isUnknownKey = error.keyword === 'additionalProperties';
    const target = isUnknownKey
      ? [...path, String((error.params as { additionalProperty: string }).additionalProperty)]
      : path;
    const message = describe(error, path, rootName);
    const at = source.locate(target, isUnknownKey);
    const key = `${at.line}:${at.column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ message: `${message} (line ${at.line}, column ${at.column})`, path: formatPath(target), ...at });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** One message per object for all of its missing keys, rather than one per key. */
function mergeMissingKeys(errors: ErrorObject[]): ErrorObject[] {
  const merged: ErrorObject[] = [];
  const byObject = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== 'required') {
      merged.push(error);
      continue;
    }
    const key = error.instancePath + '\u0000' + error.schemaPath;
    const first = byObject.get(key);
    const property = String((error.params as { missingProperty: string }).missingProperty);
    if (first) {
      const params = first.params as { missingProperty: string };
      params.missingProperty += ',' + property;
    } else {
      const copy = { ...error, params: { missingProperty: property } };
      byObject.set(key, copy);
      merged.push(copy);
    }
  }
  return merged;
}

function pointerToPath(pointer: string): YamlPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(segment) ? Number(segment) : segment;
    });
}

function describe(error: ErrorObject, path: YamlPath, rootName: string): string {
  const where = formatPath(path) || rootName;
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  const got = `got ${show(error.data)}`;
  switch (error.keyword) {
    case 'type':
      return `${where} must be ${typeDescription(String(params.type), schema)}, ${got}`;
    case 'minimum':
      return `${where} must be ≥ ${String(params.limit)}, ${got}`;
    case 'maximum':
      return `${where} must be ≤ ${String(params.limit)}, ${got}`;
    case 'additionalProperties':
      return unknownKey(where === rootName ? '' : where + '.', String(params.additionalProperty), schema);
    case 'required':
      return missingKeys(where, String(params.missingProperty).split(','));
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map(show).join(', ')}, ${got}`;
    case 'const':
      return `${where} must be ${show(params.allowedValue)}, ${got}`;
    case 'pattern':
      return `${where} must be ${patternDescription(String(params.pattern), schema)}, ${got}`;
    case 'format':
      return `${where} must be ${formatDescription(String(params.format))}, ${got}`;
    case 'minItems':
      return `${where} must list at least ${String(params.limit)} item(s)`;
    case 'uniqueItems':
      return `${where} lists the same value twice (items ${String(params.j)} and ${String(params.i)}); remove one`;
    case 'minLength':
      return Number(params.limit) <= 1
        ? `${where} must not be empty`
        : `${where} must be at least ${String(params.limit)} characters long, ${got}`;
    case 'maxLength':
      return `${where} must be at most ${String(params.limit)} characters long`;
    case 'minProperties':
      return `${where} must set at least ${String(params.limit)} of: ${Object.keys((schema.properties ?? {}) as object).join(', ')}`;
    case 'oneOf':
      // A named requirement (tiers.<tier>.requirements[i]) or a tier.
      return typeof path[path.length - 1] === 'number'
        ? `${where} needs either "approvals" (with an optional "from") or "owner_approval: true", not both`
        : `${where} needs either "approvals" (with an optional "from") or a list of "requirements", not both`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** A key the schema does not allow where it is (`prefix`: its parent's path and a dot), and the closest allowed key. */
function unknownKey(prefix: string, key: string, schema: Record<string, unknown>): string {
  const allowed = Object.keys((schema.properties ?? {}) as object);
  const suggestion = closest(key, allowed);
  return `${prefix}${key} is not a known key${suggestion ? `; did you mean "${suggestion}"?` : ''} (allowed here: ${allowed.join(', ')})`;
}

function missingKeys(where: string, missing: string[]): string {
  return missing.length === 1
    ? `${where} is missing "${missing[0]}", which is required`
    : `${where} is missing ${missing.map((m) => `"${m}"`).join(', ')}, which are required`;
}

/** What a pattern stands for: the schema's description of the value when it has one, else the pattern itself. */
function patternDescription(pattern: string, schema: Record<string, unknown>): string {
  const description = typeof schema.description === 'string' ? schema.description.replace(/\.$/, '') : '';
  return description ? description.charAt(0).toLowerCase() + description.slice(1) : `text matching ${pattern}`;
}

function typeDescription(type: string, schema: Record<string, unknown>): string {
  switch (type) {
    case 'integer': {
      const min = schema.minimum;
      return typeof min === 'number' ? `an integer ≥ ${min}` : 'an integer';
    }
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping of keys to values';
    default:
      return type.split(',').join(' or ');
  }
}

function formatDescription(format: string): string {
  switch (format) {
    case 'date':
      return 'a date written YYYY-MM-DD';
    case 'email':
      return 'an e-mail address';
    case 'uri':
      return 'an absolute URL (https://…)';
    default:
      return `in ${format} format`;
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

/** The allowed key nearest to a misspelt one (edit distance ≤ 2), for "did you mean". */
function closest(word: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
