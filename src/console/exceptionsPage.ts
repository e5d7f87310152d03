import type { ExceptionInUse, FollowUpIssue, RecordPage } from '../audit/consoleStore.js';
import { recordDataOf } from '../audit/records.js';
import { html, type SafeHtml } from './html.js';
import type { IssueState } from './issueStates.js';
import { CONSOLE_ROOT } from './layout.js';

const DAY_MS = 86_400_000;
const EXPIRING_DAYS = 14;

/**
 * The exceptions in force that were used, across the viewer's repositories: the store records an
 * exception when it is used, so one never used is not known here (it is in the policy file).
 */
export function exceptionsBody(exceptions: ExceptionInUse[], now: Date): SafeHtml {
  const today = now.toISOString().slice(0, 10);
  const inForce = exceptions
    .map((e) => ({ ...e, data: recordDataOf('exception', e.latest) }))
    .filter((e) => e.data.expires >= today);
  return html`<h1>Exceptions in force</h1>
<p>Every exception a pull request used, still in force today (${today}), as its latest use described it. Rows expiring within ${EXPIRING_DAYS} days are highlighted. An exception never used yet is only in its repository's policy file.</p>
${
  inForce.length
    ? html`<table><thead><tr><th scope="col">Exception</th><th scope="col">Repository</th><th scope="col">Owner</th><th scope="col">Expires</th><th scope="col" class="num">Uses</th><th scope="col">Latest use</th><th scope="col">Description</th></tr></thead>
<tbody>${inForce.map((e) => {
        const soon = Date.parse(`${e.data.expires}T00:00:00Z`) - now.getTime() <= EXPIRING_DAYS * DAY_MS;
        return html`<tr${soon ? html` class="soon"` : null}><th scope="row">${e.data.id}</th><td>${e.repository}</td><td>${e.data.owner}</td><td>${e.data.expires}${soon ? html` <strong>(expires within ${EXPIRING_DAYS} days)</strong>` : null}</td><td class="num">${e.uses}</td><td><a href="${CONSOLE_ROOT}/records/${e.latest.seq}">#${e.latest.seq}</a> by ${e.data.usedBy}</td><td>${e.data.description}</td></tr>`;
      })}</tbody></table>`
    : html`<p class="notice">No exception in force has been used.</p>`
}`;
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
