import { describe, expect, it } from 'vitest';
import {
  attributePathMatches,
  configurationPathMatches,
  generatedBlockPath,
} from '../../src/classify/attributePath.js';

describe('attributePathMatches', () => {
  it.each([
    ['acl', 'acl', true],
    ['acl', 'acls', false],
    ['ingress[0].cidr_blocks', 'ingress.cidr_blocks', true],
    ['ingress[3].cidr_blocks', 'ingress[*].cidr_blocks', true],
    ['ingress[3].cidr_blocks', 'ingress[0].cidr_blocks', false],
    ['ingress[0].cidr_blocks', 'ingress[0].cidr_blocks', true],
    ['ingress[0].cidr_blocks', '**.cidr_blocks', true],
    ['cidr_blocks', '**.cidr_blocks', true],
    ['ingress[0].ipv6_cidr_blocks', '*.cidr_blocks', false],
    ['ingress[0].ipv6_cidr_blocks', '**.*cidr_blocks', true],
    ['lifecycle.prevent_destroy', 'lifecycle.prevent_destroy', true],
    ['lifecycle.prevent_destroy', 'lifecycle.*', true],
    ['dynamic.ingress[0].content.from_port', 'dynamic.ingress.content.from_port', true],
    ['dynamic.ingress[0].content.from_port', 'dynamic.ingress[*].content.from_port', true],
    ['statement[1].actions', 'statement[*].actions', true],
    ['statement[1].actions', 'statement.not_actions', false],
    ['provisioner.local-exec[0].command', 'provisioner.*.command', true],
    ['tags', 'tags*', true],
    ['tags_all', 'tags*', true],
  ])('%s against %s → %s', (path, pattern, expected) => {
    expect(attributePathMatches(path, pattern)).toBe(expected);
  });
});

describe("generatedBlockPath: a dynamic block's content as the blocks it generates", () => {
  it.each([
    ['dynamic.ingress[0].content.cidr_blocks', 'ingress[0].cidr_blocks'],
    ['dynamic.ingress[1].content', 'ingress[1]'],
    ['dynamic.setting[0].content.dynamic.rule[2].content.value', 'setting[0].rule[2].value'],
    ['statement[0].dynamic.principals[0].content.identifiers', 'statement[0].principals[0].identifiers'],
    ['dynamic.ingress[0].for_each', null],
    ['ingress[0].cidr_blocks', null],
    ['tags', null],
  ])('%s → %s', (path, expected) => {
    expect(generatedBlockPath(path)).toBe(expected);
  });

  it.each([
    ['dynamic.ingress[0].content.cidr_blocks', 'ingress.cidr_blocks', true],
    ['dynamic.ingress[0].content.cidr_blocks', 'ingress[*].cidr_blocks', true],
    ['dynamic.ingress[0].content.cidr_blocks', 'dynamic.ingress.content.cidr_blocks', true],
    ['dynamic.ingress[0].for_each', 'ingress.for_each', false],
    ['dynamic.egress[0].content.cidr_blocks', 'ingress.cidr_blocks', false],
  ])('configurationPathMatches(%s, %s) → %s', (path, pattern, expected) => {
    expect(configurationPathMatches(path, pattern)).toBe(expected);
  });
});
