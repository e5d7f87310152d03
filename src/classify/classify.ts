import type { Change, ChangeSet } from '../change/changeSet.js';
import type { CiRunFile } from '../change/ciRunFiles.js';
import { maxTier, type Policy, type RequirementTier, type Rule, type Tier, tierRank } from '../model/policy.js';
import { writtenElsewhere } from '../terraform/comparableObjects.js';
import { BUILTIN_CATALOG } from './catalog/index.js';
import {
  type ClassificationWarning,
  configurationProblems,
  INVALID_CONFIGURATION_RULE_ID,
  UNPARSEABLE_RULE_ID,
} from './configurationProblems.js';
import { effectiveRules } from './effectiveRules.js';
import { flowFields } from './flowFields.js';
import { ratedByGrants } from './grantRatings.js';
import { rulesFor } from './judgingRules.js';
import { candidateRules, fileRuleMatches, isFileRule, type ObjectMatch, objectRuleMatches } from './ruleMatch.js';
import type { ValueChange } from './valueChanges.js';

export {
  type ClassificationWarning,
  INVALID_CONFIGURATION_RULE_ID,
  UNPARSEABLE_RULE_ID,
} from './configurationProblems.js';

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
  /**
   * For a value rule on an update or move: whether the change introduced the matched value,
   * widened a unit (statement, rule, binding) that already had it, or removed it.
   */
  valueChange?: ValueChange;
  /** for a finding from a plan: the plan's source (file or artifact entry) */
  plan?: string;
}

export interface Classification {
  /** the highest finding; `none` when nothing changed that Four Eyes judges */
  tier: Tier;
  findings: Finding[];
  /** old syntax errors and invalid configurations out of the change's reach: shown, not rated */
  warnings: ClassificationWarning[];
}

const DEFAULT_RULE_ID = 'default';
const MOVED_RULE_ID = 'moved-unchanged';
const UNREACHED_RULE_ID = 'unreached-value';
const UNRESOLVED_VAR_FILE_RULE_ID = 'var-file-unresolved';
const TOOL_DEPENDENT_RULE_ID = 'tofu-shadowing';
const SUBMODULE_RULE_ID = 'submodule-commit';
const CI_RUN_RULE_ID = 'ci-run-file';
const LFS_RULE_ID = 'lfs-content';
const UNSEEN_MODULE_RULE_ID = 'local-module-unseen';
const SUBMODULE_RATIONALE =
  "A submodule now points at another commit: a local module source inside it loads that commit's code, which Four Eyes does not read. Review the submodule's own change between the two commits";
const TOOL_DEPENDENT_RATIONALE =
  'OpenTofu replaces a .tf file with the .tofu file of the same name, Terraform ignores .tofu files: the two tools run different code here, and Four Eyes judges what OpenTofu loads. Check which tool applies this repository, and review both files';

/** A changed file that is `high` by Four Eyes' own judgement, not by a rule of the catalog. */
function highFileFinding(path: string, ruleId: string, rationale: string): Finding {
  return {
    module: '',
    address: path,
    kind: 'file',
    action: 'modified',
    tier: 'high',
    ruleId,
    rationale,
    file: path,
    line: 1,
    changedPaths: [],
  };
}

/** The ids of findings no rule of the catalog or the policy makes: a policy can name their owners too. */
export const DERIVED_RULE_IDS: readonly string[] = [
  DEFAULT_RULE_ID,
  MOVED_RULE_ID,
  UNREACHED_RULE_ID,
  UNRESOLVED_VAR_FILE_RULE_ID,
  TOOL_DEPENDENT_RULE_ID,
  SUBMODULE_RULE_ID,
  CI_RUN_RULE_ID,
  LFS_RULE_ID,
  UNSEEN_MODULE_RULE_ID,
  UNPARSEABLE_RULE_ID,
  INVALID_CONFIGURATION_RULE_ID,
];

/** Removing what a rule flags narrows access: worth a reviewer's look, never more than this. */
const REMOVAL_TIER_CAP: RequirementTier = 'medium';
/** A change beside an existing match (not of it): never more than this by that match alone. */
const WIDENED_TIER_CAP: RequirementTier = 'high';

/**
 * Every changed Terraform object gets a finding per matching rule (or the default tier when no
 * rule matches); changed files get findings from file rules; a file that does not parse, or a
 * configuration Terraform rejects, is critical because nothing in it can be classified, unless
 * it is old and out of the change's reach (then it is a warning).
 */
export function classifyChangeSet(
  changeSet: ChangeSet,
  policy: Policy,
  catalog: readonly Rule[] = BUILTIN_CATALOG,
): Classification {
  const rules = effectiveRules(catalog, policy);
  const objectRules = rules.filter((rule) => !isFileRule(rule));
  const fileRules = rules.filter(isFileRule);
  const findings: Finding[] = [];
  for (const change of changeSet.changes) findings.push(...classifyChange(change, objectRules, policy));
  findings.push(...fileFindings(changeSet, fileRules, policy));
  const problems = configurationProblems(changeSet);
  for (const problem of problems.findings) findings.push({ ...problem, tier: 'critical', changedPaths: [] });
  findings.sort(compareFindings);
  return {
    tier: findings.reduce<Tier>((tier, finding) => maxTier(tier, finding.tier), 'none'),
    findings,
    warnings: problems.warnings,
  };
}

