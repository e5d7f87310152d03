import { compareFindings, type Finding } from '../classify/classify.js';
import { CODEOWNERS_PATHS } from '../config/codeowners.js';
import { ownersConfigured } from '../config/ruleOwners.js';
import type { Policy, Requirement, Tier } from '../model/policy.js';
import type { ExclusionSet } from './exclusions.js';
import type { PrFacts } from './facts.js';
import {
  fullTeam,
  isLogin,
  type OwnedFinding,
  type OwnerSources,
  ownerLabel,
  ownersOfFinding,
  type ResolvedOwner,
} from './findingOwners.js';
import { type IdentityIndex, isBotLogin } from './identities.js';
import type { RequirementResult, SlotRequirement } from './requirements.js';
import { listWords } from './text.js';

/** The owners of a decision's findings, and the approval slots their tiers ask for. */
export interface FindingOwnership {
  /** each finding's owners, in the findings' order */
  owners: ResolvedOwner[][];
  /** each finding's owner requirement (its tier's `owner_approval`), or null */
  requiredBy: (string | null)[];
  /** one slot per owner some finding needs the approval of, in the findings' order */
  slots: { requirement: SlotRequirement; key: string }[];
  warnings: string[];
}

/** null when the policy names no owners of findings: the decision is then what it always was. */
export function findingOwnership(findings: readonly Finding[], sources: OwnerSources): FindingOwnership | null {
  if (!ownersConfigured(sources.policy)) return null;
  const owners = findings.map((finding) => ownersOfFinding(finding, sources));
  const requiredBy = findings.map((finding) => ownerRequirementOf(sources.policy, finding.tier));
  const slots: FindingOwnership['slots'] = [];
  // In the findings' canonical order (highest tier first), whatever order they came in.
  const order = findings.map((_, i) => i).sort((a, b) => compareFindings(findings[a]!, findings[b]!) || a - b);
  for (const i of order) {
    const finding = findings[i]!;
    const name = requiredBy[i];
    if (name === null) continue;
    for (const { owner, key } of owners[i]!) {
      let slot = slots.find((s) => s.key === key);
      if (!slot) {
        slot = {
          key,
          requirement: { name: `${name}: ${ownerLabel(owner)}`, approvals: 1, from: owner, forFindings: [] },
        };
        slots.push(slot);
      }
      const list = slot.requirement.forFindings!;
      if (!list.includes(finding.address)) list.push(finding.address);
    }
  }
  return { owners, requiredBy, slots, warnings: ownershipWarnings(findings, owners, requiredBy, sources) };
}

/** The name of the tier's owner approval requirement, when it has one. */
function ownerRequirementOf(policy: Policy, tier: Tier): string | null {
  if (tier === 'none') return null;
  return policy.tiers[tier].find((r) => r.ownerApproval)?.name ?? null;
}

/**
 * The requirements to fill: the tier's, with its owner approval replaced by the owners' slots
 * (where it stood; slots of lower tiers' findings come last). Unchanged without owners.
 */
export function withOwnerSlots(
  requirements: readonly Requirement[],
  ownership: FindingOwnership | null,
): readonly SlotRequirement[] {
  const slots = (ownership?.slots ?? []).map((s) => s.requirement);
  const at = requirements.findIndex((r) => r.ownerApproval);
  if (at < 0 && slots.length === 0) return requirements;
  const before = requirements.slice(0, Math.max(at, 0)).filter((r) => !r.ownerApproval);
  const after = requirements.slice(at < 0 ? requirements.length : at + 1).filter((r) => !r.ownerApproval);
  return at < 0 ? [...requirements, ...slots] : [...before, ...slots, ...after];
}

/** The findings with their owners, and for each owner whose approval is required, who gave it. */
export function ownedFindings(
  findings: readonly Finding[],
  ownership: FindingOwnership,
  results: readonly RequirementResult[],
): OwnedFinding[] {
  return findings.map((finding, i) => ({
    ...finding,
    owners: ownership.owners[i]!.map(({ owner, source, key }) => {
      const required = ownership.requiredBy[i] !== null;
      const slot = required ? ownership.slots.find((s) => s.key === key) : undefined;
      const result = slot ? results.find((r) => r.name === slot.requirement.name) : undefined;
      const approvedBy = result && result.missing <= 0 ? (result.satisfiedBy[0] ?? null) : null;
      return { users: owner.users, teams: owner.teams, source, required, approvedBy };
    }),
  }));
}

