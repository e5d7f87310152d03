import { BUILTIN_RULE_IDS } from '../classify/catalog/index.js';
import type { SourceTree } from '../terraform/sourceTree.js';
import { loadPolicy, POLICY_PATH } from './loadPolicy.js';
import type { ConfigError } from './yamlSource.js';

/**
 * The policy file a change proposes, checked: when the head's `.github/four-eyes.yml` differs
 * from the base's, its errors (none when valid). Null when the change leaves it alone or deletes it.
 */
export function proposedPolicy(base: SourceTree, head: SourceTree): { source: string; errors: ConfigError[] } | null {
  const before = base.files.find((file) => file.path === POLICY_PATH)?.content;
  const after = head.files.find((file) => file.path === POLICY_PATH)?.content;
  if (after === undefined || after === before) return null;
  return { source: POLICY_PATH, errors: loadPolicy(after, BUILTIN_RULE_IDS).errors };
}
