import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { impactDigest } from '../../src/policy/digest.js';
import { type Files, tree } from '../classify/catalog/support.js';

/* Same impact means the same values: a retained approval must have seen what the head does. */

function digest(base: Files, head: Files): string {
  return impactDigest(classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy()).findings);
}

const document = (actions: string, resources: string) => `data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ${actions}
    resources = ${resources}
  }
}
`;

describe('the impact digest', () => {
  const base = { 'main.tf': document('["s3:GetObject"]', '["arn:aws:s3:::a/*"]') };

  it('differs when the same attribute path changes to another value (a benign edit, then iam:PassRole on *)', () => {
    const benign = digest(base, { 'main.tf': document('["s3:GetObject", "s3:ListBucket"]', '["arn:aws:s3:::a/*"]') });
    const escalation = digest(base, { 'main.tf': document('["iam:PassRole"]', '["*"]') });
    expect(benign).not.toBe(escalation);
  });

  it('differs when only the value behind a variable changes (the traced source is covered)', () => {
    const code = 'variable "actions" {}\n\n' + document('var.actions', '["arn:aws:s3:::a/*"]');
    const first = digest(
      { 'main.tf': code, 'terraform.tfvars': 'actions = ["s3:GetObject"]\n' },
      { 'main.tf': code, 'terraform.tfvars': 'actions = ["s3:PutObject"]\n' },
    );
    const second = digest(
      { 'main.tf': code, 'terraform.tfvars': 'actions = ["s3:GetObject"]\n' },
      { 'main.tf': code, 'terraform.tfvars': 'actions = ["iam:PassRole"]\n' },
    );
    expect(first).not.toBe(second);
  });

  it('is the same for an identical impact, whatever the formatting or line numbers', () => {
    const head = { 'main.tf': document('["s3:GetObject", "s3:ListBucket"]', '["arn:aws:s3:::a/*"]') };
    const reformatted = {
      'main.tf': '\n\n# moved down\n' + document('[ "s3:GetObject",\n "s3:ListBucket" ]', '["arn:aws:s3:::a/*"]'),
    };
    expect(digest(base, head)).toBe(digest(base, reformatted));
  });
});
