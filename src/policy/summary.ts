import type { DecisionOutcome } from './decision.js';
import type { ExclusionSet } from './exclusions.js';
import { describePrincipals } from './requirements.js';
import { listWords, plural } from './text.js';

const TIER_WORD: Record<string, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'No',
};

/** One line for the check run's title. */
export function decisionTitle(decision: DecisionOutcome): string {
  const impact = `${TIER_WORD[decision.tier]} impact`;
  if (!decision.policy.valid) return `Blocked: the policy ${decision.policy.source} is invalid`;
  if (decision.breakGlass)
    return `BREAK-GLASS by ${decision.breakGlass.by}: ${impact.toLowerCase()} passed without independent approval`;
  if (decision.conclusion === 'failure') {
    const first = decision.blocking[0]!;
    return `Blocked: ${first.reason.split(';')[0]}${decision.blocking.length > 1 ? ` (+${decision.blocking.length - 1} more)` : ''}`;
  }
  if (decision.conclusion === 'neutral') return 'No Terraform impact';
  if (decision.exception) return `${impact}: self-approved under exception ${decision.exception.id}`;
  const needed = decision.requirements.reduce((sum, r) => sum + r.needed, 0);
  if (needed === 0) return `${impact}: no independent approval required`;
  const have = decision.requirements.reduce((sum, r) => sum + Math.min(r.needed, r.satisfiedBy.length), 0);
  return `${impact}: ${have} of ${plural(needed, 'independent approval')}`;
}

/** What to do next, in words a developer can act on. */
export function nextSteps(
  decision: DecisionOutcome,
  exclusions: ExclusionSet,
  ownerNotes: ReadonlyMap<string, string> = new Map(),
): string[] {
  const steps: string[] = [];
  if (!decision.policy.valid) {
    steps.push(
      `Fix ${decision.policy.source} on the base branch (run \`four-eyes validate-config\`); until then no PR can pass.`,
    );
    return steps;
  }
  if (decision.breakGlass) {
    steps.push('Break-glass is recorded; the policy owners are notified and must review this change after the fact.');
    return steps;
  }
  if (decision.exception)
    return [`Nothing more: the author self-approved under exception ${decision.exception.id}; the use is logged.`];
  for (const blocking of decision.blocking) steps.push(capitalize(blocking.reason) + '.');
  if (decision.conclusion === 'neutral')
    return ['Nothing to approve: this PR changes no Terraform and no file the policy watches.'];
  const excluded = [...new Set([...exclusions.byPerson.values()].flat().map((e) => e.login))].sort((a, b) =>
    a.toLowerCase() < b.toLowerCase() ? -1 : 1,
  );
  for (const requirement of decision.requirements) {
    if (requirement.missing <= 0) continue;
    const owned = requirement.forFindings ? ` (the owner of ${summarizeFindings(requirement.forFindings)})` : '';
    steps.push(
      `Get ${plural(requirement.missing, 'more approval')} for "${requirement.name}"${owned} from ${describePrincipals(requirement.from)}` +
        ` with write access who did not author, commit, co-author or push to this PR${excluded.length ? ` (excluded: ${listWords(excluded)})` : ''}, on the head commit.`,
    );
    const note = ownerNotes.get(requirement.name);
    if (note) steps.push(note);
  }
  if (decision.conclusion === 'action_required') {
    for (const note of decision.exceptionsNotApplied) steps.push(`Exception ${note.id} did not apply: ${note.reason}.`);
  }
  if (decision.conclusion === 'success' && steps.length === 0) {
    steps.push('Nothing more: every requirement is met.');
  }
  return steps;
}

/** "a, b and c", or "a, b, c and 4 more" */
function summarizeFindings(addresses: readonly string[]): string {
  const shown = 3;
  return addresses.length <= shown + 1
    ? listWords(addresses)
    : `${addresses.slice(0, shown).join(', ')} and ${addresses.length - shown} more`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
