import type { Decision } from '../policy/decision.js';
import { describePrincipals } from '../policy/requirements.js';
import { ownersCell, showsOwners } from './findingOwners.js';
import { routeSection } from './findingRoutes.js';
import { findingAction, findingAddress, planLines } from './planLines.js';
import { shownFindings } from './shownFindings.js';
import { renderTable } from './table.js';

/** The decision as a terminal report: what was decided, on what grounds, and what to do next. */
export function decisionText(decision: Decision): string {
  const out: string[] = [...headerLines(decision)];
  section(
    out,
    'Blocking',
    decision.blocking.map((b) => `${b.code}: ${b.reason}`),
  );
  if (decision.findings.length) out.push('', 'Findings', findingsTable(decision));
  section(out, 'Where changes made elsewhere landed', routeSection(shownFindings(decision.findings)));
  section(out, 'Plans', planLines(decision.plans));
  section(
    out,
    'Requirements',
    decision.requirements.map((r) => {
      const who = r.satisfiedBy.length ? `approved by ${r.satisfiedBy.join(', ')}` : 'no approval yet';
      const owned = r.forFindings ? ` (owner of ${r.forFindings.join(', ')})` : '';
      return `${r.name}: ${Math.min(r.needed, r.satisfiedBy.length)} of ${r.needed} from ${describePrincipals(r.from)}${owned} — ${who}`;
    }),
  );
  section(
    out,
    'Approvals not counted',
    decision.approvals.rejected.map((r) => `${r.login} (${r.code}): ${r.reason}`),
  );
  section(
    out,
    'Excluded from approving',
    decision.excluded.map((e) => `${e.login}: ${e.reason}`),
  );
  section(
    out,
    'Exceptions that did not apply',
    decision.exceptionsNotApplied.map((e) => `${e.id}: ${e.reason}`),
  );
  section(
    out,
    'Break-glass refused',
    decision.breakGlassRefused.map((r) => `${r.by} at ${r.at}: ${r.reason}`),
  );
  section(out, 'Warnings', decision.warnings);
  section(out, 'Next', decision.nextSteps);
  return out.join('\n') + '\n';
}

/** The title, the one-line summary, and a break-glass or exception when one passed the PR. */
function headerLines(decision: Decision): string[] {
  const out = [
    `${decision.title}`,
    `conclusion: ${decision.conclusion}   tier: ${decision.tier}   ${decision.repository}${decision.number ? `#${decision.number}` : ''} at ${decision.headSha.slice(0, 7)}   policy: ${decision.policy.source}${decision.policy.valid ? '' : ' (INVALID)'}`,
  ];
  if (decision.breakGlass)
    out.push(
      '',
      `BREAK-GLASS by ${decision.breakGlass.by} at ${decision.breakGlass.at}: ${decision.breakGlass.reason}`,
    );
  if (decision.exception)
    out.push(
      '',
      `Self-approved under exception ${decision.exception.id} (${decision.exception.description}; owner ${decision.exception.owner}; expires ${decision.exception.expires})`,
    );
  return out;
}

function findingsTable(decision: Decision): string {
  const owners = showsOwners(decision.findings);
  return renderTable(
    ['TIER', 'ACTION', 'ADDRESS', 'RULE', 'LOCATION', ...(owners ? ['OWNER'] : []), 'RATIONALE'],
    shownFindings(decision.findings).map((f) => [
      f.tier,
      findingAction(f),
      findingAddress(f),
      f.ruleId,
      `${f.file}:${f.line}`,
      ...(owners ? [ownersCell(f, 'text')] : []),
      f.rationale,
    ]),
    80,
  ).trimEnd();
}

function section(out: string[], heading: string, lines: string[]): void {
  if (lines.length === 0) return;
  out.push('', heading, ...lines.map((line) => `  - ${line}`));
}
