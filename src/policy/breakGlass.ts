import type { Policy } from '../model/policy.js';
import type { BreakGlassRequest, PrFacts } from './facts.js';
import type { IdentityIndex } from './identities.js';
import { qualifies } from './requirements.js';
import { shortSha } from './text.js';

const BREAK_GLASS_COMMAND = '/four-eyes break-glass';

export interface BreakGlassUse {
  by: string;
  reason: string;
  at: string;
  sha: string;
}

export interface BreakGlassOutcome {
  used: BreakGlassUse | null;
  /** requests that were refused, and why */
  refused: { by: string; at: string; reason: string }[];
}

/**
 * Break-glass: a named person's `/four-eyes break-glass <reason>` comment passes the check for
 * the head SHA it was given on, and only that SHA. Deployers never qualify.
 */
export function judgeBreakGlass(facts: PrFacts, policy: Policy, identities: IdentityIndex): BreakGlassOutcome {
  const outcome: BreakGlassOutcome = { used: null, refused: [] };
  // Oldest first, so the latest valid request is the one used; ties broken by content, never by the facts' order.
  const requests = [...facts.breakGlass].sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      compareText(a.author, b.author) ||
      compareText(a.text, b.text) ||
      compareText(a.sha, b.sha),
  );
  for (const request of requests) {
    const reason = parseReason(request.text);
    if (reason === null) continue; // not a break-glass command at all
    const refusal = whyRefused(request, reason, facts, policy, identities);
    if (refusal) outcome.refused.push({ by: request.author, at: request.at, reason: refusal });
    else outcome.used = { by: request.author, reason, at: request.at, sha: request.sha };
  }
  return outcome;
}

/** The reason after the command, or null when the comment is not a break-glass command. */
export function parseReason(text: string): string | null {
  const line = text.trim().split('\n')[0]!.trim();
  if (!line.toLowerCase().startsWith(BREAK_GLASS_COMMAND)) return null;
  const rest = line.slice(BREAK_GLASS_COMMAND.length);
  if (rest !== '' && !/^\s/.test(rest)) return null;
  return rest.trim();
}

function whyRefused(
  request: BreakGlassRequest,
  reason: string,
  facts: PrFacts,
  policy: Policy,
  identities: IdentityIndex,
): string | null {
  if (!policy.breakGlass) return 'the policy names nobody who may break glass';
  if (policy.deployers.some((d) => identities.samePerson(d, request.author)))
    return `${request.author} is a deployer; deployers can never break glass`;
  const allowed = identities
    .accountsOf(request.author)
    .some((login) => qualifies(login, policy.breakGlass!.allowed, facts));
  if (!allowed) {
    const named = [...policy.breakGlass.allowed.users, ...policy.breakGlass.allowed.teams].join(', ');
    return `${request.author} is not allowed to break glass (allowed: ${named})`;
  }
  const minimum = policy.breakGlass.minReasonLength;
  if (reason.length < minimum) return `the reason is ${reason.length} characters; at least ${minimum} are required`;
  if (request.sha !== facts.headSha)
    return `it was given on ${shortSha(request.sha)}, but the head is now ${shortSha(facts.headSha)}; break-glass covers one commit only`;
  return null;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
