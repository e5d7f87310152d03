import type { Principals, Requirement } from '../model/policy.js';
import type { RejectedApproval, ValidApproval } from './approvals.js';
import type { PrFacts } from './facts.js';
import { sameLogin } from './identities.js';
import { listWords } from './text.js';

export interface RequirementResult {
  name: string;
  needed: number;
  from: Principals | null;
  /** logins whose approvals fill this requirement */
  satisfiedBy: string[];
  missing: number;
  /** for an owner's slot (owner_approval): the findings it owns that need the approval */
  forFindings?: string[];
}

/** A requirement to fill: the policy's, or one owner's slot (one approval, for the findings it owns). */
export type SlotRequirement = Requirement & { forFindings?: string[] };

export interface Allocation {
  requirements: RequirementResult[];
  /** valid approvals that fill a slot, with the requirement they fill */
  counted: { reviewId: number; login: string; requirement: string; retainedFrom: string | null }[];
  /** valid approvals that could not fill any missing slot, and why */
  notCounted: RejectedApproval[];
}

/** What filling requirements needs to know of people: the teams of each (by login), as PR facts carry them. */
export type TeamFacts = { reviewers: Record<string, Pick<PrFacts['reviewers'][string], 'teams'>> };

/** Whether a person may fill a requirement restricted to some users and teams. */
export function qualifies(login: string, from: Principals | null, facts: TeamFacts): boolean {
  if (from === null) return true;
  if (from.users.some((user) => sameLogin(user, login))) return true;
  const teams = teamsOf(login, facts);
  return from.teams.some((team) => teams.some((member) => sameTeam(member, team)));
}

function teamsOf(login: string, facts: TeamFacts): string[] {
  const key = Object.keys(facts.reviewers).find((k) => sameLogin(k, login));
  return key === undefined ? [] : facts.reviewers[key]!.teams;
}

/** `acme/platform` matches `platform` in the policy (the org is the repository's). */
function sameTeam(member: string, wanted: string): boolean {
  const m = member.toLowerCase();
  const w = wanted.toLowerCase();
  return m === w || m.endsWith('/' + w) || w.endsWith('/' + m);
}

/**
 * Fills each requirement's slots with valid approvals. With `distinct`, one person fills at
 * most one slot across all requirements, and the assignment is a maximum matching (so a
 * security-team member is not wasted on a slot anyone could fill). Without it, each requirement
 * counts every qualifying approval independently.
 */
export function allocate(
  requirements: readonly SlotRequirement[],
  approvals: readonly ValidApproval[],
  distinct: boolean,
  facts: TeamFacts,
): Allocation {
  const slots = requirements.flatMap((req, index) => Array.from({ length: req.approvals }, () => index));
  const eligible = approvals.map((a) => requirements.map((req) => qualifies(a.login, req.from, facts)));
  const assignment = distinct
    ? maximumMatching(slots, eligible, (slot) => requirements[slots[slot]!]!.from !== null)
    : independentCounts(slots, eligible);
  const results: RequirementResult[] = requirements.map((req) => ({
    name: req.name,
    needed: req.approvals,
    from: req.from,
    satisfiedBy: [],
    missing: 0,
    ...(req.forFindings ? { forFindings: req.forFindings } : {}),
  }));
  const counted: Allocation['counted'] = [];
  assignment.forEach((approvalIndex, slot) => {
    if (approvalIndex === null) return;
    const approval = approvals[approvalIndex]!;
    const result = results[slots[slot]!]!;
    result.satisfiedBy.push(approval.login);
    counted.push({
      reviewId: approval.reviewId,
      login: approval.login,
      requirement: result.name,
      retainedFrom: approval.retainedFrom,
    });
  });
  for (const result of results) result.missing = result.needed - result.satisfiedBy.length;
  const notCounted = uncountedApprovals(requirements, approvals, eligible, assignment, results, counted, distinct);
  return { requirements: results, counted: sortCounted(counted), notCounted };
}

/** The approvals left out of open requirements, each with why: counted elsewhere, or in none of the required teams. */
function uncountedApprovals(
  requirements: readonly SlotRequirement[],
  approvals: readonly ValidApproval[],
  eligible: readonly (readonly boolean[])[],
  assignment: readonly (number | null)[],
  results: readonly RequirementResult[],
  counted: Allocation['counted'],
  distinct: boolean,
): RejectedApproval[] {
  const used = new Set(assignment.filter((a): a is number => a !== null));
  const open = results.map((result, i) => ({ result, i })).filter(({ result }) => result.missing > 0);
  const notCounted: RejectedApproval[] = [];
  approvals.forEach((approval, index) => {
    const place = counted.find((c) => c.reviewId === approval.reviewId)?.requirement;
    for (const { result, i } of open) {
      if (distinct && eligible[index]![i] && place !== undefined && place !== result.name) {
        notCounted.push({
          reviewId: approval.reviewId,
          login: approval.login,
          code: 'already-counted',
          requirement: result.name,
          reason: `${approval.login} already counts for "${place}"; with distinct approvals one person fills one slot`,
        });
      }
    }
    if (!used.has(index) && open.length > 0 && !open.some(({ i }) => eligible[index]![i])) {
      const { result, i } = open[0]!;
      notCounted.push({
        reviewId: approval.reviewId,
        login: approval.login,
        code: 'not-in-required-team',
        requirement: result.name,
        reason: `${approval.login} is not ${describePrincipals(requirements[i]!.from)}, as "${result.name}" requires`,
      });
    }
  });
  return notCounted;
}

export function describePrincipals(from: Principals | null): string {
  if (from === null) return 'anyone independent';
  return listWords([...from.users, ...from.teams.map((t) => `a member of ${t}`)], 'or');
}

/**
 * Kuhn's augmenting paths: slots on one side, approvals on the other; small inputs, deterministic
 * order. Restricted slots are filled first, so that among the largest assignments the one chosen
 * puts a team member where only the team counts, not on a slot anyone could fill.
 */
function maximumMatching(
  slots: number[],
  eligible: boolean[][],
  restricted: (slot: number) => boolean,
): (number | null)[] {
  const slotOf: (number | null)[] = eligible.map(() => null);
  const approvalOf: (number | null)[] = slots.map(() => null);
  const tryAssign = (slot: number, seen: Set<number>): boolean => {
    for (let a = 0; a < eligible.length; a++) {
      if (!eligible[a]![slots[slot]!] || seen.has(a)) continue;
      seen.add(a);
      const holder = slotOf[a];
      if (holder === null || holder === undefined || tryAssign(holder, seen)) {
        slotOf[a] = slot;
        approvalOf[slot] = a;
        return true;
      }
    }
    return false;
  };
  const order = slots.map((_, slot) => slot);
  order.sort((a, b) => Number(restricted(b)) - Number(restricted(a)) || a - b);
  for (const slot of order) tryAssign(slot, new Set());
  return approvalOf;
}

function independentCounts(slots: number[], eligible: boolean[][]): (number | null)[] {
  const next = new Map<number, number>();
  return slots.map((requirement) => {
    let a = next.get(requirement) ?? 0;
    while (a < eligible.length && !eligible[a]![requirement]) a++;
    next.set(requirement, a + 1);
    return a < eligible.length ? a : null;
  });
}

function sortCounted(counted: Allocation['counted']): Allocation['counted'] {
  return counted.sort((a, b) => a.reviewId - b.reviewId || (a.requirement < b.requirement ? -1 : 1));
}
