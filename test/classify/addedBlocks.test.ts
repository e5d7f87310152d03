import { describe, expect, it } from 'vitest';
import { addsBlock, blockPlaces } from '../../src/classify/addedBlocks.js';
import { parseHcl } from '../../src/terraform/parser.js';

function bodyOf(inside: string) {
  const file = parseHcl(`resource "google_compute_instance" "vm" {\n${inside}}\n`, 't.tf');
  expect(file.diagnostics).toEqual([]);
  return file.blocks[0]!;
}

const WANTED = new Set(['network_interface.access_config']);

describe('blockPlaces', () => {
  it.each([
    [
      'an empty block is a place',
      'network_interface {\n access_config {}\n}\n',
      ['network_interface[0].access_config[0]'],
    ],
    [
      'each interface has its own places',
      'network_interface {\n}\nnetwork_interface {\n access_config {}\n access_config {}\n}\n',
      ['network_interface[1].access_config[0]', 'network_interface[1].access_config[1]'],
    ],
    [
      'a dynamic block is a place of the type it generates',
      'network_interface {\n dynamic "access_config" {\n for_each = var.nats\n content {}\n }\n}\n',
      ['network_interface[0].dynamic.access_config[0]'],
    ],
    [
      'a dynamic block over an empty collection generates none',
      'network_interface {\n dynamic "access_config" {\n for_each = toset([])\n content {}\n }\n}\n',
      [],
    ],
    [
      'blocks inside a dynamic block are found in its content',
      'dynamic "network_interface" {\n for_each = var.nics\n content {\n access_config {}\n }\n}\n',
      ['dynamic.network_interface[0].access_config[0]'],
    ],
    ['a block of the same name elsewhere is not one', 'access_config {}\nboot_disk {\n access_config {}\n}\n', []],
  ])('%s', (_name, inside, places) => {
    expect([...blockPlaces(bodyOf(inside), WANTED)]).toEqual(places);
  });
});

describe('addsBlock', () => {
  const none = 'network_interface {\n}\n';
  const one = 'network_interface {\n access_config {}\n}\n';
  const two = 'network_interface {\n access_config {}\n}\nnetwork_interface {\n access_config {}\n}\n';
  it.each([
    ['a new object with the block', null, one, true],
    ['a new object without it', null, none, false],
    ['the block added to an object', none, one, true],
    ['the block kept', one, one, false],
    ['the block taken away', one, none, false],
    ['a second interface with its own block', one, two, true],
  ])('%s', (_name, base, head, adds) => {
    expect(addsBlock(base === null ? null : bodyOf(base), bodyOf(head), WANTED)).toBe(adds);
  });
});
