import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/classify/catalog/index.js';
import { effectiveRules } from '../../src/classify/effectiveRules.js';
import { isFileRule, objectRuleMatches } from '../../src/classify/ruleMatch.js';
import { defaultPolicy, type Rule } from '../../src/model/policy.js';
import { planChanges } from '../../src/plan/planChanges.js';
import { rulesByChangeShape } from '../../src/plan/planRules.js';
import { entry, planOf } from './planBuilders.js';

const rule = (id: string, match: Rule['match']): Rule => ({ id, tier: 'high', rationale: id, match, origin: 'policy' });

const RULES = [
  rule('any', {}),
  rule('iam-types', { resourceTypes: ['aws_iam_*'] }),
  rule('buckets', { resourceTypes: ['aws_s3_bucket'] }),
  rule('deletes', { actions: ['delete'] }),
  rule('data-sources', { kinds: ['data'] }),
  rule('outputs', { kinds: ['output'] }),
  rule('bucket-deletes', { resourceTypes: ['aws_s3_bucket'], actions: ['delete'], values: [{ attribute: 'bucket' }] }),
];

const PLAN = planOf([
  entry('aws_iam_role.ci', 'create', { after: { name: 'ci' } }),
  entry('module.logs.aws_s3_bucket.logs["eu"]', 'delete', { before: { bucket: 'logs' } }),
  entry('data.aws_iam_policy_document.ci', 'read', { after: { json: '{}' } }),
]);

describe('rulesByChangeShape: the rules that can judge a change, by kind, action and type', () => {
  const rulesFor = rulesByChangeShape(RULES);
  const changes = [...planChanges(PLAN)].map((item) => item.change);

  it.each([
    ['aws_iam_role.ci', 'create', ['any', 'iam-types']],
    ['aws_s3_bucket.logs["eu"]', 'delete', ['any', 'buckets', 'deletes', 'bucket-deletes']],
    ['data.aws_iam_policy_document.ci', 'read', ['any', 'iam-types', 'data-sources']],
  ])('%s (%s): %j', (address, action, expected) => {
    const change = changes.find((candidate) => candidate.address === address && candidate.action === action)!;
    expect(rulesFor(change).map((found) => found.id)).toEqual(expected);
  });

  it('answers the same shape with the same list, worked out once', () => {
    const [first] = changes;
    expect(rulesFor({ ...first!, address: 'aws_iam_role.other' })).toBe(rulesFor(first!));
  });

  it('leaves out no catalog rule that matches a change', () => {
    const catalog = effectiveRules(BUILTIN_CATALOG, defaultPolicy()).filter((candidate) => !isFileRule(candidate));
    const catalogFor = rulesByChangeShape(catalog);
    for (const change of changes) {
      const matching = catalog.filter((candidate) => objectRuleMatches(candidate, change) !== null);
      expect(matching.length).toBeGreaterThan(0);
      for (const found of matching) expect(catalogFor(change)).toContain(found);
    }
  });
});