/** The findings of the rules about files, for each changed file they match. */
function fileRuleFindings(changeSet: ChangeSet, fileRules: readonly Rule[]): Finding[] {
  const findings: Finding[] = [];
  // An HCL file changed in comments and layout only reads the same: no rule about it has anything to judge.
  const cosmetic = new Set(changeSet.cosmeticFiles ?? []);
  for (const file of changeSet.files) {
    if (file.status === 'modified' && cosmetic.has(file.path) && file.path.endsWith('.hcl')) continue;
    for (const rule of fileRules) {
      if (!fileRuleMatches(rule, file)) continue;
      findings.push({
        module: '',
        address: file.path,
        kind: 'file',
        action: file.status,
        tier: rule.tier,
        ruleId: rule.id,
        rationale: rule.rationale,
        file: file.path,
        line: 1,
        changedPaths: [],
      });
    }
  }
  return findings;
}

/** The findings about changed files as files: file rules, submodules, files CI runs, LFS content read, tool-dependent and unreached value files. */
function fileFindings(changeSet: ChangeSet, fileRules: readonly Rule[], policy: Policy): Finding[] {
  const findings: Finding[] = fileRuleFindings(changeSet, fileRules);
  for (const path of changeSet.submodules ?? [])
    findings.push(highFileFinding(path, SUBMODULE_RULE_ID, SUBMODULE_RATIONALE));
  for (const run of changeSet.ciRunFiles ?? [])
    findings.push(highFileFinding(run.path, CI_RUN_RULE_ID, ciRunRationale(run)));
  for (const read of changeSet.lfsReads ?? [])
    findings.push(
      highFileFinding(
        read.path,
        LFS_RULE_ID,
        `Stored in Git LFS: the repository holds only a pointer, and ${read.readBy} is made of the content a checkout with LFS gives Terraform, which Four Eyes does not see. Review that content itself (the file as GitHub shows it) before approving`,
      ),
    );
  for (const call of changeSet.unseenModules ?? []) {
    const where =
      call.where === 'outside'
        ? 'a path outside the repository'
        : 'a directory with no Terraform file in this tree (a symbolic link, or one a pipeline writes before init)';
    findings.push({
      module: call.module,
      address: call.address,
      kind: 'module',
      action: call.action,
      tier: 'high',
      ruleId: UNSEEN_MODULE_RULE_ID,
      rationale: `Calls "${call.source}", ${where}: the code Terraform runs there is not in this pull request and Four Eyes cannot judge it. Review it where it is, or commit it`,
      file: call.file,
      line: call.line,
      changedPaths: ['source'],
    });
  }
  for (const path of changeSet.toolDependent ?? [])
    findings.push(highFileFinding(path, TOOL_DEPENDENT_RULE_ID, TOOL_DEPENDENT_RATIONALE));
  for (const source of changeSet.unreached ?? []) {
    findings.push({
      module: '',
      address: source.path,
      kind: 'file',
      action: 'modified',
      tier: policy.catalog.defaultTier,
      ruleId: UNREACHED_RULE_ID,
      rationale: `a changed value file, but ${source.reason}; it gets the default tier: check where it is used`,
      file: source.path,
      line: 1,
      changedPaths: [],
    });
  }
  for (const unresolved of changeSet.unresolvedVarFiles ?? []) {
    findings.push({
      module: unresolved.root,
      address: unresolved.path,
      kind: 'file',
      action: 'modified',
      tier: 'critical',
      ruleId: UNRESOLVED_VAR_FILE_RULE_ID,
      rationale: `One of ${unresolved.changed} changed var files of the root ${unresolved.root}: Four Eyes follows the values of ${unresolved.resolved} per root, so where this file's values land was not judged. Review what it sets, or change fewer var files of one root per pull request`,
      file: unresolved.path,
      line: 1,
      changedPaths: [],
    });
  }
  return findings;
}

/** Where CI runs the file: the command's line, and for a script's line, the lines that run that script, from the pipeline's. */
function ciRunRationale(run: CiRunFile): string {
  const chain = run.via?.map((step) => `${step.path}:${step.line}`).join(' → ');
  const where = chain
    ? `Used by CI: a command at ${run.by}:${run.line} runs or reads it (\`${run.word}\`), and ${chain} run ${run.by}, all`
    : `Used by CI: a command at ${run.by}:${run.line} runs or reads it (\`${run.word}\`)`;
  return `${where} with the pipeline's secrets and deployment credentials, so changing it changes what the pipeline does with them, as a change of the pipeline would`;
}

