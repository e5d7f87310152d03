import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import type { ParsedFile } from '../../src/terraform/model.js';
import { oncePerContent, parseTerraformFile } from '../../src/terraform/parseFile.js';
import type { SourceFile } from '../../src/terraform/sourceTree.js';

describe('oncePerContent', () => {
  it('reads a file again only when its content differs from the first reading of its path', () => {
    const reads: string[] = [];
    const read = oncePerContent((file: SourceFile) => {
      reads.push(`${file.path}:${file.content}`);
      return { path: file.path, length: file.content.length };
    });
    const first = read({ path: 'a.tf', content: 'x = 1' });
    expect(read({ path: 'a.tf', content: 'x = 1' })).toBe(first);
    expect(read({ path: 'a.tf', content: 'x = 22' })).toEqual({ path: 'a.tf', length: 6 });
    expect(read({ path: 'b.tf', content: 'x = 1' })).not.toBe(first);
    expect(reads).toEqual(['a.tf:x = 1', 'a.tf:x = 22', 'b.tf:x = 1']);
  });
});

describe('buildChangeSet reads a file the same at both sides once', () => {
  const unchanged = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n';
  const base = {
    files: [
      { path: 'main.tf', content: unchanged },
      { path: 'iam.tf', content: 'variable "a" {}\n' },
    ],
  };
  const head = {
    files: [
      { path: 'main.tf', content: [...unchanged].join('') },
      { path: 'iam.tf', content: 'variable "b" {}\n' },
    ],
  };

  it('a changed file is parsed at each side', () => {
    const parsed: ParsedFile[] = [];
    const changeSet = buildChangeSet(base, head, {
      parse: (file) => {
        const result = parseTerraformFile(file);
        parsed.push(result);
        return result;
      },
    });
    expect(parsed.map((file) => file.path)).toEqual(['iam.tf', 'main.tf', 'iam.tf']);
    expect(changeSet.changes.map((change) => `${change.action} ${change.address}`)).toEqual([
      'delete var.a',
      'create var.b',
    ]);
  });
});
