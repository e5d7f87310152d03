import { describe, expect, it } from 'vitest';
import { valueMatches } from '../../src/classify/valueMatches.js';
import type { ValueMatcher } from '../../src/model/policy.js';
import { parseHcl } from '../../src/terraform/parser.js';

function placesIn(hcl: string, matcher: ValueMatcher) {
  const file = parseHcl(hcl, 'main.tf');
  expect(file.diagnostics).toEqual([]);
  return valueMatches(file.blocks[0]!, matcher).map((m) => ({
    path: m.entry.path,
    leaf: m.leaf,
    place: m.place,
    placeKind: m.placeKind,
    unit: m.unit,
  }));
}

describe('valueMatches: each match with the unit it is part of', () => {
  it('a JSON policy value: the statement that holds the key', () => {
    const hcl =
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Action = "s3:GetObject", Resource = "a" }, { Resource = ["*"], Action = "ec2:*" }] })\n}\n';
    expect(placesIn(hcl, { attribute: '**', key: 'Resource', equals: '*' })).toEqual([
      {
        path: 'policy',
        leaf: '*',
        place: 'policy#/Statement/1',
        placeKind: 'policy#/Statement',
        unit: '{"Action":"ec2:*","Resource":["*"]}',
      },
    ]);
  });

  it('a value in a nested block: the outermost block', () => {
    const hcl =
      'data "x" "d" {\n  statement {\n    actions = ["s3:GetObject"]\n  }\n  statement {\n    principals {\n      type = "AWS"\n      identifiers = ["*"]\n    }\n  }\n}\n';
    const [match] = placesIn(hcl, { attribute: 'statement.principals.identifiers', equals: '*' });
    expect(match).toMatchObject({
      path: 'statement[1].principals[0].identifiers',
      place: 'statement[1]',
      placeKind: 'statement',
    });
  });

  it('a top-level value: the value itself', () => {
    const hcl = 'resource "aws_security_group_rule" "r" {\n  cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]\n}\n';
    expect(placesIn(hcl, { attribute: 'cidr_blocks', equals: '0.0.0.0/0' })).toEqual([
      {
        path: 'cidr_blocks',
        leaf: '0.0.0.0/0',
        place: 'cidr_blocks',
        placeKind: 'cidr_blocks',
        unit: '"0.0.0.0/0"',
      },
    ]);
  });

  it.each([
    ['Effect = "Deny" cancels', '{ Effect = "Deny", NotAction = "iam:*" }', 0],
    ['Effect = "Allow" does not', '{ Effect = "Allow", NotAction = "iam:*" }', 1],
    ['no Effect does not', '{ NotAction = ["iam:*", "sts:*"] }', 2],
  ])('unless: %s', (_name, statement, count) => {
    const hcl = `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [${statement}] })\n}\n`;
    expect(
      placesIn(hcl, { attribute: '**', key: 'NotAction', regex: '.', unless: { key: 'Effect', equals: 'Deny' } }),
    ).toHaveLength(count);
  });
});

describe('rangeFrom: a start…end range judged together', () => {
  const matcher: ValueMatcher = { attribute: 'end_ip_address', rangeFrom: 'start_ip_address' };
  const rule = (start: string, end: string) =>
    `resource "azurerm_mssql_firewall_rule" "r" {\n  start_ip_address = ${start}\n  end_ip_address   = ${end}\n}\n`;

  it.each([
    ['two starts, the end pairs with the nearer one below it', 'var.x ? "10.0.1.10" : "10.0.2.10"', '"10.0.2.11"', 0],
    [
      'two starts, the nearer one below the end still spans the internet',
      'var.x ? "10.0.1.10" : "0.0.0.0"',
      '"254.255.255.255"',
      1,
    ],
    ['a start not known may be the lowest address', 'var.start', '"10.0.0.5"', 1],
    ['an end not known is no range', '"0.0.0.0"', 'var.end', 0],
    ['a start above the end is no range', '"11.0.0.0"', '"10.255.255.255"', 0],
  ])('%s', (_why, start, end, count) => {
    expect(placesIn(rule(start, end), matcher)).toHaveLength(count);
  });
});
