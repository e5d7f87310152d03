import { describe, expect, it } from 'vitest';
import { decisionMarkdown } from '../../src/report/decisionMarkdown.js';
import { decisionText } from '../../src/report/decisionText.js';
import { classification, facts, finding, run } from '../policy/support.js';

const OLD_DUPLICATE = {
  ruleId: 'invalid-configuration',
  module: 'legacy',
  file: 'legacy/a.tf',
  line: 3,
  message:
    'aws_s3_bucket.b is defined 2 times in module legacy (legacy/a.tf:3, legacy/b.tf:1); Terraform rejects duplicates',
};
const EXPECTED =
  'legacy/a.tf:3 is a configuration Terraform rejects (aws_s3_bucket.b is defined 2 times in module legacy (legacy/a.tf:3, legacy/b.tf:1); ' +
  'Terraform rejects duplicates); it is unchanged since the base and in module legacy, which this change neither touches nor reaches, so it does not rate this change: fix it separately';

describe('old configuration problems in the reports', () => {
  const decision = run(facts(), { ...classification(finding('high')), warnings: [OLD_DUPLICATE] });

  it('are warnings of the decision, in words and as data, and neither rate nor block', () => {
    expect(decision.warnings).toEqual([EXPECTED]);
    expect(decision.configurationWarnings).toEqual([OLD_DUPLICATE]);
    expect(decision.tier).toBe('high');
    expect(decision.blocking).toEqual([]);
  });

  it('are listed under Warnings in the text and Markdown reports', () => {
    expect(decisionText(decision)).toContain(`\nWarnings\n  - ${EXPECTED}\n`);
    expect(decisionMarkdown(decision)).toContain(
      '### Warnings\n\n- legacy/a.tf:3 is a configuration Terraform rejects',
    );
  });
});
