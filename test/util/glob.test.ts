import { Minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/util/glob.js';

/** What minimatch itself answers, with the options globMatch uses. */
const minimatch = (subject: string, pattern: string) =>
  new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true }).match(subject);

describe('globMatch: minimatch, with plain names compared directly', () => {
  it.each([
    ['aws_s3_bucket', 'aws_s3_bucket'],
    ['aws_s3_bucket', 'aws_s3_bucket_policy'],
    ['aws_s3_bucket', 'aws_*'],
    ['aws_kms_key', 'aws_kms_!(secret*)'],
    ['google_project_iam_member', 'google_*_iam_!(audit_config)'],
    ['cidr_blocks', 'cidr_blocks'],
    ['ingress/cidr_blocks', 'ingress/cidr_blocks'],
    ['ingress/cidr_blocks', '**'],
    ['main.tf', 'main.tf'],
    ['main.tf', './main.tf'],
    ['a', 'a/'],
    ['.', '.'],
    ['', ''],
    ['#x', '#x'],
    ['a-b', 'a-b'],
    ['Name', 'name'],
  ])('%s against %s: as minimatch says', (subject, pattern) => {
    expect(globMatch(subject, pattern)).toBe(minimatch(subject, pattern));
  });
});
