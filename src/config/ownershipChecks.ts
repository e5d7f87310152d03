import type { PolicyDocument } from '../contracts/policyDocument.generated.js';
import { globMatch } from '../util/glob.js';
import { OWNABLE_DERIVED_IDS } from './ruleOwners.js';
import type { YamlPath } from './yamlSource.js';

type Fail = (path: YamlPath, message: string) => void;

/**
 * Owners the schema cannot check: a `catalog.owners` glob must match some rule (a typo would
 * leave findings silently unowned), and `owner_approval` needs someone to own findings.
 */
export function checkOwnership(raw: PolicyDocument, known: ReadonlySet<string>, fail: Fail): void {
  const ids = [...known, ...(raw.rules ?? []).map((rule) => rule.id), ...OWNABLE_DERIVED_IDS];
  (raw.catalog?.owners ?? []).forEach((entry, i) => {
    entry.rules.forEach((glob, j) => {
      if (!ids.some((id) => globMatch(id, glob)))
        fail(
          ['catalog', 'owners', i, 'rules', j],
          `"${glob}" matches no rule id; run \`four-eyes catalog\` to list the built-in ones`,
        );
    });
  });
  const owned =
    (raw.rules ?? []).some((rule) => rule.owner !== undefined) ||
    (raw.catalog?.owners ?? []).length > 0 ||
    raw.owners_from_codeowners === true;
  if (owned) return;
  for (const [tier, requirements] of Object.entries(raw.tiers ?? {})) {
    const where: YamlPath | null = requirements.owner_approval
      ? ['tiers', tier, 'owner_approval']
      : ((requirements.requirements ?? []).flatMap((r, i) =>
          r.owner_approval ? [['tiers', tier, 'requirements', i, 'owner_approval'] as YamlPath] : [],
        )[0] ?? null);
    if (where)
      fail(
        where,
        'asks for owner approval, but the policy names no owners: give rules an owner, list catalog.owners, or set owners_from_codeowners: true',
      );
  }
}
