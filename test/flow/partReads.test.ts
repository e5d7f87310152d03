import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees } from '../support/classifyTrees.js';

/*
 * A framework root (Azure CAF's shape) gathers every module call's outputs into one collection
 * per kind — `merge(tomap({ (lz) = module.store }), lookup(var.remote_objects, "stores", {}))` —
 * and each object reads one attribute of one entry, by keys known only at apply time. A change
 * of one output (`rules`) reaches the readers of that output, through the collection, and no
 * others: the reader of `id` is the same at both sides. Each row writes the collection another
 * way; the SSH rule opened to the world through it stays critical in every one.
 */

const STORE = `variable "rules" {
  type = list(string)
}

resource "aws_s3_bucket" "store" {
  bucket = "store"
}

output "id" {
  value = aws_s3_bucket.store.id
}

output "rules" {
  value = var.rules
}
`;

const root = (collection: string, rules: string) => `variable "lz" {
  default = "local"
}

variable "remote_objects" {
  default = {}
}

variable "settings" {
  default = {}
}

variable "rules" {
  type    = list(string)
  default = ${rules}
}

module "store" {
  source = "./modules/store"
  rules  = var.rules
}

locals {
  stores = ${collection}
}

resource "random_id" "k" {
  byte_length = 4
}

resource "aws_security_group_rule" "reader" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  security_group_id = "sg-1"
  description       = local.stores[try(var.settings.lz_key, var.lz)][random_id.k.hex].id
  cidr_blocks       = ["10.1.0.0/16"]
}

resource "aws_security_group_rule" "user" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  security_group_id = "sg-1"
  cidr_blocks       = local.stores[var.lz][random_id.k.hex].rules
}
`;

const files = (collection: string, rules: string): Files => ({
  'main.tf': root(collection, rules),
  'modules/store/main.tf': STORE,
});

/** The rule reading `rules` opened to the world, critical; the one reading `id` not changed at all. */
function expectUserReachedOnly(result: ReturnType<typeof classifyTrees>): void {
  const changed = result.findings.map((finding) => [finding.address, finding.ruleId, finding.tier]);
  expect(changed).toContainEqual(['aws_security_group_rule.user', 'network.aws.security-group-open-world', 'critical']);
  expect(changed.filter(([address]) => address === 'aws_security_group_rule.reader')).toEqual([]);
}

describe('a part of a collection of module outputs reaches the readers of that part only', () => {
  it.each([
    [
      'merge, tomap and lookup, as CAF writes it',
      'merge(tomap({ (var.lz) = { main = module.store } }), lookup(var.remote_objects, "stores", {}))',
    ],
    [
      'an object of the call (a quiet guard: the resolver alone tells these apart)',
      '{ (var.lz) = { main = module.store } }',
    ],
    ['through try', 'try({ (var.lz) = { main = module.store } }, {})'],
    ['through a conditional', 'var.lz == "" ? {} : { (var.lz) = { main = module.store } }'],
  ])('%s', (_case, collection) => {
    expectUserReachedOnly(classifyTrees(files(collection, '["10.0.0.0/8"]'), files(collection, '["0.0.0.0/0"]')));
  });

  it('a collection made by a for expression (read whole): the opened rule is still critical', () => {
    const collection = '{ for k, v in { (var.lz) = { main = module.store } } : k => v }';
    const result = classifyTrees(files(collection, '["10.0.0.0/8"]'), files(collection, '["0.0.0.0/0"]'));
    const addresses = result.findings.map((finding) => finding.address);
    expect(addresses).toContain('aws_security_group_rule.user');
    expect(result.tier).toBe('critical');
  });

  it('a module call with for_each: an instance, then its output (a quiet guard)', () => {
    const collection = '{ (var.lz) = module.store }';
    const withEach = (rules: string): Files => ({
      'main.tf': root(collection, rules).replace(
        'source = "./modules/store"',
        'source   = "./modules/store"\n  for_each = toset(["main"])',
      ),
      'modules/store/main.tf': STORE,
    });
    expectUserReachedOnly(classifyTrees(withEach('["10.0.0.0/8"]'), withEach('["0.0.0.0/0"]')));
  });
});
