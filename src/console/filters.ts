import { LISTED_KINDS, type ListedKind, type RecordQuery } from '../audit/consoleStore.js';

export const TIERS = ['critical', 'high', 'medium', 'low', 'none'] as const;
/** a decision's and a merge group's conclusions, and an execution's outcomes */
export const CONCLUSIONS = ['success', 'failure', 'action_required', 'neutral', 'approved', 'rejected'] as const;

/** The filters' form fields, as the reader typed them (to fill the form again and build links). */
const FILTER_FIELDS = ['repository', 'pr', 'sha', 'tier', 'conclusion', 'kind', 'actor', 'from', 'to'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];
export type FilterValues = Partial<Record<FilterField, string>>;

export interface ParsedFilters {
  values: FilterValues;
  query: Omit<RecordQuery, 'visible'>;
  /** what could not be understood, field by field: nothing is listed until it is fixed */
  errors: string[];
}

const DAY_MS = 86_400_000;

/** The query string's filters, checked: a value not understood is an error, never a filter silently dropped. */
export function parseFilters(search: URLSearchParams): ParsedFilters {
  const values: FilterValues = {};
  for (const field of FILTER_FIELDS) {
    const value = search.get(field)?.trim();
    if (value) values[field] = value;
  }
  const query: Omit<RecordQuery, 'visible'> = {};
  const errors: string[] = [];
  const { repository, pr, sha, tier, conclusion, kind, actor, from, to } = values;
  if (repository !== undefined) {
    if (/^[\w.-]+\/[\w.-]+$/.test(repository)) query.repository = repository;
    else errors.push('Repository: write it as owner/name.');
  }
  if (pr !== undefined) {
    if (/^[1-9]\d{0,8}$/.test(pr)) query.pullRequest = Number(pr);
    else errors.push('Pull request: a number such as 42.');
  }
  if (sha !== undefined) {
    if (/^[0-9a-fA-F]{7,40}$/.test(sha)) query.headSha = sha.toLowerCase();
    else errors.push('Head SHA: 7 to 40 hexadecimal digits.');
  }
  if (tier !== undefined) {
    if ((TIERS as readonly string[]).includes(tier)) query.tier = tier;
    else errors.push(`Tier: one of ${TIERS.join(', ')}.`);
  }
  if (conclusion !== undefined) {
    if ((CONCLUSIONS as readonly string[]).includes(conclusion)) query.conclusion = conclusion;
    else errors.push(`Conclusion: one of ${CONCLUSIONS.join(', ')}.`);
  }
  if (kind !== undefined) {
    if ((LISTED_KINDS as readonly string[]).includes(kind)) query.kind = kind as ListedKind;
    else errors.push(`Kind: one of ${LISTED_KINDS.join(', ')}.`);
  }
  if (actor !== undefined) {
    if (/^[A-Za-z0-9-]+(\[bot\])?$/.test(actor)) query.actor = actor;
    else errors.push('Actor: a GitHub login.');
  }
  const since = from === undefined ? undefined : dayStart(from);
  if (since === null) errors.push('From: a date such as 2026-01-31.');
  else if (since !== undefined) query.since = since;
  const until = to === undefined ? undefined : dayStart(to);
  // `to` is the last day included: records before the next day's start.
  if (until === null) errors.push('To: a date such as 2026-01-31.');
  else if (until !== undefined) query.until = new Date(Date.parse(until) + DAY_MS).toISOString();
  return { values, query, errors };
}

function dayStart(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const at = Date.parse(`${date}T00:00:00.000Z`);
  return Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== date ? null : new Date(at).toISOString();
}

/** The filters as a query string (with `extra` parameters), for links that keep them. */
export function filterSearch(values: FilterValues, extra: Record<string, string | number> = {}): string {
  const search = new URLSearchParams();
  for (const field of FILTER_FIELDS) if (values[field]) search.set(field, values[field]);
  for (const [key, value] of Object.entries(extra)) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
