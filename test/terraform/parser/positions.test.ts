import { describe, expect, it } from 'vitest';
import type { Expression, TemplatePart } from '../../../src/terraform/model.js';
import { parseExpression, parseTemplate } from '../../../src/terraform/parser.js';
import { at, diagnosticLines, locate, parse, positionAt, rangeText, span } from '../../support/hcl.js';

/** Positions are 1-based line/column (UTF-16 code units) and 0-based offsets; ends are exclusive. */

function interpolations(expr: Expression): Expression[] {
  const out: Expression[] = [];
  const visit = (parts: TemplatePart[]): void => {
    for (const p of parts) {
      if (p.kind === 'interpolation') out.push(p.expr);
      if (p.kind === 'if') {
        visit(p.then);
        if (p.else) visit(p.else);
      }
      if (p.kind === 'for') visit(p.body);
    }
  };
  if (expr.kind === 'template') visit(expr.parts);
  return out;
}

describe('positions of blocks, labels and attributes', () => {
  it('after a multi-line block comment', () => {
    const source = '/* a\n b\n */ x = 1\nblock "l" {}\n';
    const file = parse(source);
    const x = file.attributes[0]!;
    expect(x.nameRange).toEqual(span(at(3, 5, 12), at(3, 6, 13)));
    expect(x.range).toEqual(span(at(3, 5, 12), at(3, 10, 17)));
    expect(x.expr.range).toEqual(span(at(3, 9, 16), at(3, 10, 17)));
    expect(file.blocks[0]!.range).toEqual(span(at(4, 1, 18), at(4, 13, 30)));
    expect(file.blocks[0]!.labelRanges).toEqual([span(at(4, 7, 24), at(4, 10, 27))]);
  });

  it('after a heredoc', () => {
    const source = 'a = <<EOT\nl1\nl2\nEOT\nb = 2\n';
    const file = parse(source);
    expect(file.attributes[0]!.expr.range).toEqual(span(at(1, 5, 4), at(4, 4, 19)));
    expect(file.attributes[0]!.range).toEqual(span(at(1, 1, 0), at(4, 4, 19)));
    expect(file.attributes[1]!.range).toEqual(span(at(5, 1, 20), at(5, 6, 25)));
  });

  it('after an indented <<- heredoc inside a block', () => {
    const source = 'r {\n  a = <<-EOT\n    x\n    EOT\n  b = 2\n}\n';
    const block = parse(source).blocks[0]!;
    expect(block.attributes[0]!.expr.range).toEqual(span(at(2, 7, 10), at(4, 8, 30)));
    expect(block.attributes[1]!.nameRange).toEqual(span(at(5, 3, 33), at(5, 4, 34)));
    expect(block.range).toEqual(span(at(1, 1, 0), at(6, 2, 40)));
  });

  it('with CRLF line endings (the CR ends the line, it is not a column of the next one)', () => {
    const source = 'a = 1\r\nb "l" {\r\n  c = "x"\r\n}\r\n';
    const file = parse(source);
    expect(file.attributes[0]!.range).toEqual(span(at(1, 1, 0), at(1, 6, 5)));
    const block = file.blocks[0]!;
    expect(block.range).toEqual(span(at(2, 1, 7), at(4, 2, 28)));
    expect(block.labelRanges).toEqual([span(at(2, 3, 9), at(2, 6, 12))]);
    expect(block.attributes[0]!.range).toEqual(span(at(3, 3, 18), at(3, 10, 25)));
  });

  it('with tabs (a tab is one column)', () => {
    const source = 'r {\n\tname\t= "x"\n}\n';
    const attr = parse(source).blocks[0]!.attributes[0]!;
    expect(attr.nameRange).toEqual(span(at(2, 2, 5), at(2, 6, 9)));
    expect(attr.expr.range).toEqual(span(at(2, 9, 12), at(2, 12, 15)));
  });

  it('with Unicode: columns count UTF-16 code units (an emoji is two)', () => {
    const source = 'é = "😀"\nr "😀" "名前" {\n  ключ = 1\n}\n';
    const file = parse(source);
    expect(file.attributes[0]!.nameRange).toEqual(span(at(1, 1, 0), at(1, 2, 1)));
    expect(file.attributes[0]!.expr.range).toEqual(span(at(1, 5, 4), at(1, 9, 8)));
    const block = file.blocks[0]!;
    expect(block.range.start).toEqual(at(2, 1, 9));
    expect(block.labelRanges).toEqual([span(at(2, 3, 11), at(2, 7, 15)), span(at(2, 8, 16), at(2, 12, 20))]);
    expect(block.attributes[0]!.nameRange).toEqual(span(at(3, 3, 25), at(3, 7, 29)));
  });

  it('agree with positions computed from the source text, in a realistic file', () => {
    const source = [
      '# Managed by platform',
      'resource "aws_iam_role" "ci" {',
      '  name               = "ci-deployer"',
      '  assume_role_policy = data.aws_iam_policy_document.assume.json',
      '  /* tags */',
      '  tags = {',
      '    team = "platform"',
      '  }',
      '',
      '  lifecycle {',
      '    prevent_destroy = true',
      '  }',
      '}',
      '',
    ].join('\r\n');
    const block = parse(source).blocks[0]!;
    expect(block.typeRange).toEqual(locate(source, 'resource'));
    expect(block.labelRanges).toEqual([locate(source, '"aws_iam_role"'), locate(source, '"ci"')]);
    expect(block.range).toEqual(
      span(locate(source, 'resource').start, positionAt(source, source.lastIndexOf('}') + 1)),
    );
    const [name, policy, tags] = block.attributes;
    expect(name!.nameRange).toEqual(locate(source, 'name'));
    expect(name!.expr.range).toEqual(locate(source, '"ci-deployer"'));
    expect(policy!.expr.range).toEqual(locate(source, 'data.aws_iam_policy_document.assume.json'));
    expect(policy!.range).toEqual(span(locate(source, 'assume_role_policy').start, locate(source, 'assume.json').end));
    expect(tags!.expr.range).toEqual(span(locate(source, '{', 1).start, locate(source, '}').end));
    const lifecycle = block.blocks[0]!;
    expect(lifecycle.typeRange).toEqual(locate(source, 'lifecycle'));
    expect(lifecycle.attributes[0]!.range).toEqual(locate(source, 'prevent_destroy = true'));
  });
});

