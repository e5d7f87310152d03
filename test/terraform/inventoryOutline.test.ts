import { describe, expect, it } from 'vitest';
import { buildInventory, InventoryOutline } from '../../src/terraform/inventory.js';
import { parseTerraformJson } from '../../src/terraform/jsonSyntax.js';
import type { ParsedFile } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';

/** name, files, how many problems buildInventory finds in them */
const trees: [string, ParsedFile[], number][] = [
  [
    'objects of every kind',
    [
      parseHcl(
        `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 5.0" }\n  }\n  backend "s3" {}\n}\n` +
          `provider "aws" {\n  alias = "west"\n}\nresource "aws_s3_bucket" "b" {\n  count = 2\n}\n` +
          `module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.1.0"\n}\n` +
          `locals {\n  a = 1\n  b = 2\n}\nmoved {\n  from = aws_s3_bucket.a\n  to   = aws_s3_bucket.b\n}\n`,
        'stack/main.tf',
      ),
      parseTerraformJson('{"output": {"id": {"value": "${aws_s3_bucket.b[0].id}"}}}', 'stack/outputs.tf.json'),
    ],
    0,
  ],
  [
    'duplicates, shape problems and overrides, across files and modules',
    [
      parseHcl('variable "x" {}\nresource "aws_s3_bucket" {}\n', 'a/one.tf'),
      parseHcl('variable "x" {}\nwidget "aws_secret" "s" {}\nstray = 1\n', 'a/two.tf'),
      parseHcl('variable "x" {\n  default = 2\n}\n', 'a/override.tf'),
      parseHcl('variable "x" {}\nlocals {\n  y = 1\n}\nlocals {\n  y = 2\n}\n', 'b/main.tf'),
    ],
    5,
  ],
];

describe('InventoryOutline: the inventory gathered one file at a time, without syntax trees', () => {
  it.each(trees)('%s: the entries and problems of buildInventory', (_name, files, problems) => {
    const whole = buildInventory(files);
    const outline = new InventoryOutline();
    for (const file of files) outline.add(file);
    expect(outline.entries).toEqual(whole.entries.map(({ block: _b, attribute: _a, ...entry }) => entry));
    expect(outline.problems()).toEqual(whole.problems);
    expect(whole.problems).toHaveLength(problems);
  });

  it('keeps no block or attribute of the files it was given', () => {
    const outline = new InventoryOutline();
    outline.add(parseHcl('resource "a" "b" {}\nlocals {\n  c = 1\n}\n', 'main.tf'));
    expect(outline.entries.map((entry) => Object.keys(entry).sort())).toEqual([
      ['address', 'file', 'kind', 'module', 'range'],
      ['address', 'file', 'kind', 'module', 'range'],
    ]);
  });
});