/** The findings of one changed object under the object rules (`objectRules`): what a plan's changes go through too. */
export function classifyChange(change: Change, rules: readonly Rule[], policy: Policy): Finding[] {
  const ref = change.head ?? change.base;
  const common = {
    module: change.module,
    address: change.address,
    kind: change.kind,
    action: change.action,
    file: ref?.file ?? '',
    changedPaths: change.changedPaths,
    ...flowFields(change),
  };
  const findings: Finding[] = [];
  if (change.action === 'move' && change.renameOnly && change.changedPaths.length === 0) {
    // Only the object's name in the same state changes: nothing is created, changed or destroyed.
    const explicit = rules.filter((rule) => rule.match.actions?.includes('move'));
    const matched = explicit.filter((rule) => objectRuleMatches(rule, change));
    if (matched.length === 0) {
      return [
        {
          ...common,
          tier: policy.catalog.defaultTier,
          ruleId: MOVED_RULE_ID,
          rationale:
            'moves the object to a new address in the same state (a moved block, or a root renamed with its backend) without changing it: nothing is created or destroyed',
          line: ref?.range.start.line ?? 1,
        },
      ];
    }
    rules = matched;
  }
  rules = rulesFor(change, candidateRules(rules, change));
  // A data source read during apply changes nothing: only a rule that asks for reads judges it.
  if (change.action === 'read') rules = rules.filter((rule) => rule.match.actions?.includes('read'));
  for (const rule of rules) {
    const found = objectRuleMatches(rule, change);
    if (!found) continue;
    const match =
      change.action === 'delete' && change.kind === 'data' && removesGrant(rule)
        ? { ...found, valueChange: 'removed' as const }
        : found;
    const line = match.attribute?.attribute.range.start.line ?? ref?.range.start.line ?? 1;
    const file = (match.attribute && writtenElsewhere(match.attribute.attribute)) ?? common.file;
    findings.push({ ...common, file, ...judged(rule, match), ruleId: rule.id, line });
  }
  ratedByGrants(change, findings);
  if (findings.length === 0 && change.action !== 'read') {
    findings.push({
      ...common,
      tier: policy.catalog.defaultTier,
      ruleId: DEFAULT_RULE_ID,
      rationale: 'no rule singles this change out; every Terraform change gets the default tier',
      line: ref?.range.start.line ?? 1,
    });
  }
  return findings;
}

/**
 * Rules whose match is the scope of a grant, not the grant: a statement on Resource "*" that
 * gains actions is rated by what the actions are (a wildcard action is a rule of its own).
 */
const RATED_BY_ADDITION: ReadonlySet<string> = new Set(['identity.aws.wildcard-resource']);

/** Families whose value rules flag what a value grants (access, exposure, reach), not what it protects. */
const GRANT_FAMILIES = ['identity.', 'data-exposure.', 'network.'];

/**
 * Deleting a data source that renders a flagged grant (a policy document with Resource "*")
 * destroys nothing and grants nothing: whatever used the document is judged on its own, so the
 * deletion is a removal, like an update that drops the grant. Rules that name the delete action
 * judge the deletion itself and keep their tier. (A deleted resource keeps the rule's tier: what
 * it held may be what something else relied on.)
 */
function removesGrant(rule: Rule): boolean {
  return (
    rule.match.values !== undefined &&
    !rule.match.actions?.includes('delete') &&
    GRANT_FAMILIES.some((family) => rule.id.startsWith(family))
  );
}

/** The tier and rationale of a match, saying what the change does to a flagged value. */
function judged(rule: Rule, match: ObjectMatch): Pick<Finding, 'tier' | 'rationale' | 'valueChange'> {
  switch (match.valueChange) {
    case undefined:
      return { tier: rule.tier, rationale: rule.rationale };
    case 'introduced':
      return { tier: rule.tier, rationale: rule.rationale, valueChange: 'introduced' };
    case 'widened': {
      // A statement on "*" that gained actions is rated by what was added (its own rules: a
      // wildcard action is "introduced"), so the old "*" alone rates it high at most. Other
      // widenings keep the rule's tier: another port open to the world, another owner.
      const tier =
        match.widenedByAttribute || !RATED_BY_ADDITION.has(rule.id) || tierRank(rule.tier) <= tierRank(WIDENED_TIER_CAP)
          ? rule.tier
          : WIDENED_TIER_CAP;
      return {
        tier,
        valueChange: 'widened',
        rationale: `Widens an existing match: the statement, rule or binding that has it changed. ${rule.rationale}`,
      };
    }
    case 'removed':
      return {
        tier: tierRank(rule.tier) > tierRank(REMOVAL_TIER_CAP) ? REMOVAL_TIER_CAP : rule.tier,
        valueChange: 'removed',
        rationale: `Removes a match (the base had it here, the head no longer does): usually a narrowing, but check that nothing relied on it. The rule: ${rule.rationale}`,
      };
  }
}

/** Highest tier first, then by location, so the check run leads with what matters most. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    tierRank(b.tier) - tierRank(a.tier) ||
    compare(a.module, b.module) ||
    compare(a.address, b.address) ||
    compare(a.ruleId, b.ruleId)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
