import type { Rule } from '../../model/policy.js';
import { ALLOW_LIST_RULES } from './allowLists.js';
import { BOOT_CODE_RULES } from './bootCode.js';
import { CLUSTER_ACCESS_RULES } from './clusterAccess.js';
import { CLUSTER_ENDPOINT_RULES } from './clusterEndpoints.js';
import { DATA_EXPOSURE_RULES } from './dataExposure.js';
import { DESTRUCTION_RULES } from './destruction.js';
import { IDENTITY_RULES } from './identity.js';
import { IDENTITY_SERVICE_RULES } from './identityServices.js';
import { LOGGING_RULES } from './logging.js';
import { MODULE_RULES } from './modules.js';
import { NETWORK_RULES } from './network.js';
import { otherProviderRules } from './otherProviders.js';
import { REPLACEMENT_RULES } from './replacement.js';
import { REPOSITORY_RULES } from './repository.js';
import { RUN_PLATFORM_RULES } from './runPlatforms.js';
import { SECRETS_RULES } from './secrets.js';
import { TERRAFORM_CONTROL_RULES } from './terraformControl.js';
import { WORKLOAD_IDENTITY_RULES } from './workloadIdentity.js';

export { PRIVILEGE_KEYWORDS, suggestsPrivilege } from './keywords.js';
export { REVIEWED_LOW_TYPES } from './reviewedLowTypes.js';

/** The families in the order docs/catalog.md lists them, before the rules for other providers. */
const JUDGED_FAMILIES: readonly { name: string; rules: readonly Rule[] }[] = [
  {
    name: 'identity',
    rules: [
      ...IDENTITY_RULES,
      ...CLUSTER_ACCESS_RULES,
      ...IDENTITY_SERVICE_RULES,
      ...WORKLOAD_IDENTITY_RULES,
      ...BOOT_CODE_RULES,
    ],
  },
  { name: 'secrets', rules: SECRETS_RULES },
  { name: 'network', rules: [...NETWORK_RULES, ...ALLOW_LIST_RULES, ...CLUSTER_ENDPOINT_RULES] },
  { name: 'data-exposure', rules: DATA_EXPOSURE_RULES },
  { name: 'logging', rules: LOGGING_RULES },
  { name: 'destruction', rules: [...DESTRUCTION_RULES, ...REPLACEMENT_RULES] },
  { name: 'terraform-control', rules: [...TERRAFORM_CONTROL_RULES, ...RUN_PLATFORM_RULES] },
  { name: 'repository', rules: REPOSITORY_RULES },
  { name: 'modules', rules: MODULE_RULES },
];

/**
 * The providers some rule names a type of (`aws` of `aws_iam_*`): the others' types are judged by
 * the rules of otherProviders.ts.
 */
function coveredProviders(families: typeof JUDGED_FAMILIES): string[] {
  const providers = new Set<string>();
  for (const family of families)
    for (const rule of family.rules)
      for (const glob of rule.match.resourceTypes ?? []) {
        const provider = /^([a-z0-9-]+)(_|$)/.exec(glob)?.[1];
        if (provider) providers.add(provider);
      }
  return [...providers].sort();
}

const OTHER_PROVIDER_RULES = otherProviderRules(coveredProviders(JUDGED_FAMILIES));
const byFamily = (name: string) => OTHER_PROVIDER_RULES.filter((rule) => rule.id.startsWith(`${name}.`));

/** The families in the order docs/catalog.md lists them. */
export const CATALOG_FAMILIES: readonly { name: string; rules: readonly Rule[] }[] = JUDGED_FAMILIES.map((family) => ({
  name: family.name,
  rules: [...family.rules, ...byFamily(family.name)],
}));

/** Every built-in rule; a policy file can override or disable each by id. */
export const BUILTIN_CATALOG: readonly Rule[] = CATALOG_FAMILIES.flatMap((family) => family.rules);

export const BUILTIN_RULE_IDS: ReadonlySet<string> = new Set(BUILTIN_CATALOG.map((r) => r.id));
