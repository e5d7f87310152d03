import { describe, expect, it } from 'vitest';
import { compactFile } from '../../src/terraform/compactFile.js';
import { comparableObjects } from '../../src/terraform/comparableObjects.js';
import { buildInventory } from '../../src/terraform/inventory.js';
import { parseTerraformJson } from '../../src/terraform/jsonSyntax.js';
import { LazyBlock } from '../../src/terraform/lazyBlock.js';
import type { Block, ParsedFile } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { repositoryTerraformSources } from '../support/repositoryTerraform.js';

/** Every native-syntax file of the fixtures and examples that parses without errors. */
const understood = repositoryTerraformSources().filter(
  ({ path, source }) => !parseHcl(source, path).diagnostics.some((d) => d.severity === 'error'),
);

/** Sources whose block bodies start in unusual places. */
const EDGES: [string, string][] = [
  ['byte order mark', '\ufeffresource "a" "b" {\n  x = 1\n}\n'],
  ['CRLF line ends', 'resource "a" "b" {\r\n  x = "${var.y}"\r\n  nested {\r\n    z = [1, 2]\r\n  }\r\n}\r\n'],
  ['a comment between the labels and the brace', 'resource "a" "b" /* why */ {\n  x = 1\n}\n'],
  ['a one-line block', 'variable "x" { default = 1 }\nvariable "y" {}\n'],
  ['unquoted labels', 'resource a b {\n  x = 1\n}\n'],
  [
    'wide characters before and inside',
    '# ✓ 😀 émoji\nresource "a" "b" {\n  x = "😀 ${var.é}"\n  y = <<-EOT\n    ✓ ok\n  EOT\n}\n',
  ],
  ['heredocs and templates', 'output "o" {\n  value = <<EOT\n%{ for x in var.l ~}\n${x}\n%{ endfor ~}\nEOT\n}\n'],
];

/** A block as plain data, its body read (from a lazy block, parsed again). */
function plain(block: Block): unknown {
  return {
    type: block.type,
    labels: block.labels,
    range: block.range,
    typeRange: block.typeRange,
    labelRanges: block.labelRanges,
    attributes: block.attributes,
    blocks: block.blocks,
  };
}

function compacted(path: string, source: string): { eager: ParsedFile; compact: ParsedFile } {
  return { eager: parseHcl(source, path), compact: compactFile(parseHcl(source, path), source) };
}

describe('a lazy block, read, is the block the whole file parse gave', () => {
  it('covers enough files that the comparison cannot silently become empty', () => {
    expect(understood.length).toBeGreaterThanOrEqual(60);
  });

  it.each([...understood.map(({ path, source }): [string, string] => [path, source]), ...EDGES])(
    '%s',
    (path, source) => {
      const { eager, compact } = compacted(path, source);
      expect(compact.blocks.map(plain)).toEqual(eager.blocks.map(plain));
      expect(compact.diagnostics).toEqual(eager.diagnostics);
    },
  );
});

describe('what stays lazy', () => {
  const source =
    'terraform {\n  required_version = ">= 1.5"\n}\n' +
    'locals {\n  a = 1\n}\n' +
    'resource "aws_s3_bucket" "b" {\n  count  = 2\n  bucket = "x"\n}\n' +
    'module "m" {\n  source  = "./m"\n  version = "1.0"\n}\n' +
    'provider "aws" {\n  alias = "west"\n}\n' +
    'moved {\n  from = aws_s3_bucket.a\n  to   = aws_s3_bucket.b\n}\n' +
    'variable "v" {}\noutput "o" {\n  value = 1\n}\n';

  it('every block but terraform and locals, whose objects are their nested parts', () => {
    const { compact } = compacted('main.tf', source);
    expect(compact.blocks.map((block) => [block.type, block instanceof LazyBlock])).toEqual([
      ['terraform', false],
      ['locals', false],
      ['resource', true],
      ['module', true],
      ['provider', true],
      ['moved', true],
      ['variable', true],
      ['output', true],
    ]);
  });

  it('the inventory and the comparable objects list them without reading their bodies', () => {
    const { eager, compact } = compacted('main.tf', source);
    const inventory = buildInventory([compact]);
    const objects = comparableObjects(inventory.entries);
    const lazy = compact.blocks.filter((block): block is LazyBlock => block instanceof LazyBlock);
    expect(lazy.some((block) => block.materialized)).toBe(false);
    const strip = ({ block: _b, attribute: _a, ...entry }: (typeof inventory.entries)[number]) => entry;
    expect(inventory.entries.map(strip)).toEqual(buildInventory([eager]).entries.map(strip));
    expect(inventory.problems).toEqual(buildInventory([eager]).problems);
    // Reading an object's body reads its block, and only its block.
    expect(objects.get('.\u0000module.m')?.ref.body.attributes.map((a) => a.name)).toEqual(['source', 'version']);
    expect(lazy.filter((block) => block.materialized).map((block) => block.type)).toEqual(['module']);
  });

  it('files in JSON syntax and files with errors are kept whole', () => {
    const broken = 'resource "a" "b" {\n  x = \n}\n';
    expect(compactFile(parseHcl(broken, 'bad.tf'), broken).blocks[0]).not.toBeInstanceOf(LazyBlock);
    const json = '{"resource": {"a": {"b": {"x": 1}}}}';
    expect(compactFile(parseTerraformJson(json, 'main.tf.json'), json).blocks[0]).not.toBeInstanceOf(LazyBlock);
  });

  it('a source that is not the one parsed is refused when the body is read, never misread', () => {
    const first = 'resource "a" "b" {\n  x = 1\n}\n';
    const block = compactFile(parseHcl(first, 'main.tf'), 'resource "a" "b" {\n  x = \n}\n').blocks[0]!;
    expect(() => block.attributes).toThrow('main.tf:2: parsing a block again failed');
  });
});

describe('override files merge into lazy objects as into whole ones', () => {
  it('the merged body is the same', () => {
    const files: [string, string][] = [
      ['main.tf', 'resource "a" "b" {\n  x = 1\n  y = 2\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n'],
      ['main_override.tf', 'resource "a" "b" {\n  y = 3\n  lifecycle {\n    ignore_changes = [x]\n  }\n}\n'],
    ];
    const body = (compact: boolean) =>
      comparableObjects(
        buildInventory(
          files.map(([path, source]) =>
            compact ? compactFile(parseHcl(source, path), source) : parseHcl(source, path),
          ),
        ).entries,
      ).get('.\u0000a.b')?.ref.body;
    expect(body(true)).toEqual(body(false));
    expect(body(true)?.attributes.map((a) => `${a.name}=${a.text}`)).toEqual(['x=1', 'y=3']);
  });
});