function ownershipWarnings(
  findings: readonly Finding[],
  owners: readonly ResolvedOwner[][],
  requiredBy: readonly (string | null)[],
  sources: OwnerSources,
): string[] {
  const warnings: string[] = [];
  const { policy, codeowners } = sources;
  if (policy.ownership.fromCodeowners && codeowners === null)
    warnings.push(
      `owners_from_codeowners is set, but the base has no CODEOWNERS file (${listWords([...CODEOWNERS_PATHS], 'or')}): no finding has a code owner`,
    );
  if (policy.ownership.fromCodeowners && codeowners)
    for (const problem of codeowners.problems)
      warnings.push(`${codeowners.source}:${problem.line}: ${problem.message}`);
  const unowned = new Map<string, { tier: string; addresses: string[] }>();
  findings.forEach((finding, i) => {
    const weighty = finding.tier === 'high' || finding.tier === 'critical' || requiredBy[i] !== null;
    if (!weighty || owners[i]!.length > 0) return;
    const entry = unowned.get(finding.ruleId) ?? { tier: finding.tier, addresses: [] };
    if (!entry.addresses.includes(finding.address)) entry.addresses.push(finding.address);
    unowned.set(finding.ruleId, entry);
  });
  for (const [ruleId, { tier, addresses }] of unowned)
    warnings.push(
      `No owner for ${listWords(addresses)} (rule ${ruleId}, ${tier}): give the rule an owner (its owner, or catalog.owners)${policy.ownership.fromCodeowners ? ' or the file one in CODEOWNERS' : ''}; until then no owner approval is asked for it`,
    );
  return warnings;
}

/**
 * For each owner slot nobody can fill — every member of its teams and every named user wrote,
 * pushed or deploys the change, or none is an account — what that means, by requirement name.
 * Teams whose members are not known (not in the facts) say nothing.
 */
export function unfillableOwnerNotes(
  results: readonly RequirementResult[],
  facts: PrFacts,
  identities: IdentityIndex,
  exclusions: ExclusionSet,
): Map<string, string> {
  const notes = new Map<string, string>();
  const org = facts.repository.owner;
  for (const result of results) {
    if (!result.forFindings || result.missing <= 0 || result.from === null) continue;
    const members = result.from.teams.map((team) => membersOf(facts, fullTeam(team, org)));
    if (members.some((m) => m === null)) continue;
    const candidates = [...new Set([...result.from.users.filter(isLogin), ...members.flat()])].filter(
      (login): login is string => login !== null && !isBotLogin(login),
    );
    const excluded = candidates.filter((login) => exclusions.byPerson.has(identities.person(login)));
    const label = ownerLabel(result.from);
    if (candidates.length === 0) {
      notes.set(
        result.name,
        `Nobody can approve for "${result.name}": ${label} names no account that could (an e-mail address needs an entry under identities in the policy, a team needs members): this PR cannot pass until the owner is fixed on the base branch, or by break-glass.`,
      );
    } else if (excluded.length === candidates.length) {
      const who = result.from.teams.length
        ? `Every member of ${listWords(result.from.teams)}${result.from.users.length ? ` and every owner named (${listWords(result.from.users)})` : ''}`
        : `Every owner named for "${result.name}"`;
      const someone = result.from.teams.length
        ? `someone else from ${listWords(result.from.teams, 'or')}`
        : 'another owner';
      notes.set(
        result.name,
        `${who} (${listWords(candidates)}) authored, committed, co-authored or pushed to this PR or deploys it, so none can approve it: this PR cannot pass without ${someone} or break-glass.`,
      );
    }
  }
  return notes;
}

function membersOf(facts: PrFacts, team: string): string[] | null {
  const known = facts.teamMembers ?? {};
  const key = Object.keys(known).find((k) => k.toLowerCase() === team.toLowerCase());
  return key === undefined ? null : known[key]!;
}
