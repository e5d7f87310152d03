import { describe, expect, it } from 'vitest';
import { decisionMarkdown } from '../../src/report/decisionMarkdown.js';
import { escapeMarkdown } from '../../src/report/markdown.js';
import { classification, facts, finding, review, run } from '../policy/support.js';

describe('decisionMarkdown', () => {
  it('gives the tier, the findings with links, the requirements, what did not count and what to do', () => {
    const decision = run(
      facts({ reviews: [review('alice', 'APPROVED')] }),
      classification(finding('high', { file: 'iam.tf', line: 12 })),
    );
    const markdown = decisionMarkdown(decision, {
      linkTo: (file, line) => `https://github.com/acme/infra/blob/beadfee/${file}#L${line}`,
    });
    expect(markdown).toBe(
      [
        '## ⏳ Approvals needed: High impact: 0 of 1 independent approval',
        '',
        '**Overall tier:** high',
        '',
        '### Findings',
        '',
        '| Tier | Action | Address | Rule | Where | Why |',
        '|---|---|---|---|---|---|',
        '| high | update | `aws_iam_role.ci` | identity.aws.iam | [iam.tf:12](https://github.com/acme/infra/blob/beadfee/iam.tf#L12) | changes IAM |',
        '',
        '### Requirements',
        '',
        '- ⏳ **independent approval**: 0 of 1 from anyone independent',
        '',
        '### Approvals not counted',
        '',
        '- @alice (`author`): alice is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee',
        '',
        '### What to do next',
        '',
        '- Get 1 more approval for "independent approval" from anyone independent with write access who did not author, commit, co-author or push to this PR (excluded: alice), on the head commit.',
        '',
      ].join('\n'),
    );
  });

  it('escapes what users control, so it cannot break the table or inject HTML', () => {
    expect(escapeMarkdown('a|b <script>alert(1)</script> *x*')).toBe(
      'a\\|b &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\*',
    );
    const decision = run(
      facts(),
      classification(finding('high', { address: 'aws_s3_bucket.a|b', rationale: '<img src=x onerror=alert(1)>' })),
    );
    const markdown = decisionMarkdown(decision);
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('`aws_s3_bucket.a\\|b`');
  });

  it('stays within the limit and says how many findings were left out', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding('medium', { address: `aws_security_group_rule.r${i}`, rationale: 'x'.repeat(60) }),
    );
    const markdown = decisionMarkdown(run(facts(), classification(...many)));
    expect(markdown.length).toBeLessThanOrEqual(65_535);
    const note = /_(\d+) more finding\(s\) not shown here/.exec(markdown);
    expect(note).not.toBeNull();
    const shown = markdown.split('\n').filter((line) => line.startsWith('| medium |')).length;
    expect(shown + Number(note![1])).toBe(3000);
    expect(markdown).toContain('### What to do next');
  });
});
