import { describe, expect, it } from 'vitest';
import { foldedString } from '../../src/flow/stringCalls.js';
import type { Expression } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';

/** The call `text` writes, as the resolver hands it over (its arguments already resolved). */
function call(text: string): Extract<Expression, { kind: 'call' }> {
  const expr = parseHcl(`x = ${text}\n`, 'test.tf').attributes[0]!.expr;
  if (expr.kind !== 'call') throw new Error(`not a call: ${text}`);
  return expr;
}

function folded(text: string): unknown {
  const c = call(text);
  const result = foldedString(c, c.args);
  return result === null ? null : (result as { value: unknown }).value;
}

describe('string functions with known arguments are the string Terraform computes', () => {
  it.each([
    ['join(".", ["0", "0", "0", "0/0"])', '0.0.0.0/0'],
    ['join(",", ["a"], ["b", "c"])', 'a,b,c'],
    ['join("", [])', ''],
    ['format("%s/%d", "0.0.0.0", 0)', '0.0.0.0/0'],
    ['format("%v:%s%%", true, "x")', 'true:x%'],
    ['lower("ARN:AWS:IAM::*")', 'arn:aws:iam::*'],
    ['upper("s3:getobject")', 'S3:GETOBJECT'],
    ['trimspace("  0.0.0.0/0 \\n")', '0.0.0.0/0'],
    ['replace("10.0.0.0/8", "10.0.0.0/8", "0.0.0.0/0")', '0.0.0.0/0'],
    [`base64decode("${Buffer.from('{"Action":"*"}').toString('base64')}")`, '{"Action":"*"}'],
    ['textdecodebase64("MC4wLjAuMC8w", "UTF-8")', '0.0.0.0/0'],
    [`textdecodebase64("${Buffer.from('0.0.0.0/0', 'utf16le').toString('base64')}", "UTF-16LE")`, '0.0.0.0/0'],
    ['cidrsubnet("0.0.0.0/0", 1, 1)', '128.0.0.0/1'],
    ['trimprefix("x0.0.0.0/0", "x")', '0.0.0.0/0'],
    ['trimprefix("0.0.0.0/0", "x")', '0.0.0.0/0'],
    ['trimsuffix("0.0.0.0/0x", "x")', '0.0.0.0/0'],
    ['trim("?!0.0.0.0/0!?", "!?")', '0.0.0.0/0'],
    ['substr("xx0.0.0.0/0", 2, 9)', '0.0.0.0/0'],
    ['substr("xx0.0.0.0/0", 2, -1)', '0.0.0.0/0'],
    ['substr("0.0.0.0/0yy", -11, 9)', '0.0.0.0/0'],
    ['substr("abc", 1, 100)', 'bc'],
    ['strrev("0/0.0.0.0")', '0.0.0.0/0'],
    ['title("hello world")', 'Hello World'],
    ['regex("[0-9./]+", "x0.0.0.0/0")', '0.0.0.0/0'],
    ['regex("(?:0\\\\.){3}0/0", "=0.0.0.0/0")', '0.0.0.0/0'],
    ['chomp("0.0.0.0/0\\r\\n\\n")', '0.0.0.0/0'],
    ['chomp("a\\nb")', 'a\nb'],
    ['base64decode(base64encode("0.0.0.0/0"))', '0.0.0.0/0'],
    ['textdecodebase64(textencodebase64("0.0.0.0/0", "UTF-8"), "UTF-8")', '0.0.0.0/0'],
  ])('%s is %j', (text, value) => {
    expect(folded(text)).toBe(value);
  });

  it.each([
    ['an argument not known', 'join(".", [var.a, "0"])'],
    ['a format verb that does not print the value as it is', 'format("%08.3f", 1)'],
    ['fewer values than verbs', 'format("%s/%s", "a")'],
    ['more values than verbs', 'format("%s", "a", "b")'],
    ['a regular expression in replace', 'replace("abc", "/b+/", "x")'],
    ['an empty search string in replace', 'replace("abc", "", "x")'],
    ['another function', 'cidrhost("10.0.0.0/8", 1)'],
    ['an encoding alone (text a rule may read stays text)', 'base64encode("0.0.0.0/0")'],
    ['substr past the end', 'substr("abc", 4, 1)'],
    ['substr of a negative length other than -1', 'substr("abc", 0, -2)'],
    ['cidrsubnet of something that is not a prefix', 'cidrsubnet("x", 8, 1)'],
    ['base64 that is not text', `base64decode("${Buffer.from([0xff, 0xfe, 0x00]).toString('base64')}")`],
    ['text that is not base64', 'base64decode("not base64!")'],
    ['an encoding not known here', 'textdecodebase64("MC4wLjAuMC8w", "EBCDIC-XYZ")'],
    ['an encoding not written out', 'textdecodebase64("MC4wLjAuMC8w", var.encoding)'],
    ['regex with a capture group (a list)', 'regex("([0-9.]+)/0", "0.0.0.0/0")'],
    ['regex that does not match (Terraform fails)', 'regex("[a-z]+", "0.0.0.0/0")'],
    ['regex JavaScript cannot read', 'regex("[", "x")'],
  ])('not folded: %s (%s)', (_why, text) => {
    expect(folded(text)).toBeNull();
  });

  it.each([
    ['split(",", "0.0.0.0/0,10.0.0.0/8")', ['0.0.0.0/0', '10.0.0.0/8']],
    ['split("", "ab")', ['a', 'b']],
    ['cidrsubnets("0.0.0.0/0", 1, 1)', ['0.0.0.0/1', '128.0.0.0/1']],
    ['formatlist("%s/0", ["0.0.0.0"])', ['0.0.0.0/0']],
    ['formatlist("%s/%s", ["0.0.0.0", "10.0.0.0"], "8")', ['0.0.0.0/8', '10.0.0.0/8']],
    ['formatlist("%s/%s", ["a", "b"], ["1", "2"])', ['a/1', 'b/2']],
    ['formatlist("%s", [])', []],
  ])('%s is the list %j', (text, values) => {
    const c = call(text);
    const result = foldedString(c, c.args);
    expect(result?.kind === 'tuple' && result.items.map((item) => (item as { value: unknown }).value)).toEqual(values);
  });

  it.each([
    'split(",", var.cidrs)',
    'cidrsubnets(var.prefix, 1, 1)',
    'cidrsubnets("0.0.0.0/0", var.bits)',
    'formatlist("%s/0", var.hosts)',
    'formatlist("%s/%s", ["a", "b"], ["1"])',
  ])('not folded: %s (an argument not known, or lists of other lengths)', (text) => {
    const c = call(text);
    expect(foldedString(c, c.args)).toBeNull();
  });
});
