import { attributePathMatches } from '../classify/attributePath.js';
import type { Finding } from '../classify/classify.js';
import { type Policy, type PolicyException, tierRank } from '../model/policy.js';
import { globMatch } from '../util/glob.js';
import type { PrFacts } from './facts.js';
import type { IdentityIndex } from './identities.js';
import { qualifies } from './requirements.js';
import { plural } from './text.js';

export interface ExceptionUse {
  id: string;
  owner: string;
  description: string;
  justification: string;
  link: string | null;
  expires: string;
  scope: PolicyException['scope'];
  maxTier: PolicyException['maxTier'];
  usedBy: string;
}

export interface ExceptionOutcome {
  /** the exception that applies, if any */
  applied: ExceptionUse | null;
  /** for each exception that did not apply, why */
  notApplied: { id: string; reason: string }[];
  /** exceptions expiring within 14 days */
  warnings: ExpiryWarning[];
}

/** An exception about to expire: whose it is travels with the words, for the notice to its owner. */
export interface ExpiryWarning {
  exceptionId: string;
  owner: string;
  message: string;
}

const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 14;

/**
 * An exception lets the author self-approve when every finding lies inside its scope and tier,
 * the author may use it, and it is in force. The first exception (in policy order) that
 * applies wins; every other one says why it did not.
 */
export function applyExceptions(
  findings: readonly Finding[],
  facts: PrFacts,
  policy: Policy,
  identities: IdentityIndex,
  now: Date,
): ExceptionOutcome {
  const outcome: ExceptionOutcome = { applied: null, notApplied: [], warnings: [] };
  for (const exception of policy.exceptions) {
    const daysLeft = Math.floor((endOfDay(exception.expires) - now.getTime()) / DAY_MS);
    if (daysLeft >= 0 && daysLeft <= EXPIRY_WARNING_DAYS) {
      const message = `exception ${exception.id} expires on ${exception.expires} (${plural(daysLeft, 'day')} left); ${exception.owner} should renew or retire it`;
      outcome.warnings.push({ exceptionId: exception.id, owner: exception.owner, message });
    }
    const reason = whyNotApplicable(exception, findings, facts, policy, identities, now);
    if (reason) {
      outcome.notApplied.push({ id: exception.id, reason });
    } else if (!outcome.applied) {
      outcome.applied = {
        id: exception.id,
        owner: exception.owner,
        description: exception.description,
        justification: exception.justification,
        link: exception.link,
        expires: exception.expires,
        scope: exception.scope,
        maxTier: exception.maxTier,
        usedBy: facts.author.login,
      };
    }
  }
  return outcome;
}

function whyNotApplicable(
  exception: PolicyException,
  findings: readonly Finding[],
  facts: PrFacts,
  policy: Policy,
  identities: IdentityIndex,
  now: Date,
): string | null {
  if (now.getTime() > endOfDay(exception.expires)) return `expired on ${exception.expires}`;
  if (now.getTime() < Date.parse(exception.created + 'T00:00:00Z')) return `not in force before ${exception.created}`;
  if (findings.length === 0) return 'there is nothing to except';
  const author = facts.author.login;
  const deployer = policy.deployers.find((d) => identities.samePerson(d, author));
  if (deployer)
    return `${author} is a deployer (${deployer}); deployers may execute changes, never approve them, so they cannot self-approve under an exception`;
  const allowed = identities.accountsOf(author).some((login) => qualifies(login, exception.allowed, facts));
  if (!allowed)
    return `${author} may not use it (allowed: ${[...exception.allowed.users, ...exception.allowed.teams].join(', ')})`;
  for (const finding of findings) {
    if (tierRank(finding.tier) > tierRank(exception.maxTier)) {
      return `${finding.address} is ${finding.tier} (${finding.ruleId}), above the exception's maximum tier ${exception.maxTier}`;
    }
    const outside = outsideScope(exception.scope, finding);
    if (outside) return `${finding.address} is outside its scope: ${outside}`;
  }
  return null;
}

function outsideScope(scope: PolicyException['scope'], finding: Finding): string | null {
  if (scope.rules && !scope.rules.includes(finding.ruleId))
    return `rule ${finding.ruleId} is not one of ${scope.rules.join(', ')}`;
  if (scope.addresses && !scope.addresses.some((pattern) => globMatch(finding.address, pattern)))
    return `the address matches none of ${scope.addresses.join(', ')}`;
  if (scope.attributes) {
    if (finding.action !== 'update' && finding.action !== 'move') {
      const what = finding.kind === 'file' ? `${finding.action} file` : finding.action;
      return `it is a ${what}, and the scope only covers attribute changes`;
    }
    const stray = finding.changedPaths.find(
      (path) => !scope.attributes!.some((pattern) => attributePathMatches(path, pattern)),
    );
    if (stray) return `attribute ${stray} matches none of ${scope.attributes.join(', ')}`;
  }
  return null;
}

/** An exception is in force through the whole of its expiry day (UTC). */
function endOfDay(date: string): number {
  return Date.parse(date + 'T23:59:59.999Z');
}
