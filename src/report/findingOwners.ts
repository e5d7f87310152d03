import type { FindingOwner, OwnedFinding } from '../policy/findingOwners.js';

/** Whether the findings carry owners (the policy names owners of findings): the tables show them then. */
export function showsOwners(findings: readonly OwnedFinding[]): boolean {
  return findings.some((finding) => finding.owners !== undefined);
}

/**
 * A finding's owners for a table cell: each owner, and for one whose approval the tier asks for,
 * who gave it or that it is still needed; `none` for an unowned finding.
 */
export function ownersCell(finding: OwnedFinding, style: 'text' | 'markdown'): string {
  const owners = finding.owners ?? [];
  if (owners.length === 0) return 'none';
  return owners.map((owner) => `${label(owner)}${status(owner, style)}`).join('; ');
}

function label(owner: FindingOwner): string {
  return [...owner.users, ...owner.teams].join(', ');
}

function status(owner: FindingOwner, style: 'text' | 'markdown'): string {
  if (!owner.required) return '';
  if (owner.approvedBy === null) return style === 'text' ? ' (needed)' : ' ⏳';
  return style === 'text' ? ` (approved by ${owner.approvedBy})` : ` ✅ @${owner.approvedBy}`;
}
