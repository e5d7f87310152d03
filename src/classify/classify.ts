import { maxTier, tierRank, type Policy, type Rule, type Tier } from '../config/policy.js';
import type { Change, ChangeSet } from '../terraform/changeSet.js';
import { BUILTIN_CATALOG } from './catalog/index.js';
import { effectiveRules } from './effectiveRules.js';
import { fileRuleMatches, isFileRule, objectRuleMatches } from './ruleMatch.js';
import { flowFields } from './flowFields.js';

export interface Finding {
  /** module directory ('.' for the root); '' for file findings */
  module: string;
  /** Terraform address, or the file path for file findings */
  address: string;
  /** an ObjectKind, or 'file' */
  kind: string;
  /** create/update/delete/move, or added/modified/deleted/renamed for files */
  action: string;
  tier: Exclude<Tier, 'none'>;
  ruleId: string;
  rationale: string;
  file: string;
  line: number;
  changedPaths: string[];
  /**
   * For a change made elsewhere: how it reached this object, one line per route
   * (`terraform.tfvars:1 ssh_cidrs → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks`).
   */
  via?: string[];
  /** where the changes in `via` were made, for annotations on those lines too */
  sources?: { file: string; line: number }[];
  /** the roots and state addresses of the object, when its code is reached from elsewhere (`root: address`) */
  instances?: string[];
  /** the var file whose values make this change, when it is not an auto-loaded one */
  varFile?: string;
  /** a digest of the resulting values of the changed paths (and the traced sources): what the reviewer saw */
  valueDigest?: string;
}

export interface Classification {
  /** the highest finding; `none` when nothing changed that Four Eyes judges */
  tier: Tier;
  findings: Finding[];
}

export const DEFAULT_RULE_ID = 'default';
export const UNPARSEABLE_RULE_ID = 'unparseable';
export const INVALID_CONFIGURATION_RULE_ID = 'invalid-configuration';
export const MOVED_RULE_ID = 'moved-unchanged';
export const UNREACHED_RULE_ID = 'unreached-value';

/**
 * Every changed Terraform object gets a finding per matching rule (or the default tier when no
 * rule matches); changed files get findings from file rules; a file that does not parse is
 * critical, because nothing in it can be classified.
 */
export function classifyChangeSet(changeSet: ChangeSet, policy: Policy, catalog: readonly Rule[] = BUILTIN_CATALOG): Classification {
  const rules = effectiveRules(catalog, policy);
  const objectRules = rules.filter((rule) => !isFileRule(rule));
  const fileRules = rules.filter(isFileRule);
  const findings: Finding[] = [];
  for (const change of changeSet.changes) findings.push(...classifyChange(change, objectRules, policy));
  for (const file of changeSet.files) {
    for (const rule of fileRules) {
      if (!fileRuleMatches(rule, file)) continue;
      findings.push({
        module: '', address: file.path, kind: 'file', action: file.status, tier: rule.tier, ruleId: rule.id,
        rationale: rule.rationale, file: file.path, line: 1, changedPaths: [],
      });
    }
  }
  for (const unparsed of changeSet.unparsed) {
    const error = unparsed.diagnostics.find((d) => d.severity === 'error');
    findings.push({
      module: '', address: unparsed.path, kind: 'file', action: unparsed.side === 'head' ? 'unparseable' : 'unparseable-base',
      tier: 'critical', ruleId: UNPARSEABLE_RULE_ID,
      rationale: `cannot be classified: ${error ? `${error.message} (line ${error.range.start.line})` : 'syntax error'}; fix the syntax so Four Eyes can see what changes`,
      file: unparsed.path, line: error?.range.start.line ?? 1, changedPaths: [],
    });
  }
  for (const source of changeSet.unreached ?? []) {
    findings.push({
      module: '', address: source.path, kind: 'file', action: 'modified', tier: policy.catalog.defaultTier, ruleId: UNREACHED_RULE_ID,
      rationale: `a changed value file, but ${source.reason}; it gets the default tier: check where it is used`,
      file: source.path, line: 1, changedPaths: [],
    });
  }
  for (const problem of changeSet.problems.filter((p) => p.side === 'head')) {
    findings.push({
      module: problem.module, address: problem.address, kind: 'problem', action: 'invalid', tier: 'critical',
      ruleId: INVALID_CONFIGURATION_RULE_ID,
      rationale: `${problem.message}; Terraform would reject this configuration, so what it does cannot be classified`,
      file: problem.files[0] ?? '', line: 1, changedPaths: [],
    });
  }
  findings.sort(compareFindings);
  return { tier: findings.reduce<Tier>((tier, finding) => maxTier(tier, finding.tier), 'none'), findings };
}

function classifyChange(change: Change, rules: readonly Rule[], policy: Policy): Finding[] {
  const ref = change.head ?? change.base;
  const common = {
    module: change.module, address: change.address, kind: change.kind, action: change.action,
    file: ref?.file ?? '', changedPaths: change.changedPaths, ...flowFields(change),
  };
  const findings: Finding[] = [];
  if (change.action === 'move' && change.renameOnly && change.changedPaths.length === 0) {
    // Only the object's name in the same state changes: nothing is created, changed or destroyed.
    const explicit = rules.filter((rule) => rule.match.actions?.includes('move'));
    const matched = explicit.filter((rule) => objectRuleMatches(rule, change));
    if (matched.length === 0) {
      return [{ ...common, tier: policy.catalog.defaultTier, ruleId: MOVED_RULE_ID, rationale: 'moves the object to a new address in the same state (a moved block, or a root renamed with its backend) without changing it: nothing is created or destroyed', line: ref?.range.start.line ?? 1 }];
    }
    rules = matched;
  }
  for (const rule of rules) {
    const match = objectRuleMatches(rule, change);
    if (!match) continue;
    const line = match.attribute?.attribute.range.start.line ?? ref?.range.start.line ?? 1;
    findings.push({ ...common, tier: rule.tier, ruleId: rule.id, rationale: rule.rationale, line });
  }
  if (findings.length === 0) {
    findings.push({
      ...common, tier: policy.catalog.defaultTier, ruleId: DEFAULT_RULE_ID,
      rationale: 'no rule singles this change out; every Terraform change gets the default tier', line: ref?.range.start.line ?? 1,
    });
  }
  return findings;
}

/** Highest tier first, then by location, so the check run leads with what matters most. */
function compareFindings(a: Finding, b: Finding): number {
  return tierRank(b.tier) - tierRank(a.tier)
    || compare(a.module, b.module) || compare(a.address, b.address) || compare(a.ruleId, b.ruleId);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
