import type { ExceptionInUse, FollowUpIssue, PolicyExceptions, RecordPage } from '../audit/consoleStore.js';
import { recordDataOf } from '../audit/records.js';
import { type ExceptionRow, exceptionRows } from './exceptionRows.js';
import { html, type SafeHtml } from './html.js';
import type { IssueState } from './issueStates.js';
import { CONSOLE_ROOT } from './layout.js';

const DAY_MS = 86_400_000;
const EXPIRING_DAYS = 14;

/**
 * The exceptions in force across the viewer's repositories: those of the policy each repository's
 * latest decision was judged under, with how often each was used; then those used but no longer
 * in that policy.
 */
export function exceptionsBody(policies: PolicyExceptions[], used: ExceptionInUse[], now: Date): SafeHtml {
  const today = now.toISOString().slice(0, 10);
  const rows = exceptionRows(policies, used, today);
  return html`<h1>Exceptions in force</h1>
<p>Every exception of the policy each repository's latest decision was judged under (${today}), with how often pull requests used it. Expired ones are marked; rows expiring within ${EXPIRING_DAYS} days are highlighted. For a repository whose latest decision was recorded before decisions listed their policy's exceptions, the exceptions used and not expired are shown as their latest use described them.</p>
${rows.inForce.length ? exceptionTable(rows.inForce, now, today) : html`<p class="notice">No exception is in force.</p>`}
${
  rows.dropped.length
    ? html`<h2>Used, no longer in the policy</h2>
<p>Exceptions pull requests used that the latest decision's policy no longer has.</p>
${exceptionTable(rows.dropped, now, today)}`
    : null
}`;
}

function exceptionTable(rows: ExceptionRow[], now: Date, today: string): SafeHtml {
  return html`<table><thead><tr><th scope="col">Exception</th><th scope="col">Repository</th><th scope="col">Owner</th><th scope="col">Expires</th><th scope="col" class="num">Uses</th><th scope="col">Latest use</th><th scope="col">Description</th></tr></thead>
<tbody>${rows.map((row) => exceptionRow(row, now, today))}</tbody></table>`;
}

function exceptionRow({ repository, exception: e, uses, latest, from }: ExceptionRow, now: Date, today: string) {
  const expired = e.expires < today;
  const soon = !expired && Date.parse(`${e.expires}T00:00:00Z`) - now.getTime() <= EXPIRING_DAYS * DAY_MS;
  const mark = expired
    ? html` <strong class="failure">(expired)</strong>`
    : soon
      ? html` <strong>(expires within ${EXPIRING_DAYS} days)</strong>`
      : null;
  const latestUse = latest
    ? html`<a href="${CONSOLE_ROOT}/records/${latest.seq}">#${latest.seq}</a> by ${latest.usedBy}`
    : html`<span class="muted">never used</span>`;
  const source = from === 'use' ? html` <span class="muted">(as its latest use described it)</span>` : null;
  return html`<tr${soon ? html` class="soon"` : expired ? html` class="expired"` : null}><th scope="row">${e.id}</th><td>${repository}</td><td>${e.owner}</td><td>${e.expires}${mark}</td><td class="num">${uses}</td><td>${latestUse}</td><td>${e.description}${source}</td></tr>`;
}

/** Every break-glass use, newest first, with its follow-up review issue. */
export function breakGlassBody(
  page: RecordPage,
  issues: FollowUpIssue[],
  states: ReadonlyMap<string, IssueState>,
  pager: SafeHtml,
): SafeHtml {
  const issueOf = new Map(issues.map((i) => [`${i.repository}#${i.decisionSeq}`, i]));
  return html`<h1>Break-glass</h1>
<p>Every use of break-glass, newest first, with the follow-up review issue Four Eyes opened for it. Whether an issue is closed is read from GitHub as the page is shown: the audit log records its opening, not its closing.</p>
${
  page.records.length
    ? html`<table><thead><tr><th scope="col" class="num">Record</th><th scope="col">When</th><th scope="col">Repository</th><th scope="col" class="num">PR</th><th scope="col">By</th><th scope="col">Reason</th><th scope="col">Tier</th><th scope="col">Follow-up review</th></tr></thead>
<tbody>${page.records.map((record) => {
        const d = recordDataOf('break-glass', record);
        const issue = issueOf.get(`${record.repository}#${d.decisionSeq}`);
        return html`<tr><th scope="row" class="num"><a href="${CONSOLE_ROOT}/records/${record.seq}">#${record.seq}</a></th><td>${d.at}</td><td>${record.repository}</td><td class="num">${record.pullRequest}</td><td>${d.by}</td><td>${d.reason}</td><td>${d.tier}</td><td>${followUp(issue, states)}</td></tr>`;
      })}</tbody></table>
${pager}`
    : html`<p class="notice">No break-glass has been used.</p>`
}`;
}

function followUp(issue: FollowUpIssue | undefined, states: ReadonlyMap<string, IssueState>): SafeHtml {
  if (!issue) return html`<span class="muted">none recorded</span>`;
  if (!issue.url) return html`being opened`;
  const state = states.get(issue.url);
  return html`<a href="${issue.url}">${issue.url.replace(/^https?:\/\/[^/]+\//, '')}</a> ${state ? html`<span class="${state === 'closed' ? 'success' : 'failure'}">${state}</span>` : html`<span class="muted">(state unknown)</span>`}`;
}
