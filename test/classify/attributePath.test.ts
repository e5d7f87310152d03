import { describe, expect, it } from 'vitest';
import { attributePathMatches } from '../../src/classify/attributePath.js';

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
