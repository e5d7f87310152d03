import type * as Raw from '../contracts/policyDocument.generated.js';

/**
 * The policy as the core uses it: `.github/four-eyes.yml` after validation, with every default
 * filled in. The YAML keys are snake_case (docs/configuration.md); this is their camelCase twin,
 * with the schema's enumerations taken from the generated raw document types.
 */

export type Tier = 'none' | Raw.Tier;
export type RequirementTier = Exclude<Tier, 'none'>;

/** Highest first; `none` means no Terraform change at all. */
const TIERS: readonly Tier[] = ['critical', 'high', 'medium', 'low', 'none'];

export function tierRank(tier: Tier): number {
  return 4 - TIERS.indexOf(tier);
}

export function maxTier(a: Tier, b: Tier): Tier {
  return tierRank(a) >= tierRank(b) ? a : b;
}

export interface Principals {
  users: string[];
  teams: string[];
}

export interface Requirement {
  name: string;
  approvals: number;
  /** null: anyone independent with write permission */
  from: Principals | null;
  /**
   * An owner approval (`owner_approval: true`): each finding of the tier needs an approval from
   * one of its owners; the decision turns it into one slot per owner (`approvals` is 0).
   */
  ownerApproval?: true;
}

interface Identity {
  name: string | null;
  logins: string[];
  emails: string[];
}

type ObjectKindName = NonNullable<Raw.Match['kinds']>[number];

/**
 * When a match does not count: the nearest scope's `key` equals a value (what a policy file can
 * say), or, for the catalog, has any value (`present`: a setting that overrides a provider default).
 */
export type UnlessCondition =
  | { key: string; equals: string | number | boolean }
  | { key: string; present: true }
  /**
   * Built-in rules only: the nearest enclosing JSON object or HCL block that has the key `within`
   * (a statement, for `Principal`) holds, anywhere inside it, a key or string this pattern matches
   * (a condition on the OIDC subject claim). No such object or block: the match counts.
   */
  | {
      within: string;
      mentions: string;
      /** entries under a JSON key, or HCL blocks whose `test`, matching this are not looked into (a `Null` condition) */
      except?: string;
    }
  /**
   * Built-in rules only: the object has a nested block of this type at its top level (a
   * `dynamic` one too: it may generate it), or, with `key`, one whose attribute of that name
   * equals `equals` (`private_cluster_config { enable_private_endpoint = true }`).
   */
  | { block: string; key?: string; equals?: string | number | boolean };

export interface ValueMatcher {
  attribute: string;
  key?: string;
  equals?: string | number | boolean;
  contains?: string;
  regex?: string;
  /** the value, read as an AWS wildcard pattern, matches every one of these names (`iam:Pass*` covers `iam:PassRole`) */
  covers?: string[];
  /** the value is an address range of this reach, however spelled (internetRanges.ts) */
  cidr?: 'internet';
  /**
   * Built-in rules only: the value is the last IPv4 address of a range whose first is this key's
   * value (found like `unless`'s key), and the range reaches the internet (a firewall rule's
   * `start_ip_address`…`end_ip_address`).
   */
  rangeFrom?: string;
  /**
   * Built-in rules only: the match counts only where the nearest JSON object or HCL block around
   * the value that has this key holds a value covering these names (a statement's `Resource`
   * covering every ARN): one statement's action and resource, judged together.
   */
  alongside?: { key: string; covers: readonly string[] };
  /** Built-in rules only: the value, read as `covers` reads it, matches at least one of these names. */
  coversAny?: readonly string[];
  /** Built-in rules only: the match does not count where the value also covers every name of one of these sets. */
  unlessCovers?: readonly (readonly string[])[];
  /** `equals`, `contains` and `regex` ignore letter case (AWS action names: `IAM:*` is `iam:*`) */
  ignoreCase?: boolean;
  /**
   * The match does not count when the nearest enclosing JSON object or HCL block that has this
   * key (searching outward from the value) has it equal to this: `NotAction` only grants in an
   * `Allow` statement, so `{ key: 'Effect', equals: 'Deny' }`. An absent key does not cancel.
   * Built-in rules may list several conditions, any of which cancels (a policy file gives one).
   */
  unless?: UnlessCondition | readonly UnlessCondition[];
  /**
   * Attribute path globs of the same object whose change widens a match that is itself
   * unchanged: an IAM member resource whose `role` stays owner but whose `member` changes grants
   * owner to someone new. Only updates and moves look at it.
   */
  widenedBy?: string[];
}

export interface RuleMatch {
  kinds?: ObjectKindName[];
  resourceTypes?: string[];
  addresses?: string[];
  actions?: NonNullable<Raw.Match['actions']>;
  attributes?: string[];
  values?: ValueMatcher[];
  files?: string[];
  moduleChanges?: NonNullable<Raw.Match['module_changes']>;
  /** module calls only: whether the called code is in the tree (`local`: ./ or ../) or elsewhere */
  moduleSource?: Raw.Match['module_source'];
  /**
   * Catalog only: `attributes` match the paths the change itself changed, never every path of an
   * object judged whole because it was given another provider configuration.
   */
  changedOnly?: true;
  /**
   * Catalog only: nested block type paths (`network_interface.access_config`, no indices) of which
   * the change adds a block — any block at all, an empty one too (`access_config {}` gives an
   * instance an external address with every argument left to its default): an object created
   * with one, or updated to have one at a place where the base has none.
   */
  blocksAdded?: string[];
  /**
   * Catalog only: types of providers other than these (the part of a type before its first `_`):
   * the rules that judge what the rest of the catalog has no rules for.
   */
  exceptProviders?: readonly string[];
}

