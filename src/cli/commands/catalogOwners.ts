import { type OwnedRule, ownedRules, unownedRules } from '../../config/ruleOwners.js';
import { renderTable } from '../../report/table.js';
import { formatConfigErrors, resolvePolicy } from '../policySource.js';
import type { CommandResult } from './result.js';

/**
 * `catalog --owners`: the rules in force under a policy (the catalog as it adjusts it, then its
 * own), each with the owner its findings get — what owner_approval will ask for.
 */
export function catalogOwners(config: string | undefined, format: 'json' | 'text'): CommandResult {
  const policy = resolvePolicy(config, '.');
  if (policy.errors.length > 0)
    return {
      stdout: formatConfigErrors(policy.source, policy.errors),
      stderr: `four-eyes: ${policy.errors.length} error(s) in ${policy.source}; the owners follow from a valid policy\n`,
      exitCode: 1,
    };
  const rules = ownedRules(policy.policy);
  if (format === 'json') {
    const json = rules.map(({ rule, owner, codeOwners }) => ({
      id: rule.id,
      tier: rule.tier,
      origin: rule.origin,
      owner: owner ? { users: owner.owner.users, teams: owner.owner.teams, source: owner.source } : null,
      codeOwners,
    }));
    return { stdout: JSON.stringify({ policy: policy.source, rules: json }, null, 2) + '\n', exitCode: 0 };
  }
  const unowned = unownedRules(policy.policy).length;
  const rows = rules.map((owned) => [owned.rule.id, owned.rule.tier, ownerWords(owned), owned.rule.rationale]);
  return {
    stdout:
      renderTable(['RULE', 'TIER', 'OWNER', 'RATIONALE'], rows, 100) +
      `\n${rules.length} rules under ${policy.source}${unowned ? `; ${unowned} high or critical without an owner` : ''}.\n`,
    exitCode: 0,
  };
}

function ownerWords({ owner, codeOwners }: OwnedRule): string {
  const words: string[] = [];
  if (owner) words.push(`${[...owner.owner.users, ...owner.owner.teams].join(', ')} (${owner.source})`);
  if (codeOwners) words.push("the file's code owners");
  return words.length ? words.join(' + ') : 'none';
}
