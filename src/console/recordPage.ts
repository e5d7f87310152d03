import type { StoredRecord } from '../audit/chain.js';
import { type ExportRow, toRow } from '../audit/export.js';
import type { RecordData } from '../audit/records.js';
import type { GitHubLinks } from './githubLinks.js';
import { html, type SafeHtml } from './html.js';
import { CONSOLE_ROOT } from './layout.js';
import { recordLine } from './recordRows.js';

type DecisionData = RecordData<'decision'>;

/** A record's page: its place in the chain and its anchor, then what it says (a decision in full). */
export function recordBody(record: StoredRecord, related: StoredRecord[], links: GitHubLinks): SafeHtml {
  const row = toRow(record);
  const line = recordLine(record);
  const title = row.kind === 'decision' ? row.data.title : line.detail;
  return html`<h1>Record #${record.seq}: ${row.kind}</h1>
<p>${title}</p>
<dl class="facts">
<dt>Repository</dt><dd><a href="${links.repository(record.repository)}">${record.repository}</a></dd>
${record.pullRequest !== null ? html`<dt>Pull request</dt><dd><a href="${links.pullRequest(record.repository, record.pullRequest)}">#${record.pullRequest}</a></dd>` : null}
${line.headSha ? html`<dt>Head SHA</dt><dd><a class="mono" href="${links.commit(record.repository, line.headSha)}">${line.headSha}</a></dd>` : null}
<dt>Recorded</dt><dd>${record.recordedAt}</dd>
${line.tier ? html`<dt>Tier</dt><dd>${line.tier}</dd>` : null}
${line.conclusion ? html`<dt>Conclusion</dt><dd class="${line.conclusion}">${line.conclusion}</dd>` : null}
${line.actor ? html`<dt>Actor</dt><dd>${line.actor}</dd>` : null}
<dt>Delivery</dt><dd class="mono">${record.deliveryId ?? 'none (recorded by the command line)'}</dd>
</dl>
<h2>Place in the audit chain</h2>
<dl class="facts">
<dt>Sequence number</dt><dd>${record.seq}</dd>
<dt>Hash</dt><dd class="mono">${record.hash}</dd>
<dt>Previous hash</dt><dd class="mono">${record.prevHash}</dd>
<dt>Anchor</dt><dd><code>four-eyes audit verify --expect ${record.seq}:${record.hash}</code></dd>
</dl>
${row.kind === 'decision' ? decisionDetails(row.data, record.repository, links) : null}
${relatedRecords(row, related)}
<details><summary>The record as stored (JSON)</summary>
<pre>${JSON.stringify(row.data, null, 2)}</pre>
</details>`;
}

function decisionDetails(d: DecisionData, repository: string, links: GitHubLinks): SafeHtml {
  return html`<dl class="facts">
<dt>Base SHA</dt><dd><a class="mono" href="${links.commit(repository, d.baseSha)}">${d.baseSha}</a></dd>
<dt>Impact digest</dt><dd class="mono">${d.impactDigest}</dd>
<dt>Policy</dt><dd>${d.policy?.source} ${d.policy?.valid === false ? html`<span class="failure">(invalid)</span>` : null}</dd>
${'policyFiles' in d ? html`<dt>Policy files</dt><dd>${d.policyFiles.map((f) => html`<span class="mono">${f.source} (blob ${f.blobSha})</span> `)}</dd>` : null}
${'recordedBy' in d ? html`<dt>Recorded by</dt><dd>${d.recordedBy} (the command line: facts typed, not read from GitHub)</dd>` : null}
<dt>Evaluated</dt><dd>${d.evaluatedAt}</dd>
</dl>
${d.blocking?.length ? html`<h2>Blocking</h2><ul>${d.blocking.map((b) => html`<li><strong>${b.code}</strong>: ${b.reason}</li>`)}</ul>` : null}
${findingsTable(d, repository, links)}
${requirementsTable(d)}
${approvalsSection(d)}
${d.exception ? html`<h2>Exception used</h2><p><strong>${d.exception.id}</strong> (owner ${d.exception.owner}, expires ${d.exception.expires}), used by ${d.exception.usedBy}: ${d.exception.justification}</p>` : null}
${d.breakGlass ? html`<h2>Break-glass</h2><p>${d.breakGlass.by} at ${d.breakGlass.at} on <span class="mono">${d.breakGlass.sha}</span>: ${d.breakGlass.reason}</p>` : null}
${plansSection(d)}`;
}

function findingsTable(d: DecisionData, repository: string, links: GitHubLinks): SafeHtml {
  if (!d.findings?.length) return html`<h2>Findings</h2><p>None.</p>`;
  return html`<h2>Findings</h2>
<table><thead><tr><th scope="col">Tier</th><th scope="col">Rule</th><th scope="col">Object</th><th scope="col">Change</th><th scope="col">Where</th><th scope="col">Why</th></tr></thead>
<tbody>${d.findings.map((f) => {
    // A deleted file or object is only at the base.
    const sha = /^delete/.test(f.action) ? d.baseSha : d.headSha;
    return html`<tr><td>${f.tier}</td><td>${f.ruleId}</td><td class="mono">${f.address}</td><td>${f.action}</td><td>${f.file ? html`<a href="${links.file(repository, sha, f.file, f.line)}">${f.file}:${f.line}</a>` : null}${f.via?.length ? html`<br><span class="muted">via ${f.via.join('; ')}</span>` : null}</td><td>${f.rationale}</td></tr>`;
  })}</tbody></table>`;
}

function requirementsTable(d: DecisionData): SafeHtml {
  if (!d.requirements?.length) return html`<h2>Requirements</h2><p>None.</p>`;
  return html`<h2>Requirements</h2>
<table><thead><tr><th scope="col">Requirement</th><th scope="col" class="num">Needed</th><th scope="col">From</th><th scope="col">Filled by</th><th scope="col" class="num">Missing</th></tr></thead>
<tbody>${d.requirements.map(
    (r) =>
      html`<tr><th scope="row">${r.name}</th><td class="num">${r.needed}</td><td>${r.from ? [...(r.from.users ?? []), ...(r.from.teams ?? [])].join(', ') : 'anyone with write access'}</td><td>${r.satisfiedBy.join(', ') || html`<span class="muted">nobody yet</span>`}</td><td class="num">${r.missing}</td></tr>`,
  )}</tbody></table>`;
}

function approvalsSection(d: DecisionData): SafeHtml {
  const counted = d.approvals?.counted ?? [];
  const rejected = d.approvals?.rejected ?? [];
  return html`<h2>Approvals counted</h2>
${counted.length ? html`<ul>${counted.map((a) => html`<li>${a.login} for ${a.requirement}${a.retainedFrom ? html` (retained from <span class="mono">${a.retainedFrom}</span>)` : null}</li>`)}</ul>` : html`<p>None.</p>`}
<h2>Approvals not counted</h2>
${rejected.length ? html`<table><thead><tr><th scope="col">Reviewer</th><th scope="col">Why not</th></tr></thead><tbody>${rejected.map((a) => html`<tr><th scope="row">${a.login}</th><td>${a.reason}</td></tr>`)}</tbody></table>` : html`<p>None.</p>`}
${d.excluded?.length ? html`<h2>Excluded from approving</h2><table><thead><tr><th scope="col">Person</th><th scope="col">Why</th></tr></thead><tbody>${d.excluded.map((e) => html`<tr><th scope="row">${e.login}</th><td>${e.reason}</td></tr>`)}</tbody></table>` : null}`;
}

function plansSection(d: DecisionData): SafeHtml | null {
  if (!d.plans) return null;
  return html`<h2>Plans</h2>
${d.plans.judged.length ? html`<table><thead><tr><th scope="col">Plan</th><th scope="col">Root</th><th scope="col">Digest</th><th scope="col" class="num">Resource changes</th></tr></thead><tbody>${d.plans.judged.map((p) => html`<tr><th scope="row">${p.source}</th><td>${p.root}</td><td class="mono">${p.digest}</td><td class="num">${p.resourceChanges}</td></tr>`)}</tbody></table>` : html`<p>No plan was judged.</p>`}
${d.plans.ignored.map((p) => html`<p>Ignored ${p.source}: ${p.reason}</p>`)}`;
}

function relatedRecords(row: ExportRow, related: StoredRecord[]): SafeHtml | null {
  const decisionSeq =
    row.kind === 'execution' ? row.data.decision?.seq : 'decisionSeq' in row.data ? row.data.decisionSeq : null;
  const parts: SafeHtml[] = [];
  if (row.kind !== 'decision' && typeof decisionSeq === 'number')
    parts.push(
      html`<li>the decision it belongs to: <a href="${CONSOLE_ROOT}/records/${decisionSeq}">#${decisionSeq}</a></li>`,
    );
  for (const record of related) {
    const line = recordLine(record);
    parts.push(
      html`<li><a href="${CONSOLE_ROOT}/records/${record.seq}">#${record.seq}</a> ${record.kind}: ${line.detail}</li>`,
    );
  }
  return parts.length ? html`<h2>Related records</h2><ul>${parts}</ul>` : null;
}