describe('positions of expressions', () => {
  it('ranges every sub-expression exactly', () => {
    const source = 'x = f(a.b[0], "s${v}", -n * 2)\n';
    const expr = parse(source).attributes[0]!.expr;
    expect(expr.kind).toBe('call');
    if (expr.kind !== 'call') return;
    expect(expr.range).toEqual(locate(source, 'f(a.b[0], "s${v}", -n * 2)'));
    const [first, second, third] = expr.args;
    expect(first!.range).toEqual(locate(source, 'a.b[0]'));
    expect(first!.kind === 'index' && rangeText(first.target.range)).toBe(rangeText(locate(source, 'a.b')));
    expect(first!.kind === 'index' && rangeText(first.key.range)).toBe(rangeText(locate(source, '0')));
    expect(second!.range).toEqual(locate(source, '"s${v}"'));
    expect(interpolations(second!).map((e) => e.range)).toEqual([locate(source, 'v')]);
    expect(third!.range).toEqual(locate(source, '-n * 2'));
    expect(third!.kind === 'binary' && rangeText(third.left.range)).toBe(rangeText(locate(source, '-n')));
    expect(third!.kind === 'binary' && rangeText(third.right.range)).toBe(rangeText(locate(source, '2')));
  });

  it('ends an expression at its last character, not at trailing spaces or comments', () => {
    const source = 'x = a + b   # note\ny = c ? d : e /* c */\nz = [1]  // end\n';
    const file = parse(source);
    expect(file.attributes.map((a) => rangeText(a.expr.range))).toEqual([
      rangeText(locate(source, 'a + b')),
      rangeText(locate(source, 'c ? d : e')),
      rangeText(locate(source, '[1]')),
    ]);
    expect(file.attributes.map((a) => rangeText(a.range))).toEqual([
      rangeText(locate(source, 'x = a + b')),
      rangeText(locate(source, 'y = c ? d : e')),
      rangeText(locate(source, 'z = [1]')),
    ]);
  });

  it('ends an attribute in a one-line block before the space and the brace', () => {
    const source = 'r { a = 1 }\n';
    const attr = parse(source).blocks[0]!.attributes[0]!;
    expect(attr.range).toEqual(locate(source, 'a = 1'));
  });

  it('ranges the left operand of a binary expression without the space before the operator', () => {
    const source = 'x = (a   +   b) * c\n';
    const expr = parse(source).attributes[0]!.expr;
    expect(expr.kind === 'binary' && rangeText(expr.left.range)).toBe(rangeText(locate(source, '(a   +   b)')));
    const inner = expr.kind === 'binary' && expr.left.kind === 'parens' ? expr.left.inner : null;
    expect(inner && rangeText(inner.range)).toBe(rangeText(locate(source, 'a   +   b')));
  });

  it('positions interpolations inside a heredoc', () => {
    const source = 'x = <<EOT\nhello ${name}\n  ${ upper(v) }\nEOT\n';
    const expr = parse(source).attributes[0]!.expr;
    expect(interpolations(expr).map((e) => e.range)).toEqual([locate(source, 'name'), locate(source, 'upper(v)')]);
  });

  it('positions interpolations after escapes and Unicode in a quoted string', () => {
    const source = 'x = "\\u00e9\\n😀${a}"\n';
    const expr = parse(source).attributes[0]!.expr;
    expect(interpolations(expr).map((e) => e.range)).toEqual([span(at(1, 18, 17), at(1, 19, 18))]);
  });

  it('positions object keys and values across lines', () => {
    const source = 'x = {\n  a = 1\n  "b" = [2]\n}\n';
    const expr = parse(source).attributes[0]!.expr;
    expect(expr.kind).toBe('object');
    if (expr.kind !== 'object') return;
    expect(expr.items.map((i) => [rangeText(i.key.range), rangeText(i.value.range)])).toEqual([
      [rangeText(locate(source, 'a')), rangeText(locate(source, '1'))],
      [rangeText(locate(source, '"b"')), rangeText(locate(source, '[2]'))],
    ]);
    expect(expr.range).toEqual(span(at(1, 5, 4), at(4, 2, 27)));
  });
});

