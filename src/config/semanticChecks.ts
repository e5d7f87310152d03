import type { PolicyDocument, Principals } from '../contracts/policyDocument.generated.js';
import { POLICY_FILE_RULE_ID } from '../model/policy.js';
import { checkOwnership } from './ownershipChecks.js';
import { checkPlans } from './planChecks.js';
import type { ConfigError, YamlPath, YamlSource } from './yamlSource.js';
import { formatPath } from './yamlSource.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_EXCEPTION_DAYS = 365;

/** Rules JSON Schema cannot express: cross-references, dates, regular expressions. */
export function checkSemantics(
  raw: PolicyDocument,
  source: YamlSource,
  knownRuleIds: ReadonlySet<string>,
): ConfigError[] {
  const errors: ConfigError[] = [];
  const fail = (path: YamlPath, message: string) => {
    const at = source.locate(path);
    errors.push({
      message: `${formatPath(path)} ${message} (line ${at.line}, column ${at.column})`,
      path: formatPath(path),
      ...at,
    });
  };
  checkRules(raw, knownRuleIds, fail);
  checkCatalogReferences(raw, knownRuleIds, fail);
  checkExceptions(raw, fail);
  checkIdentities(raw, fail);
  checkPrincipalsNotEmpty(raw, fail);
  checkPlans(raw, fail);
  checkOwnership(raw, knownRuleIds, fail);
  const deployers = new Set((raw.deployers ?? []).map((d) => d.toLowerCase()));
  (raw.break_glass?.allowed.users ?? []).forEach((user, i) => {
    if (deployers.has(user.toLowerCase()))
      fail(['break_glass', 'allowed', 'users', i], `is "${user}", a deployer; deployers can never use break-glass`);
  });
  return errors;
}

type Fail = (path: YamlPath, message: string) => void;

function checkRules(raw: PolicyDocument, known: ReadonlySet<string>, fail: Fail): void {
  const seen = new Map<string, number>();
  (raw.rules ?? []).forEach((rule, i) => {
    if (known.has(rule.id))
      fail(
        ['rules', i, 'id'],
        `"${rule.id}" is a built-in rule; change it with catalog.overrides or catalog.disable, or pick another id`,
      );
    const first = seen.get(rule.id);
    if (first !== undefined)
      fail(['rules', i, 'id'], `"${rule.id}" is already the id of rules[${first}]; rule ids must be unique`);
    else seen.set(rule.id, i);
    (rule.match.values ?? []).forEach((matcher, j) => {
      if (matcher.regex === undefined) return;
      try {
        new RegExp(matcher.regex);
      } catch (error) {
        fail(
          ['rules', i, 'match', 'values', j, 'regex'],
          `is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
  });
}

function checkCatalogReferences(raw: PolicyDocument, known: ReadonlySet<string>, fail: Fail): void {
  const hint = 'run `four-eyes catalog` to list the built-in rule ids';
  const locked = `"${POLICY_FILE_RULE_ID}" cannot be changed: a pull request that edits the policy is always critical`;
  (raw.catalog?.disable ?? []).forEach((id, i) => {
    if (id === POLICY_FILE_RULE_ID) fail(['catalog', 'disable', i], locked);
    else if (!known.has(id)) fail(['catalog', 'disable', i], `"${id}" is not a built-in rule id; ${hint}`);
  });
  (raw.catalog?.overrides ?? []).forEach((override, i) => {
    if (override.id === POLICY_FILE_RULE_ID) fail(['catalog', 'overrides', i, 'id'], locked);
    else if (!known.has(override.id))
      fail(['catalog', 'overrides', i, 'id'], `"${override.id}" is not a built-in rule id; ${hint}`);
  });
}

function checkExceptions(raw: PolicyDocument, fail: Fail): void {
  const seen = new Set<string>();
  (raw.exceptions ?? []).forEach((exception, i) => {
    if (seen.has(exception.id))
      fail(['exceptions', i, 'id'], `"${exception.id}" is used by another exception; ids must be unique`);
    seen.add(exception.id);
    const created = Date.parse(exception.created + 'T00:00:00Z');
    const expires = Date.parse(exception.expires + 'T00:00:00Z');
    if (Number.isNaN(created) || Number.isNaN(expires)) return; // the schema's date format reports it
    if (expires <= created) {
      fail(['exceptions', i, 'expires'], `(${exception.expires}) must be after created (${exception.created})`);
    } else if (expires - created > MAX_EXCEPTION_DAYS * DAY_MS) {
      fail(
        ['exceptions', i, 'expires'],
        `(${exception.expires}) is more than ${MAX_EXCEPTION_DAYS} days after created (${exception.created}); exceptions must be renewed at least yearly`,
      );
    }
  });
}

/** `from: { users: [] }` could never be satisfied (or used): say so instead of blocking every PR. */
function checkPrincipalsNotEmpty(raw: PolicyDocument, fail: Fail): void {
  const check = (principals: Principals | undefined, path: (string | number)[]) => {
    if (principals && (principals.users ?? []).length === 0 && (principals.teams ?? []).length === 0) {
      fail(path, 'names nobody: list at least one user or team, or leave it out');
    }
  };
  for (const [tier, requirements] of Object.entries(raw.tiers ?? {})) {
    check(requirements.from, ['tiers', tier, 'from']);
    for (const [i, r] of (requirements.requirements ?? []).entries())
      check(r.from, ['tiers', tier, 'requirements', i, 'from']);
  }
  for (const [i, e] of (raw.exceptions ?? []).entries()) check(e.allowed, ['exceptions', i, 'allowed']);
  check(raw.break_glass?.allowed, ['break_glass', 'allowed']);
  check(raw.owners, ['owners']);
  for (const [i, rule] of (raw.rules ?? []).entries()) check(rule.owner, ['rules', i, 'owner']);
  for (const [i, entry] of (raw.catalog?.owners ?? []).entries()) check(entry.owner, ['catalog', 'owners', i, 'owner']);
}

function checkIdentities(raw: PolicyDocument, fail: Fail): void {
  const loginOwner = new Map<string, number>();
  const emailOwner = new Map<string, number>();
  (raw.identities ?? []).forEach((identity, i) => {
    identity.logins.forEach((login, j) => {
      const other = loginOwner.get(login.toLowerCase());
      if (other !== undefined && other !== i)
        fail(
          ['identities', i, 'logins', j],
          `"${login}" is already listed under identities[${other}]; merge the two entries`,
        );
      loginOwner.set(login.toLowerCase(), i);
    });
    (identity.emails ?? []).forEach((email, j) => {
      const other = emailOwner.get(email.toLowerCase());
      if (other !== undefined && other !== i)
        fail(
          ['identities', i, 'emails', j],
          `"${email}" is already listed under identities[${other}]; an address belongs to one person`,
        );
      emailOwner.set(email.toLowerCase(), i);
    });
  });
}
