import { type ShownFinding, valuesText } from './shownFindings.js';

/** Routes shown per finding in a report; the JSON output and the audit record keep them all. */
const SHOWN_ROUTES = 3;

/** Where a finding's object lives in state and how a change made elsewhere reached it, as lines. */
export function findingRoutes(finding: ShownFinding): string[] {
  const lines: string[] = [];
  const via = finding.via ?? [];
  const shown = shownRoutes(via);
  for (const route of shown) lines.push(`reached from ${route}`);
  if (via.length > shown.length) lines.push(moreRoutes(via, shown));
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

/** A route's changed source: what it starts from. */
const sourceOf = (route: string) => route.split(' → ', 1)[0]!;

/**
 * A framework module's value can reach an object by twenty routes. The shortest route from each
 * changed source comes first (the reviewer sees every source, up to the limit), then the
 * shortest of the others; in the order they were found.
 */
function shownRoutes(via: readonly string[]): string[] {
  if (via.length <= SHOWN_ROUTES) return [...via];
  const bySource = new Map<string, string>();
  for (const route of via) {
    const source = sourceOf(route);
    const known = bySource.get(source);
    if (known === undefined || route.length < known.length) bySource.set(source, route);
  }
  const chosen = new Set([...bySource.values()].slice(0, SHOWN_ROUTES));
  for (const route of [...via].sort((a, b) => a.length - b.length)) {
    if (chosen.size >= SHOWN_ROUTES) break;
    chosen.add(route);
  }
  return via.filter((route) => chosen.has(route));
}

function moreRoutes(via: readonly string[], shown: readonly string[]): string {
  const sources = new Set(shown.map(sourceOf));
  const others = new Set(via.map(sourceOf).filter((source) => !sources.has(source)));
  const from = others.size > 0 ? `, through ${others.size} more changed sources too` : '';
  return `and ${via.length - shown.length} more routes${from} (all of them: four-eyes classify --format json)`;
}
