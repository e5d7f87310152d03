import { describe, expect, it } from 'vitest';
import { allPaths, changedPaths } from '../../src/terraform/attributeDiff.js';
import type { Block } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';

function block(source: string): Block {
  const file = parseHcl(source, 'main.tf');
  expect(file.diagnostics).toEqual([]);
  return file.blocks[0]!;
}

const diff = (base: string, head: string) => changedPaths(block(base), block(head));

describe('changedPaths', () => {
  it.each([
    {
      name: 'identical bodies',
      base: 'resource "a" "b" {\n  x = 1\n}',
      head: 'resource "a" "b" {\n  x = 1\n}',
      paths: [],
    },
    {
      name: 'formatting, comments, blank lines, attribute order, quoting of object keys',
      base: 'resource "a" "b" {\n  name = "n"\n  tags = { "Team" = "x", Env = "prod" }\n}',
      head: 'resource "a" "b" {\n  # the tags\n\n  tags   = {\n    Env  = "prod" // env\n    Team = "x"\n  }\n  name   =   "n"\n}',
      paths: [],
    },
    {
      name: 'a heredoc and a quoted string with the same text',
      base: 'resource "a" "b" {\n  policy = "{}\\n"\n}',
      head: 'resource "a" "b" {\n  policy = <<EOT\n{}\nEOT\n}',
      paths: [],
    },
    {
      name: 'a heredoc whose text changed',
      base: 'resource "a" "b" {\n  policy = <<EOT\n{}\nEOT\n}',
      head: 'resource "a" "b" {\n  policy = <<EOT\n{"a": 1}\nEOT\n}',
      paths: ['policy'],
    },
    {
      name: 'attributes changed, added and removed',
      base: 'resource "a" "b" {\n  x = 1\n  y = 2\n  z = 3\n}',
      head: 'resource "a" "b" {\n  x = 1\n  y = 20\n  w = 4\n}',
      paths: ['w', 'y', 'z'],
    },
    {
      name: 'an attribute inside a repeated nested block',
      base: 'resource "a" "b" {\n  ingress {\n    from_port = 22\n    cidr_blocks = ["10.0.0.0/8"]\n  }\n}',
      head: 'resource "a" "b" {\n  ingress {\n    from_port = 22\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}',
      paths: ['ingress[0].cidr_blocks'],
    },
    {
      name: 'a nested block inserted at the top is the only change',
      base: 'resource "a" "b" {\n  ingress { from_port = 80 }\n  ingress { from_port = 443 }\n}',
      head: 'resource "a" "b" {\n  ingress {\n    from_port   = 22\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n  ingress { from_port = 80 }\n  ingress { from_port = 443 }\n}',
      paths: ['ingress[0].cidr_blocks', 'ingress[0].from_port'],
    },
    {
      name: 'a removed nested block reports its base index',
      base: 'resource "a" "b" {\n  ingress { from_port = 80 }\n  ingress { from_port = 443 }\n  ingress { from_port = 8080 }\n}',
      head: 'resource "a" "b" {\n  ingress { from_port = 80 }\n  ingress { from_port = 8080 }\n}',
      paths: ['ingress[1].from_port'],
    },
    {
      name: 'changed nested blocks pair in order after identical ones',
      base: 'data "aws_iam_policy_document" "x" {\n  statement { actions = ["s3:GetObject"] }\n  statement { actions = ["s3:ListBucket"] }\n}',
      head: 'data "aws_iam_policy_document" "x" {\n  statement { actions = ["s3:GetObject"] }\n  statement { actions = ["s3:*"] }\n}',
      paths: ['statement[1].actions'],
    },
    {
      name: 'identical nested blocks that swapped places',
      base: 'resource "a" "b" {\n  provisioner "local-exec" { command = "one" }\n  provisioner "local-exec" { command = "two" }\n}',
      head: 'resource "a" "b" {\n  provisioner "local-exec" { command = "two" }\n  provisioner "local-exec" { command = "one" }\n}',
      paths: ['provisioner.local-exec[1]'],
    },
    {
      name: 'lifecycle carries no index',
      base: 'resource "a" "b" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}',
      head: 'resource "a" "b" {\n  lifecycle {\n    prevent_destroy = false\n  }\n}',
      paths: ['lifecycle.prevent_destroy'],
    },
    {
      name: 'a removed lifecycle block reports its attributes',
      base: 'resource "a" "b" {\n  x = 1\n  lifecycle {\n    prevent_destroy = true\n    ignore_changes  = [tags]\n  }\n}',
      head: 'resource "a" "b" {\n  x = 1\n}',
      paths: ['lifecycle.ignore_changes', 'lifecycle.prevent_destroy'],
    },
    {
      name: 'an added empty block reports its own path',
      base: 'resource "a" "b" {\n  x = 1\n}',
      head: 'resource "a" "b" {\n  x = 1\n  timeouts {}\n}',
      paths: ['timeouts[0]'],
    },
    {
      name: 'dynamic blocks are labelled, their content is single',
      base: 'resource "a" "b" {\n  dynamic "ingress" {\n    for_each = var.ports\n    content {\n      from_port = ingress.value\n    }\n  }\n}',
      head: 'resource "a" "b" {\n  dynamic "ingress" {\n    for_each = var.ports\n    content {\n      from_port = ingress.value + 1\n    }\n  }\n}',
      paths: ['dynamic.ingress[0].content.from_port'],
    },
    {
      name: 'blocks nested two levels deep',
      base: 'resource "a" "b" {\n  rule {\n    action { type = "allow" }\n  }\n}',
      head: 'resource "a" "b" {\n  rule {\n    action { type = "block" }\n  }\n}',
      paths: ['rule[0].action[0].type'],
    },
    {
      name: 'count and for_each are attributes like any other',
      base: 'resource "a" "b" {\n  count = 2\n}',
      head: 'resource "a" "b" {\n  count = 3\n}',
      paths: ['count'],
    },
  ])('$name', ({ base, head, paths }) => {
    expect(diff(base, head)).toEqual(paths);
  });
});

describe('allPaths', () => {
  it('lists every attribute path of a body, nested blocks indexed', () => {
    const body = block(
      'resource "a" "b" {\n  x = 1\n  ingress { p = 1 }\n  ingress {\n    p = 2\n    q = 3\n  }\n  lifecycle { create_before_destroy = true }\n  timeouts {}\n}',
    );
    expect(allPaths(body)).toEqual([
      'ingress[0].p',
      'ingress[1].p',
      'ingress[1].q',
      'lifecycle.create_before_destroy',
      'timeouts[0]',
      'x',
    ]);
  });
});
