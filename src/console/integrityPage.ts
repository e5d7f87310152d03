import type { ChainCheckState } from './chainCheck.js';
import { html, type SafeHtml } from './html.js';
import { CONSOLE_ROOT } from './layout.js';
import type { ConsoleViewer } from './viewer.js';

/** The latest anchor, the last verification's outcome (or its progress), and the button to run one. */
export function integrityBody(
  head: { seq: number; hash: string } | null,
  check: ChainCheckState,
  viewer: ConsoleViewer,
): SafeHtml {
  return html`<h1>Integrity of the audit chain</h1>
<h2>Latest anchor</h2>
${
  head
    ? html`<p>The newest record is #${head.seq}, hash <span class="mono">${head.hash}</span>. Keep this line outside the store; later, it proves the chain up to this record was not rewritten:</p>
<pre>four-eyes audit verify --expect ${head.seq}:${head.hash}</pre>`
    : html`<p class="notice">The audit log is empty.</p>`
}
<h2>Verification</h2>
${checkStatus(check)}
${
  check.state === 'running'
    ? null
    : html`<form method="post" action="${CONSOLE_ROOT}/integrity"><input type="hidden" name="csrf" value="${viewer.csrfToken}"><button class="primary" type="submit">Verify the whole chain now</button></form>`
}
<p class="muted">Verification walks every record from the first, as <code>four-eyes audit verify</code> does, and stops at the first broken link: an edited, deleted, inserted or reordered record.</p>`;
}

function checkStatus(check: ChainCheckState): SafeHtml {
  switch (check.state) {
    case 'never':
      return html`<p>Not verified since this process started.</p>`;
    case 'running':
      return html`<p role="status">Verifying, started by ${check.by} at ${check.startedAt.toISOString()}: ${check.checked.toLocaleString('en')} of ${check.total.toLocaleString('en')} records checked. This page refreshes itself every few seconds.</p>
<progress max="${Math.max(check.total, 1)}" value="${check.checked}">${check.checked} of ${check.total}</progress>`;
    case 'failed':
      return html`<p class="error" role="status">The verification started by ${check.by} at ${check.startedAt.toISOString()} could not finish: ${check.error}</p>`;
    case 'done': {
      const r = check.result;
      const when = html`verified by ${check.by}, ${check.startedAt.toISOString()} to ${check.finishedAt.toISOString()}`;
      return r.intact
        ? html`<p class="success" role="status">Intact: ${r.count.toLocaleString('en')} records${r.head ? html`, head #${r.head.seq}` : null} (${when}).</p>`
        : html`<p class="error" role="status"><strong>BROKEN at record #${r.breakAt.position}</strong>: ${r.breakAt.problem} (${r.checked.toLocaleString('en')} records checked before it; ${when}).</p>`;
    }
  }
}
