import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { Files } from '../classify/catalog/support.js';
import { tree } from '../classify/catalog/support.js';

/** Two trees of files classified as a pull request from `base` to `head`, under the default policy. */
export function classifyTrees(base: Files, head: Files) {
  return classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy());
}

/** The classification's tier and the rule ids at that tier, sorted. */
export function topRules(base: Files, head: Files): [string, string[]] {
  const result = classifyTrees(base, head);
  const rules = result.findings.filter((f) => f.tier === result.tier).map((f) => f.ruleId);
  return [result.tier, [...new Set(rules)].sort()];
}
