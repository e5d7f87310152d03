import { describe, expect, it } from 'vitest';
import { topRules } from '../support/classifyTrees.js';

/*
 * A module that selects entries of a map by names written out reads those entries, not any of
 * them: terraform-aws-modules/security-group keeps every known rule in `var.rules` and opens the
 * ones `ingress_rules` names, `var.rules[local.names[count.index]]`.
 */

const RULES = `variable "rules" {
  default = {
    "http-80-tcp"   = [80, 80, "tcp", "HTTP"]
    "https-443-tcp" = [443, 443, "tcp", "HTTPS"]
  }
}
`;

function module(names: string): string {
  return `${RULES}
locals {
  ingress_rules = ${names}
}

resource "aws_security_group_rule" "ingress_rules" {
  count             = length(local.ingress_rules)
  security_group_id = "sg-1"
  type              = "ingress"
  cidr_blocks       = ["0.0.0.0/0"]
  description       = var.rules[local.ingress_rules[count.index]][3]
  from_port         = var.rules[local.ingress_rules[count.index]][0]
  to_port           = var.rules[local.ingress_rules[count.index]][1]
  protocol          = var.rules[local.ingress_rules[count.index]][2]
}
`;
}

const WRITTEN = 'sort(compact(distinct(concat(["http-80-tcp"], [], [""]))))';
const ROOT_DEFAULT = 'var.ingress_rules';
const ROOT_VARIABLE = 'variable "ingress_rules" {\n  default = ["http-80-tcp"]\n}\n';

const withRule = (text: string) =>
  text.replace(
    '    "https-443-tcp" = [443, 443, "tcp", "HTTPS"]\n',
    '    "https-443-tcp" = [443, 443, "tcp", "HTTPS"]\n    "node-9100-tcp" = [9100, 9100, "tcp", "Node exporter"]\n',
  );

describe('entries of a map selected by names written out', () => {
  it('quiet: a rule added to the map, not among the names, opens nothing (before: critical)', () => {
    const base = module(WRITTEN);
    expect(topRules({ 'main.tf': base }, { 'main.tf': withRule(base) })).toEqual(['low', ['default']]);
  });

  it('still caught: the selected rule widened to every port is critical', () => {
    const base = module(WRITTEN);
    const head = base.replace('[80, 80, "tcp", "HTTP"]', '[0, 65535, "tcp", "HTTP"]');
    expect(topRules({ 'main.tf': base }, { 'main.tf': head })).toEqual([
      'critical',
      ['network.aws.security-group-open-world'],
    ]);
  });

  it('quiet as well where a root default names the rules: the default is the value, as for any variable', () => {
    const base = ROOT_VARIABLE + module(ROOT_DEFAULT);
    expect(topRules({ 'main.tf': base }, { 'main.tf': withRule(base) })).toEqual(['low', ['default']]);
  });

  it('still caught: the entry a var file names, widened, is critical (the var file is its own context)', () => {
    const base = ROOT_VARIABLE + module(ROOT_DEFAULT);
    const head = base.replace('[443, 443, "tcp", "HTTPS"]', '[0, 65535, "tcp", "HTTPS"]');
    const varFile = { 'prod.tfvars': 'ingress_rules = ["https-443-tcp"]\n' };
    expect(topRules({ 'main.tf': base, ...varFile }, { 'main.tf': head, ...varFile })).toEqual([
      'critical',
      ['network.aws.security-group-open-world'],
    ]);
  });

  it('still caught: the new rule added to the names is critical', () => {
    const base = module(WRITTEN);
    const head = withRule(base).replace('["http-80-tcp"]', '["http-80-tcp", "node-9100-tcp"]');
    expect(topRules({ 'main.tf': base }, { 'main.tf': head })[0]).toBe('critical');
  });

  it('quiet: rules counted by numbers that add up to none (`count = 0 + 0`) are no instances, whatever they read', () => {
    const base = module('[]')
      .replace('length(local.ingress_rules)', 'local.automatic + local.requested')
      .replace('locals {\n', 'locals {\n  automatic = 0\n  requested = 0\n');
    expect(topRules({ 'main.tf': base }, { 'main.tf': withRule(base) })).toEqual(['low', ['default']]);
  });

  it('still caught: the requested number raised from 0 to 1 creates a rule open to the world', () => {
    const base = module('["http-80-tcp"]')
      .replace('length(local.ingress_rules)', 'local.automatic + local.requested')
      .replace('locals {\n', 'locals {\n  automatic = 0\n  requested = 0\n');
    const head = base.replace('requested = 0', 'requested = 1');
    expect(topRules({ 'main.tf': base }, { 'main.tf': head })).toEqual([
      'critical',
      ['network.aws.security-group-open-world'],
    ]);
  });
});
