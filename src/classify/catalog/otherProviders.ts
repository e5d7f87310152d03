import type { Rule } from '../../model/policy.js';
import { rule, valuesAt } from './rule.js';

/**
 * Providers the rest of the catalog has no rules for (databases, SaaS, other clouds): a grant of
 * Snowflake's ACCOUNTADMIN, a PostgreSQL superuser or a MongoDB Atlas access list opened to the
 * world was the default tier, low, with no approval. What such a type grants is not known here,
 * so its name is read: one that names access, credentials or exposure asks for a review, and a
 * source address open to the whole internet is judged as the clouds' are.
 */
export function otherProviderRules(covered: readonly string[]): Rule[] {
  const other = { kinds: ['resource' as const], exceptProviders: [...covered, ...UTILITY_PROVIDERS].sort() };
  return [
    rule(
      'identity.any.unjudged-access',
      'high',
      { ...other, resourceTypes: globs(ACCESS_WORDS) },
      'Changes roles, grants, permissions, members or policies of a provider Four Eyes has no rules for: what it grants is not judged here, so a reviewer must.',
    ),
    rule(
      'secrets.any.unjudged-credentials',
      'high',
      { ...other, resourceTypes: globs(CREDENTIAL_WORDS) },
      'Changes keys, tokens, secrets or passwords of a provider Four Eyes has no rules for: who gets them is not judged here, so a reviewer must.',
    ),
    rule(
      'network.any.unjudged-exposure',
      'high',
      { ...other, resourceTypes: globs(EXPOSURE_WORDS) },
      'Changes firewalls, address allow lists or public access of a provider Four Eyes has no rules for: what it exposes is not judged here, so a reviewer must.',
    ),
    rule(
      'network.any.source-open-world',
      'critical',
      {
        ...other,
        values: valuesAt(
          SOURCE_NAMES.flatMap((name) => [name, `${OUTSIDE_OUTBOUND}.${name}`]),
          { cidr: 'internet', unless: OUTBOUND_RULE },
        ),
      },
      'Admits the whole internet (0.0.0.0/0, ::/0 or any range as wide as a /8) as a source, in a provider Four Eyes has no rules for: anyone can reach what it guards.',
    ),
  ];
}

/**
 * HashiCorp's utility providers make values inside Terraform and nothing outside it: a
 * `random_password` is where a secret comes from, judged where it lands.
 */
const UTILITY_PROVIDERS = ['random', 'time', 'null', 'local', 'archive', 'cloudinit', 'template'];

const ACCESS_WORDS = [
  'role',
  'grant',
  'permission',
  'privilege',
  'polic',
  'member',
  'acl',
  'iam',
  'user',
  'admin',
  'access',
  'auth',
  'trust',
  'identity',
  'binding',
  'sharing',
];
const CREDENTIAL_WORDS = ['key', 'token', 'secret', 'credential', 'password', 'certificate'];
const EXPOSURE_WORDS = [
  'firewall',
  'security_group',
  'secgroup',
  'security_list',
  'network_policy',
  'allowlist',
  'whitelist',
  'ip_access',
  'public',
];

function globs(words: readonly string[]): string[] {
  return words.map((word) => `*${word}*`);
}

/** Attribute names that hold where traffic may come from, at the top or one block down. */
const SOURCE_NAMES = [
  'cidr',
  'cidrs',
  'cidr_block',
  'cidr_blocks',
  'cidr_ip',
  'source',
  'source_ips',
  'source_addresses',
  'source_ranges',
  'source_cidr*',
  'remote_ip_prefix',
  'allowed_ip*',
  'allowed_cidr*',
  'ip_address',
  'ip_range*',
  'ip_whitelist',
  'ip_allowlist',
  'trusted_ip*',
];

/** A block that is not an outbound rule: where an egress rule sends traffic is no source. */
const OUTSIDE_OUTBOUND = '!(*egress*|*outbound*)';

/** Rules that say they are outbound in an argument of their own. */
const OUTBOUND_RULE = [
  { key: 'direction', equals: 'egress' },
  { key: 'direction', equals: 'out' },
  { key: 'direction', equals: 'outbound' },
  { key: 'type', equals: 'egress' },
];
