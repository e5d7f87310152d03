import { describe, expect, it } from 'vitest';
import type { LiteralValue } from '../../../src/terraform/model.js';
import { parse, parseValue, shape } from '../../support/hcl.js';

describe('heredocs', () => {
  const cases: [name: string, source: string, tree: string, text: string, value: LiteralValue | undefined][] = [
    ['plain', '<<EOT\nhello\nworld\nEOT', '"hello\\nworld\\n"', '"hello\\nworld\\n"', 'hello\nworld\n'],
    ['empty', '<<EOT\nEOT', '""', '""', ''],
    ['a blank line only', '<<EOT\n\nEOT', '"\\n"', '"\\n"', '\n'],
    [
      'with interpolation',
      '<<EOT\nhello ${name}\nEOT',
      'heredoc("hello ", ${name}, "\\n")',
      '"hello ${name}\\n"',
      undefined,
    ],
    [
      'quotes and backslashes are text, not escapes',
      '<<EOT\n"q" \\n \\\\\nEOT',
      '"\\"q\\" \\\\n \\\\\\\\\\n"',
      '"\\"q\\" \\\\n \\\\\\\\\\n"',
      '"q" \\n \\\\\n',
    ],
    ['escaped interpolation', '<<EOT\n$${x} %%{y}\nEOT', '"${x} %{y}\\n"', '"$${x} %%{y}\\n"', '${x} %{y}\n'],
    ['keeps indentation with <<', '<<EOT\n  a\n    b\n  EOT', '"  a\\n    b\\n"', '"  a\\n    b\\n"', '  a\n    b\n'],
    [
      'strips common indentation with <<-',
      '<<-EOT\n    a\n      b\n    EOT',
      '"a\\n  b\\n"',
      '"a\\n  b\\n"',
      'a\n  b\n',
    ],
    [
      '<<- ignores blank lines when measuring indentation',
      '<<-EOT\n  a\n\n  b\n  EOT',
      '"a\\n\\nb\\n"',
      '"a\\n\\nb\\n"',
      'a\n\nb\n',
    ],
    ['<<- with tabs', '<<-EOT\n\t\ta\n\t\tb\n\tEOT', '"a\\nb\\n"', '"a\\nb\\n"', 'a\nb\n'],
    [
      '<<- with interpolation',
      '<<-EOT\n    a ${b}\n      c\n    EOT',
      'heredoc("a ", ${b}, "\\n  c\\n")',
      '"a ${b}\\n  c\\n"',
      undefined,
    ],
    [
      '<<- with interpolation at the start of a line',
      '<<-EOT\n    ${a}\n    ${b}\n    EOT',
      'heredoc(${a}, "\\n", ${b}, "\\n")',
      '"${a}\\n${b}\\n"',
      undefined,
    ],
    ['other markers', '<<POLICY\n{}\nPOLICY', '"{}\\n"', '"{}\\n"', '{}\n'],
    ['a line that only starts with the marker is content', '<<EOT\nEOTX\nEOT', '"EOTX\\n"', '"EOTX\\n"', 'EOTX\n'],
    [
      'directives with strip markers',
      '<<EOT\n%{ for x in xs ~}\n${x}\n%{ endfor ~}\nEOT',
      'heredoc(for(x in xs) {${x}, "\\n"})',
      '"%{for x in xs}${x}\\n%{endfor}"',
      undefined,
    ],
    [
      'if/else directive',
      '<<EOT\n%{ if a }yes%{ else }no%{ endif }\nEOT',
      'heredoc(if(a) {"yes"} else {"no"}, "\\n")',
      '"%{if a}yes%{else}no%{endif}\\n"',
      undefined,
    ],
    ['CRLF line endings are new lines', '<<EOT\r\na\r\nb\r\nEOT', '"a\\nb\\n"', '"a\\nb\\n"', 'a\nb\n'],
  ];

  it.each(cases)('%s', (_name, source, tree, text, value) => {
    const { attribute, file } = parseValue(source);
    expect(file.diagnostics).toEqual([]);
    expect(shape(attribute.expr)).toBe(tree);
    expect(attribute.text).toBe(text);
    expect(attribute.value).toEqual(value);
  });

  it('marks an interpolated heredoc as heredoc: true', () => {
    expect(parseValue('<<EOT\n${a}\nEOT').attribute.expr).toMatchObject({ kind: 'template', heredoc: true });
  });

  it('continues the body after the closing marker', () => {
    const file = parse('resource "r" "n" {\n  a = <<EOT\n  x\n  EOT\n  b = 2\n}\nc = 3\n');
    expect(file.diagnostics).toEqual([]);
    expect(file.blocks[0]!.attributes.map((a) => [a.name, a.text])).toEqual([
      ['a', '"  x\\n"'],
      ['b', '2'],
    ]);
    expect(file.attributes.map((a) => a.name)).toEqual(['c']);
  });

  it('takes the heredoc as a function argument and continues the call after it', () => {
    const { attribute, file } = parseValue('jsonencode(<<EOT\n{}\nEOT\n)');
    expect(file.diagnostics).toEqual([]);
    expect(attribute.text).toBe('jsonencode("{}\\n")');
  });

  it('reads two heredocs in one tuple', () => {
    const { attribute, file } = parseValue('[<<A\na\nA\n, <<B\nb\nB\n]');
    expect(file.diagnostics).toEqual([]);
    expect(attribute.value).toEqual(['a\n', 'b\n']);
  });
});
