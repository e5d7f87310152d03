import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/terraform/inventory.js';
import { parseHcl } from '../../src/terraform/parser.js';

describe('blocks Terraform would reject are problems, not objects', () => {
  it.each([
    [
      'resource "aws_s3_bucket" {}\n',
      'resource.aws_s3_bucket',
      'main.tf:1: a "resource" block takes 2 labels (type and name), found 1; Terraform rejects it',
    ],
    ['variable {}\n', 'variable', 'main.tf:1: a "variable" block takes 1 label (name), found 0; Terraform rejects it'],
    ['locals "x" {}\n', 'locals.x', 'main.tf:1: a "locals" block takes no labels, found 1; Terraform rejects it'],
    [
      'widget "aws_secret" "s" {}\n',
      'widget.aws_secret.s',
      'main.tf:1: unsupported block type "widget"; its changes cannot be judged',
    ],
    [
      'ephemeral "aws_secret" {}\n',
      'ephemeral.aws_secret',
      'main.tf:1: a "ephemeral" block takes 2 labels (type and name), found 1; Terraform rejects it',
    ],
  ])('%j', (source, address, message) => {
    const inventory = buildInventory([parseHcl(source, 'main.tf')]);
    expect(inventory.entries).toEqual([]);
    expect(inventory.problems).toEqual([{ module: '.', address, files: ['main.tf'], message }]);
  });
});
