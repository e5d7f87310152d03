import { LISTED_KINDS, type PageAt, type RecordPage } from '../audit/consoleStore.js';
import { CONCLUSIONS, type FilterValues, filterSearch, TIERS } from './filters.js';
import { html, type SafeHtml } from './html.js';
import { CONSOLE_ROOT } from './layout.js';
import { recordLine } from './recordRows.js';

/** The page asked for by the query string: `older`/`newer` than a record, `last`, else the first. */
export function pageAtOf(search: URLSearchParams): PageAt {
  const older = search.get('older');
  const newer = search.get('newer');
  if (older && /^\d{1,15}$/.test(older)) return { at: 'older', than: Number(older) };
  if (newer && /^\d{1,15}$/.test(newer)) return { at: 'newer', than: Number(newer) };
  if (search.get('last') === '1') return { at: 'last' };
  return { at: 'first' };
}

const KIND_LABELS: Record<string, string> = {
  decision: 'decision',
  exception: 'exception use',
  'break-glass': 'break-glass',
  execution: 'execution',
  'merge-group': 'merge group',
  'blocked-attempt': 'blocked attempt',
};

/** The filters' form: every input labelled, the current values filled in, GET so that a filter is a link. */
function filterForm(values: FilterValues, errors: string[]): SafeHtml {
  const select = (
    name: 'tier' | 'conclusion' | 'kind',
    label: string,
    options: readonly string[],
  ) => html`<label>${label}
<select name="${name}"><option value="">any</option>${options.map(
    (o) => html`<option value="${o}"${values[name] === o ? html` selected` : null}>${KIND_LABELS[o] ?? o}</option>`,
  )}</select></label>`;
  const input = (name: 'repository' | 'pr' | 'sha' | 'actor' | 'from' | 'to', label: string, type = 'text') =>
    html`<label>${label}<input type="${type}" name="${name}" value="${values[name] ?? ''}"${type === 'text' ? html` autocomplete="off"` : null}></label>`;
  return html`${errors.length ? html`<div class="error" role="alert"><p>These filters are not understood; nothing is listed until they are fixed:</p><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : null}
<form class="filters" method="get" action="${CONSOLE_ROOT}/decisions" aria-label="Filters">
${input('repository', 'Repository (owner/name)')}
${input('pr', 'Pull request')}
${input('sha', 'Head SHA')}
${select('tier', 'Tier', TIERS)}
${select('conclusion', 'Conclusion', CONCLUSIONS)}
${select('kind', 'Kind', LISTED_KINDS)}
${input('actor', 'Actor (login)')}
${input('from', 'From (date)', 'date')}
${input('to', 'To (date, included)', 'date')}
<div class="actions"><button class="primary" type="submit">Filter</button><a href="${CONSOLE_ROOT}/decisions">Clear</a></div>
</form>`;
}

/** The table of records, newest first, each linking to its page, with the pager around it. */
export function decisionsBody(
  values: FilterValues,
  errors: string[],
  result: { page: RecordPage; total: number } | null,
): SafeHtml {
  const exportLinks = html`<p>Export these records: <a href="${CONSOLE_ROOT}/export.csv${filterSearch(values)}">CSV</a> · <a href="${CONSOLE_ROOT}/export.jsonl${filterSearch(values)}">JSON Lines</a></p>`;
  return html`<h1>Decisions</h1>
${filterForm(values, errors)}
${
  result
    ? html`<p aria-live="polite">${result.total.toLocaleString('en')} ${result.total === 1 ? 'record matches' : 'records match'}, newest first.</p>
${exportLinks}
${recordTable(result.page)}
${pager(values, result.page, `${CONSOLE_ROOT}/decisions`)}`
    : null
}`;
}

function recordTable(page: RecordPage): SafeHtml {
  if (page.records.length === 0) return html`<p class="notice">No records here.</p>`;
  return html`<table>
<caption class="skip">Audit records, newest first</caption>
<thead><tr><th scope="col" class="num">Record</th><th scope="col">Recorded (UTC)</th><th scope="col">Kind</th><th scope="col">Repository</th><th scope="col" class="num">PR</th><th scope="col">Head SHA</th><th scope="col">Tier</th><th scope="col">Conclusion</th><th scope="col">Actor</th><th scope="col">Summary</th></tr></thead>
<tbody>
${page.records.map((record) => {
  const line = recordLine(record);
  return html`<tr><th scope="row" class="num"><a href="${CONSOLE_ROOT}/records/${record.seq}">#${record.seq}</a></th><td class="nowrap">${record.recordedAt.slice(0, 16).replace('T', ' ')}</td><td>${KIND_LABELS[record.kind] ?? record.kind}</td><td>${record.repository}</td><td class="num">${record.pullRequest}</td><td><code>${line.headSha.slice(0, 8)}</code></td><td>${line.tier}</td><td class="${line.conclusion}">${line.conclusion}</td><td>${line.actor}</td><td>${line.detail}</td></tr>`;
})}
</tbody>
</table>`;
}

/** First, newer, older and last: keyset links, so a page deep in 100,000 records costs what the first does. */
export function pager(values: FilterValues, page: RecordPage, path: string): SafeHtml {
  const first = page.records[0];
  const last = page.records.at(-1);
  const link = (label: string, extra: Record<string, string | number> | null, rel?: string) =>
    extra
      ? html`<a href="${path}${filterSearch(values, extra)}"${rel ? html` rel="${rel}"` : null}>${label}</a>`
      : html`<span class="muted">${label}</span>`;
  return html`<nav class="pager" aria-label="Pages">
${link('« Newest', page.hasNewer ? {} : null)}
${link('‹ Newer', page.hasNewer && first ? { newer: first.seq } : null, 'prev')}
${link('Older ›', page.hasOlder && last ? { older: last.seq } : null, 'next')}
${link('Oldest »', page.hasOlder ? { last: 1 } : null)}
</nav>`;
}
