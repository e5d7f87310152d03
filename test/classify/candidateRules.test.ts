import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/change/changeSet.js';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { BUILTIN_CATALOG } from '../../src/classify/catalog/index.js';
import { candidateRules, isFileRule, objectRuleMatches } from '../../src/classify/ruleMatch.js';
import { tree } from './catalog/support.js';

/*
 * The rules a change is asked about are picked once per kind, type and action: no rule that
 * matches a change may be left out, whatever order the changes come in.
 */

const BASE = `resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = "{}"
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
`;

const HEAD = `${BASE.replace('10.0.0.0/8', '0.0.0.0/0').replace('"logs"\n', '"logs-2"\n').replace('5.0.0', '6.0.0')}
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
`;

describe('the rules picked for a change', () => {
  const changes: Change[] = buildChangeSet(tree({ 'main.tf': BASE }), tree({ 'main.tf': HEAD })).changes;
  const objectRules = BUILTIN_CATALOG.filter((rule) => !isFileRule(rule));
  it.each(changes.map((change) => [`${change.action} ${change.address}`, change] as const))(
    '%s: every rule that matches is among them',
    (_name, change) => {
      const matching = objectRules.filter((rule) => objectRuleMatches(rule, change)).map((rule) => rule.id);
      const picked = new Set(candidateRules(objectRules, change).map((rule) => rule.id));
      expect(matching.length).toBeGreaterThan(0);
      expect(matching.filter((id) => !picked.has(id))).toEqual([]);
      expect(picked.size).toBeLessThan(objectRules.length);
    },
  );
});