export interface Rule {
  id: string;
  tier: RequirementTier;
  rationale: string;
  match: RuleMatch;
  /** where the rule comes from, for the explanation */
  origin: 'catalog' | 'policy';
  /** who owns the rule's findings (a policy rule's `owner`) */
  owner?: Principals;
}

/** The rule that makes any change to the policy file critical: no policy can switch it off. */
export const POLICY_FILE_RULE_ID = 'repository.four-eyes.policy-file';

/** `catalog.owners[i]`: the owner of the rules whose ids match one of the globs. */
interface CatalogOwner {
  rules: string[];
  owner: Principals;
}

/** Who owns which findings (docs/owners.md); a policy rule's own owner is on the rule. */
interface Ownership {
  /** `catalog.owners`: the last entry matching a rule id wins */
  catalog: CatalogOwner[];
  /** `owners_from_codeowners`: the code owners of a finding's file own it too */
  fromCodeowners: boolean;
  /** `notifications.notify_finding_owners`: notices go to the findings' owners too */
  notifyFindingOwners: boolean;
}

interface RuleOverride {
  id: string;
  tier?: RequirementTier;
  rationale?: string;
}

interface ExceptionScope {
  rules?: string[];
  addresses?: string[];
  attributes?: string[];
}

export interface PolicyException {
  id: string;
  description: string;
  owner: string;
  justification: string;
  link: string | null;
  /** YYYY-MM-DD */
  created: string;
  expires: string;
  scope: ExceptionScope;
  maxTier: Raw.Exception['max_tier'];
  allowed: Principals;
}

/** The execution gate (docs/execution.md): which environments it judges, and how strictly. */
export interface ExecutionSettings {
  /** environment name globs, matched case-insensitively */
  environments: string[];
  /** a deployment of an approved change needs a plan uploaded by its run */
  requirePlan: boolean;
  /** the PR author may run the deployment of their own approved change */
  executorMayBeAuthor: boolean;
}

/** Every environment the rule is enabled on: enabling it is the opt-in. */
const ALL_ENVIRONMENTS = '**';

/**
 * Where the plans come from (`plans:`): the artifact a GitHub Actions workflow uploads for the
 * pull request's head commit, holding one `terraform show -json` file per root (docs/plans.md).
 */
export interface PlanPolicy {
  /** the workflow file that makes the plans (`.github/workflows/terraform.yml`) */
  workflow: string;
  /** the name of the artifact it uploads them as */
  artifact: string;
  /** whether a root the pull request changes needs a trusted plan, unless its entry under `roots` says otherwise */
  required: boolean;
  /** roots with their own setting, `required` already defaulted to the one above */
  roots: { path: string; required: boolean }[];
}

export interface Policy {
  checkName: string;
  tiers: Record<RequirementTier, Requirement[]>;
  distinct: boolean;
  retainApprovals: NonNullable<Raw.PolicyDocument['retain_approvals']>;
  deployers: string[];
  identities: Identity[];
  rules: Rule[];
  catalog: { disable: string[]; overrides: RuleOverride[]; defaultTier: RequirementTier };
  exceptions: PolicyException[];
  breakGlass: { allowed: Principals; minReasonLength: number } | null;
  owners: Principals;
  notifications: {
    exceptionLogIssue: number | null;
    mentionOwners: boolean;
    /** comment on the PR, for the owners, when an approver who had a hand in the change is refused */
    blockedAttempts: boolean;
  };
  execution: ExecutionSettings;
  /** null: the policy reads no plan */
  plans: PlanPolicy | null;
  ownership: Ownership;
}

const DEFAULT_CHECK_NAME = 'Separation of duties';

/** The artifact name `plans.artifact` defaults to (the example workflow uploads this one). */
export const DEFAULT_PLAN_ARTIFACT = 'four-eyes-plan';

export const DEFAULT_APPROVALS: Record<RequirementTier, number> = { critical: 2, high: 1, medium: 1, low: 0 };

/** The policy that applies when a repository has no `.github/four-eyes.yml`. */
export function defaultPolicy(): Policy {
  return {
    checkName: DEFAULT_CHECK_NAME,
    tiers: {
      critical: [{ name: 'independent approvals', approvals: DEFAULT_APPROVALS.critical, from: null }],
      high: [{ name: 'independent approval', approvals: DEFAULT_APPROVALS.high, from: null }],
      medium: [{ name: 'independent approval', approvals: DEFAULT_APPROVALS.medium, from: null }],
      low: [{ name: 'independent approval', approvals: DEFAULT_APPROVALS.low, from: null }],
    },
    distinct: true,
    retainApprovals: 'head-only',
    deployers: [],
    identities: [],
    rules: [],
    catalog: { disable: [], overrides: [], defaultTier: 'low' },
    exceptions: [],
    breakGlass: null,
    owners: { users: [], teams: [] },
    notifications: { exceptionLogIssue: null, mentionOwners: true, blockedAttempts: true },
    execution: { environments: [ALL_ENVIRONMENTS], requirePlan: false, executorMayBeAuthor: true },
    plans: null,
    ownership: { catalog: [], fromCodeowners: false, notifyFindingOwners: false },
  };
}

/** Re-exported so rule code can name the values it matches without importing the parser model. */
