import type { Finding } from '../classify/classify.js';
import type { PlanSummary } from '../policy/judgePlans.js';

/**
 * The plans a decision judged, with the digests an approval is bound to, and those it could not
 * judge with the reason: one line each, for the text and Markdown reports alike.
 */
export function planLines(plans: PlanSummary | undefined): string[] {
  if (plans === undefined) return [];
  const lines = plans.judged.map(
    (plan) =>
      `judged ${plan.source}${plan.root === null ? '' : ` (root ${plan.root})`}: ${plan.digest} — ${plan.resourceChanges} resource change(s)${plan.terraformVersion ? `, Terraform ${plan.terraformVersion}` : ''}`,
  );
  for (const plan of plans.ignored) lines.push(`ignored ${plan.source}: ${plan.reason}`);
  for (const error of plans.unreadable)
    lines.push(`unreadable ${error.source}${error.line === null ? '' : `:${error.line}`}: ${error.message}`);
  if (plans.missing)
    lines.push(`${plans.missing.state === 'waiting' ? 'waiting' : 'missing'}: ${plans.missing.reason}`);
  if (lines.length === 0) lines.push('none: no plan was given for this head');
  return lines;
}

/** A finding's action, marked when a plan (not the code) shows it. */
export function findingAction(finding: Finding): string {
  return finding.plan === undefined ? finding.action : `${finding.action} (plan)`;
}

/** A finding's object: its state address for a plan's finding, else module and address in the code. */
export function findingAddress(finding: Finding): string {
  if (finding.plan !== undefined && finding.instances?.length === 1) return finding.instances[0]!;
  return (finding.module && finding.module !== '.' ? `${finding.module}: ` : '') + finding.address;
}
