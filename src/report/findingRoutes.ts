import { type ShownFinding, valuesText } from './shownFindings.js';

/** Where a finding's object lives in state and how a change made elsewhere reached it, as lines. */
export function findingRoutes(finding: ShownFinding): string[] {
  const lines: string[] = [];
  for (const route of finding.via ?? []) lines.push(`reached from ${route}`);
  if (finding.varFiles && finding.varFiles.length > 1)
    lines.push(`the same with the values of each of: ${valuesText(finding.varFiles)}`);
  else if (finding.varFile) lines.push(`with the values of ${finding.varFile}`);
  if (finding.instances?.length) lines.push(`in state as ${finding.instances.join(', ')}`);
  return lines;
}

/** The findings that have routes, each with its routes: a section after a findings table. */
export function routeSection(findings: readonly ShownFinding[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const routes = findingRoutes(finding);
    const address = (finding.module && finding.module !== '.' ? `${finding.module}: ` : '') + finding.address;
    const key = address + '\u0000' + routes.join('\u0000');
    if (routes.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(`${address} (${finding.ruleId}, ${finding.tier}): ${routes.join('; ')}`);
  }
  return out;
}
