import { describe, expect, it } from 'vitest';
import { buildChangeSet, type ChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { type Files, tree } from './catalog/support.js';

const DUPLICATE = 'resource "aws_s3_bucket" "b" {}\n';
const BROKEN = 'resource "null_resource" "x" {\n  triggers = \n}\n';
const APP = 'resource "null_resource" "app" {\n  triggers = { v = "1" }\n}\n';
const APP_CHANGED = APP.replace('"1"', '"2"');

/** The legacy module is broken at both revisions; what else changes varies per case. */
const DUPLICATED: Files = { 'legacy/a.tf': DUPLICATE, 'legacy/b.tf': DUPLICATE, 'app/main.tf': APP };
const UNPARSEABLE: Files = { 'legacy/broken.tf': BROKEN, 'app/main.tf': APP };

type Outcome = 'warning' | 'finding';

function outcome(base: Files, head: Files, adjust: (changeSet: ChangeSet) => void = () => {}) {
  const changeSet = buildChangeSet(tree(base), tree(head));
  adjust(changeSet);
  const result = classifyChangeSet(changeSet, defaultPolicy());
  const problems = result.findings.filter((f) => f.ruleId === 'invalid-configuration' || f.ruleId === 'unparseable');
  return {
    result,
    problems,
    seen: (problems.length > 0 ? 'finding' : result.warnings.length > 0 ? 'warning' : 'nothing') as Outcome | 'nothing',
  };
}

describe("old problems out of the change's reach are warnings, everything else fails closed", () => {
  const cases: [string, Files, Files, Outcome, ((changeSet: ChangeSet) => void)?][] = [
    [
      'an old duplicate address in an untouched module',
      DUPLICATED,
      { ...DUPLICATED, 'app/main.tf': APP_CHANGED },
      'warning',
    ],
    [
      'the same duplicate in a module the change touches',
      DUPLICATED,
      { ...DUPLICATED, 'legacy/c.tf': 'resource "null_resource" "n" {}\n' },
      'finding',
    ],
    [
      'the same duplicate in a module a changed value reaches',
      DUPLICATED,
      { ...DUPLICATED, 'app/main.tf': APP_CHANGED },
      'finding',
      (changeSet) => {
        changeSet.reachedModules = ['legacy'];
      },
    ],
    [
      'the same duplicate where the change to the module is a comment and layout only',
      DUPLICATED,
      { ...DUPLICATED, 'legacy/b.tf': `# a typo fixed in a comment\n${DUPLICATE.replace('{}', '{ }')}` },
      'warning',
    ],
    [
      'the same duplicate where one copy changes (the comment beside it aside)',
      DUPLICATED,
      { ...DUPLICATED, 'legacy/b.tf': `# a comment\n${DUPLICATE.replace('{}', '{ bucket = "other" }')}` },
      'finding',
    ],
    [
      'a new duplicate',
      { 'legacy/a.tf': DUPLICATE, 'app/main.tf': APP },
      { ...DUPLICATED, 'app/main.tf': APP_CHANGED },
      'finding',
    ],
    [
      'an old unparseable file in an untouched module',
      UNPARSEABLE,
      { ...UNPARSEABLE, 'app/main.tf': APP_CHANGED },
      'warning',
    ],
    [
      'an unparseable file that changed (same error)',
      UNPARSEABLE,
      { ...UNPARSEABLE, 'legacy/broken.tf': BROKEN + '# note\n' },
      'finding',
    ],
    [
      'an old unparseable file in a touched module',
      UNPARSEABLE,
      { ...UNPARSEABLE, 'legacy/other.tf': 'resource "null_resource" "n" {}\n' },
      'finding',
    ],
    [
      'an unparseable file reached by a changed value',
      UNPARSEABLE,
      { ...UNPARSEABLE, 'app/main.tf': APP_CHANGED },
      'finding',
      (changeSet) => {
        changeSet.reachedModules = ['legacy'];
      },
    ],
    [
      'a newly unparseable file',
      { 'legacy/broken.tf': APP.replace('app', 'x'), 'app/main.tf': APP },
      { ...UNPARSEABLE, 'app/main.tf': APP_CHANGED },
      'finding',
    ],
  ];
  it.each(cases)('%s: %s', (_name, base, head, expected, adjust) => {
    expect(outcome(base, head, adjust).seen).toBe(expected);
  });

  it('a warning says where and what, and does not rate the change', () => {
    const { result } = outcome(DUPLICATED, { ...DUPLICATED, 'app/main.tf': APP_CHANGED });
    expect(result.tier).toBe('low');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['default']);
    expect(result.warnings).toEqual([
      {
        ruleId: 'invalid-configuration',
        module: 'legacy',
        file: 'legacy/a.tf',
        line: 1,
        message:
          'aws_s3_bucket.b is defined 2 times in module legacy (legacy/a.tf:1, legacy/b.tf:1); Terraform rejects duplicates',
      },
    ]);
  });

  it('an old unparseable file is one warning, not one per revision', () => {
    const { result } = outcome(UNPARSEABLE, { ...UNPARSEABLE, 'app/main.tf': APP_CHANGED });
    expect(result.warnings).toEqual([
      {
        ruleId: 'unparseable',
        module: 'legacy',
        file: 'legacy/broken.tf',
        line: 2,
        message: 'expected an expression, found a new line (line 2)',
      },
    ]);
  });

  it('a finding for an old problem in a touched module is critical, as before', () => {
    const { result, problems } = outcome(DUPLICATED, {
      ...DUPLICATED,
      'legacy/c.tf': 'resource "null_resource" "n" {}\n',
    });
    expect(result.tier).toBe('critical');
    expect(problems.map((f) => [f.ruleId, f.tier, f.module])).toEqual([
      ['invalid-configuration', 'critical', 'legacy'],
    ]);
    expect(result.warnings).toEqual([]);
  });
});