describe('positions of diagnostics', () => {
  // The first diagnostic of each file; how many follow is recovery's business (recovery.test.ts).
  const cases: [name: string, source: string, diagnostic: string][] = [
    ['after a multi-line comment', '/*\n\n*/ a = @\n', 'error: expected an expression, found "@" @ 3:8+11-3:9+12'],
    ['after a heredoc', 'a = <<EOT\nx\nEOT\nb = ]\n', 'error: expected an expression, found "]" @ 4:5+20-4:6+21'],
    ['after CRLF lines', 'a = 1\r\nb = 2\r\nc = ]\r\n', 'error: expected an expression, found "]" @ 3:5+18-3:6+19'],
    ['after a tab', '\ta = ]\n', 'error: expected an expression, found "]" @ 1:6+5-1:7+6'],
    [
      'after an emoji',
      'a = "😀" ]\n',
      'error: unexpected "]" after the value of "a": put each argument and block on its own line @ 1:10+9-1:11+10',
    ],
  ];
  it.each(cases)('%s', (_name, source, expected) => {
    expect(diagnosticLines(parse(source))[0]).toBe(expected);
  });
});

describe('fragments continue the positions of the enclosing file', () => {
  const start = at(3, 10, 40);

  it('parseTemplate: text, interpolation and range', () => {
    const { expr, diagnostics } = parseTemplate('a ${b} c', start);
    expect(diagnostics).toEqual([]);
    expect(expr.range).toEqual(span(at(3, 10, 40), at(3, 18, 48)));
    expect(interpolations(expr).map((e) => e.range)).toEqual([span(at(3, 14, 44), at(3, 15, 45))]);
  });

  it('parseTemplate: a new line in the content moves to the next line, column 1', () => {
    const { expr } = parseTemplate('line1\nline2 ${x}', start);
    expect(interpolations(expr).map((e) => e.range)).toEqual([span(at(4, 9, 54), at(4, 10, 55))]);
  });

  it('parseExpression: a whole expression and its diagnostics', () => {
    const ok = parseExpression('var.x[0]', start);
    expect(ok.diagnostics).toEqual([]);
    expect(ok.expr.range).toEqual(span(at(3, 10, 40), at(3, 18, 48)));
    const bad = parseExpression('a b', start);
    expect(diagnosticLines(bad)).toEqual(['error: unexpected text after the expression @ 3:12+42-3:13+43']);
  });

  it('parseExpression: leading and trailing space are not part of the range', () => {
    const { expr } = parseExpression('  a\n+ b  ', start);
    expect(expr.range).toEqual(span(at(3, 12, 42), at(4, 4, 47)));
  });
});
