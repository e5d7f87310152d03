import type { RecordKind } from './records.js';

/** The columns the auditors' console filters by, derived from a record's data (migration 6). */
export interface DerivedColumns {
  headSha: string | null;
  tier: string | null;
  conclusion: string | null;
  /** a JSON array, lower-cased: GitHub logins are case-insensitive */
  actors: string;
}

/**
 * What migration 5's generated columns computed from the body, computed by the app from the
 * entry it is appending (no JSON parse in the database). Read as PostgreSQL's `#>>` and lax
 * `jsonb_path_query_array` read it, so rows written before and after migration 6 agree.
 */
export function derivedColumns(entry: { kind: RecordKind; data: unknown }): DerivedColumns {
  const data: unknown = entry.data;
  const execution = entry.kind === 'execution';
  const shaKey = ['execution', 'push', 'break-glass-request'].includes(entry.kind) ? 'sha' : 'headSha';
  return {
    headSha: asText(path(data, [shaKey])),
    tier: asText(path(data, execution ? ['decision', 'tier'] : ['tier'])),
    conclusion: asText(path(data, [execution ? 'outcome' : 'conclusion'])),
    actors: JSON.stringify(actorsOf(entry.kind, data)).toLowerCase(),
  };
}

function actorsOf(kind: string, data: unknown): unknown[] {
  switch (kind) {
    case 'decision':
      return [
        ...member(all(member(member([data], 'approvals'), 'counted')), 'login'),
        ...member(member([data], 'breakGlass'), 'by'),
        ...member(member([data], 'exception'), 'usedBy'),
      ];
    case 'exception':
      return member([data], 'usedBy');
    case 'break-glass':
      return member([data], 'by');
    case 'blocked-attempt':
      return member([data], 'login');
    case 'execution':
      return member(all(member([data], 'executors')), 'login');
    default:
      return [];
  }
}

/** `.key` in lax mode: an array's elements are looked into, a missing member is no item. */
function member(items: unknown[], key: string): unknown[] {
  return items.flatMap((item) => {
    if (Array.isArray(item)) return member(item, key);
    if (typeof item === 'object' && item !== null && Object.hasOwn(item, key))
      return [(item as Record<string, unknown>)[key]];
    return [];
  });
}

/** `[*]` in lax mode: a value that is not an array is its own one element. */
function all(values: unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

/** `#>> '{a,b}'`: no member (or a non-object on the way) is NULL. */
function path(data: unknown, keys: string[]): unknown {
  let at = data;
  for (const key of keys) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** `#>>`'s text: a string as itself, JSON null as NULL, anything else as its JSON. */
function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
