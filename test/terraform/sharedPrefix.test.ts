import { describe, expect, it } from 'vitest';
import type { ParsedFile } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { parseAfterSharedPrefix } from '../../src/terraform/sharedPrefix.js';
import type { SourceFile } from '../../src/terraform/sourceTree.js';
import { repositoryTerraformSources } from '../support/repositoryTerraform.js';

/** Every native-syntax file of the fixtures and examples with at least two blocks, errors or not. */
const files = repositoryTerraformSources().filter(({ path, source }) => parseHcl(source, path).blocks.length >= 2);

const wholeParse = (file: SourceFile): ParsedFile => parseHcl(file.content, file.path);

/** The head parsed with the base's blocks shared, and how many it shares. */
function sharing(path: string, base: string, head: string): { parsed: ParsedFile; shared: number } {
  const before = { content: base, parsed: parseHcl(base, path) };
  const parsed = parseAfterSharedPrefix({ path, content: head }, before, wholeParse);
  const shared = parsed.blocks.filter((block) => before.parsed.blocks.includes(block)).length;
  return { parsed, shared };
}

/** Heads made of a base: a block added at the end, one edited half-way down, the first line edited. */
function edits(source: string, path: string): [string, string][] {
  const blocks = parseHcl(source, path).blocks;
  const middle = blocks[Math.floor(blocks.length / 2)]!;
  const at = middle.range.start.offset;
  return [
    ['a block appended', `${source}\nresource "null_resource" "added" {\n  triggers = { a = "b" }\n}\n`],
    ['a block inserted half-way', `${source.slice(0, at)}locals {\n  inserted = 1\n}\n\n${source.slice(at)}`],
    ['the middle block edited', `${source.slice(0, at)}# edited\n${source.slice(at).replace('{', '{\n  x = 1')}`],
    ['the first line edited', `# a new first line\n${source}`],
    ['an error added at the end', `${source}\nresource "broken" {\n`],
  ];
}

describe('a head parsed after the prefix it shares with its base is the head parsed whole', () => {
  it('covers enough files that the comparison cannot silently become empty', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  it.each(files)('$path', ({ path, source }) => {
    for (const [, head] of edits(source, path)) {
      expect(sharing(path, source, head).parsed).toEqual(parseHcl(head, path));
    }
  });
});

describe('which blocks are shared', () => {
  const base = 'resource "a" "one" {\n  x = 1\n}\n\nresource "a" "two" {\n  x = 2\n}\n';
  const crlf = base.replaceAll('\n', '\r\n');
  const oneLine = 'variable "x" { default = 1 }\nvariable "y" {}\n';
  const heredoc = 'output "o" {\n  value = <<EOT\n}\nEOT\n}\noutput "p" {}\n';
  const commented = base.replace('}\n\n', '} # one\n\n');
  const blockComment = base.replace('}\n\n', '} /* one\n*/\n');
  it.each([
    ['a block appended: both', base, `${base}resource "a" "three" {}\n`, 2],
    ['the second block edited: the first', base, base.replace('x = 2', 'x = 3'), 1],
    ['the first block edited: none', base, base.replace('x = 1', 'x = 0'), 0],
    ['a line comment after a closing brace: still shared', commented, commented.replace('x = 2', 'x = 3'), 1],
    ['a /* comment running past the closing line: not', blockComment, blockComment.replace('x = 2', 'x = 3'), 0],
    ['CRLF line ends', crlf, crlf.replace('x = 2', 'x = 3'), 1],
    ['a one-line block', oneLine, oneLine.replace('{}', '{ default = 2 }'), 1],
    ['a byte-order mark: none', `\ufeff${base}`, `\ufeff${base}resource "a" "three" {}\n`, 0],
    ['a base with a top-level attribute: none', `a = 1\n${base}`, `a = 1\n${base}resource "a" "three" {}\n`, 0],
    ['a base with an error: none', `${base}resource {\n`, `${base}resource "a" "three" {}\n`, 0],
    ['a heredoc in the shared block', heredoc, heredoc.replace('"p" {}', '"p" {\n  value = 1\n}'), 1],
    ['an error after the shared blocks', base, `${base}resource "a" {\n`, 2],
  ])('%s', (_, before, head, shared) => {
    const result = sharing('main.tf', before, head);
    expect(result.parsed).toEqual(parseHcl(head, 'main.tf'));
    expect(result.shared).toBe(shared);
  });

  it('parses the file whole, as it is asked to, when nothing is shared', () => {
    const parsed = { path: 'main.tf', syntax: 'hcl', attributes: [], blocks: [], diagnostics: [] } as ParsedFile;
    const result = parseAfterSharedPrefix(
      { path: 'main.tf', content: `# new\n${base}` },
      { content: base, parsed: parseHcl(base, 'main.tf') },
      () => parsed,
    );
    expect(result).toBe(parsed);
  });
});
