import { readFileSync } from 'node:fs';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../../src/change/changeSet.js';
import {
  BUILTIN_CATALOG,
  BUILTIN_RULE_IDS,
  CATALOG_FAMILIES,
  REVIEWED_LOW_TYPES,
  suggestsPrivilege,
} from '../../../src/classify/catalog/index.js';
import { classifyChangeSet } from '../../../src/classify/classify.js';
import { defaultPolicy, type Rule, type Tier, tierRank } from '../../../src/model/policy.js';

/** The test-only lists of real type names (docs/provider-types.md). */
const LISTS = ['aws', 'google', 'azurerm'] as const;

function readList(name: string): string[] {
  const text = readFileSync(new URL(`../../fixtures/provider-types/${name}.txt`, import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

const RESOURCE_TYPES = new Map(LISTS.map((p) => [p, readList(p)]));
const DATA_TYPES = new Map(LISTS.map((p) => [p, readList(`${p}-data`)]));
const ALL_RESOURCE_TYPES = [...RESOURCE_TYPES.values()].flat();
const ALL_DATA_TYPES = [...DATA_TYPES.values()].flat();

/** Providers the catalog covers without a committed type list; their globs are checked by the family tests. */
const UNLISTED_PROVIDERS = [
  'github',
  'kubernetes',
  'kubectl',
  'helm',
  'vault',
  'tls',
  'azuread',
  'terragrunt',
  'tfe',
  'spacelift',
  'azapi',
  'gitlab',
  'okta',
  'auth0',
];

/** The provider part of rule ids that match no resource type: rules about Terraform itself and repository files. */
const PROVIDER_INDEPENDENT = ['terraform', 'four-eyes', 'github', 'ci', 'git'];

/** Types that Terraform builds in or that belong to tiny utility providers (`external`, `shell`, `http`, `dns`, `tls`, `terracurl`), used by terraform-control rules. */
const TERRAFORM_OWN_TYPES = [
  'external',
  'shell_*',
  'shell_script',
  'terraform_remote_state',
  'http',
  'dns_*',
  'tls_certificate',
  'terracurl_*',
];

/** The highest tier the catalog gives each type when it is created with an empty body. */
function tiersOnCreate(types: readonly string[], kind: 'resource' | 'data'): Map<string, Tier> {
  const content = types.map((type) => `${kind} "${type}" "x" {}\n`).join('');
  const changeSet = buildChangeSet({ files: [] }, { files: [{ path: 'main.tf', content }] });
  const tiers = new Map<string, Tier>();
  for (const finding of classifyChangeSet(changeSet, defaultPolicy()).findings) {
    const type = finding.address.split('.')[kind === 'data' ? 1 : 0]!;
    const previous = tiers.get(type);
    if (previous === undefined || tierRank(finding.tier) > tierRank(previous)) tiers.set(type, finding.tier);
  }
  return tiers;
}

function reviewKey(type: string, kind: 'resource' | 'data'): string {
  return kind === 'data' ? `data.${type}` : type;
}

describe('every type whose name suggests privilege or exposure is classified or reviewed', () => {
  const lists = LISTS.flatMap((provider) => [
    { provider, kind: 'resource' as const, types: RESOURCE_TYPES.get(provider)! },
    { provider, kind: 'data' as const, types: DATA_TYPES.get(provider)! },
  ]);
  it.each(lists)('$provider $kind types', ({ kind, types }) => {
    const suspicious = types.filter(suggestsPrivilege);
    expect(suspicious.length).toBeGreaterThan(0);
    const tiers = tiersOnCreate(suspicious, kind);
    const unclassified = suspicious.filter(
      (type) => tiers.get(type) === 'low' && !(reviewKey(type, kind) in REVIEWED_LOW_TYPES),
    );
    const reviewedButClassified = suspicious.filter(
      (type) => tiers.get(type) !== 'low' && reviewKey(type, kind) in REVIEWED_LOW_TYPES,
    );
    expect(tiers.size).toBe(suspicious.length);
    expect(unclassified).toEqual([]);
    expect(reviewedButClassified).toEqual([]);
  });
});

describe('REVIEWED_LOW_TYPES', () => {
  it('lists only real types whose names suggest privilege, each with a reason', () => {
    for (const [key, reason] of Object.entries(REVIEWED_LOW_TYPES)) {
      const isData = key.startsWith('data.');
      const type = isData ? key.slice('data.'.length) : key;
      expect(isData ? ALL_DATA_TYPES : ALL_RESOURCE_TYPES, key).toContain(type);
      expect(suggestsPrivilege(type), key).toBe(true);
      expect(reason.length, key).toBeGreaterThan(20);
    }
  });
});

describe('rule ids and rationales', () => {
  it('are unique', () => {
    expect(BUILTIN_RULE_IDS.size).toBe(BUILTIN_CATALOG.length);
  });

  it.each(CATALOG_FAMILIES.map((family) => [family.name, family.rules] as const))(
    '%s: <family>.<provider>.<what>, one-line rationale',
    (name, rules) => {
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(rule.id).toMatch(new RegExp(`^${name}\\.[a-z0-9-]+\\.[a-z0-9-]+$`));
        expect(rule.id).toMatch(/^[a-z0-9][a-z0-9_.-]*$/); // the policy file's ruleId pattern, so every id can be overridden
        expect(rule.origin).toBe('catalog');
        expect(rule.rationale, rule.id).toMatch(/^[A-Z][^\n]{20,200}\.$/);
      }
    },
  );
});

describe('every rule matches real types, or is provider-independent', () => {
  function typesFor(rule: Rule): string[] {
    const kinds = rule.match.kinds;
    // Ephemeral resources of a provider are named as its resources and data sources are (aws_lambda_invocation).
    const resources = !kinds || kinds.includes('resource') || kinds.includes('ephemeral') ? ALL_RESOURCE_TYPES : [];
    const data = !kinds || kinds.includes('data') || kinds.includes('ephemeral') ? ALL_DATA_TYPES : [];
    return [...resources, ...data];
  }

  it.each(BUILTIN_CATALOG.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    const provider = id.split('.')[1]!;
    const globs = rule.match.resourceTypes;
    // The rules for the providers no other rule names (otherProviders.ts) match by words in a type's name.
    if (rule.match.exceptProviders) {
      expect(provider).toBe('any');
      expect(rule.match.exceptProviders).toEqual(expect.arrayContaining(['aws', 'google', 'azurerm', 'random']));
      return;
    }
    if (!globs) {
      expect(PROVIDER_INDEPENDENT).toContain(provider);
      return;
    }
    for (const glob of globs) {
      if (provider === 'terraform') {
        expect(TERRAFORM_OWN_TYPES).toContain(glob);
      } else if (UNLISTED_PROVIDERS.includes(provider)) {
        expect(glob.startsWith(`${provider}_`), glob).toBe(true);
      } else {
        // The provider part of the id names the provider of every glob, and no glob is a typo.
        expect(glob.startsWith(`${provider}_`), glob).toBe(true);
        expect(
          typesFor(rule).some((type) => minimatch(type, glob)),
          `${glob} matches no ${provider} type`,
        ).toBe(true);
      }
    }
  });
});
