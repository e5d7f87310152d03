import { describe, expect, it } from 'vitest';
import type { TemplatePart } from '../../../src/terraform/model.js';
import { parseValue, shape, valueExpr } from '../../support/hcl.js';

describe('quoted templates: tree and canonical text', () => {
  const cases: [source: string, tree: string, text: string][] = [
    // a sole interpolation is the expression itself (HCL unwraps it), so it prints without quotes
    ['"${a}"', 'template(${a})', 'a'],
    ['"a ${b} c"', 'template("a ", ${b}, " c")', '"a ${b} c"'],
    ['"${a}${b}"', 'template(${a}, ${b})', '"${a}${b}"'],
    ['"${ var.name }-suffix"', 'template(${getAttr(var, name)}, "-suffix")', '"${var.name}-suffix"'],
    ['"${a + 1}"', 'template(${+(a, 1)})', 'a + 1'],
    ['"${f("x")}"', 'template(${call f("x")})', 'f("x")'],
    // nested interpolation: a template inside an interpolation inside a template
    ['"${a["${b}"]}"', 'template(${index(a, template(${b}))})', 'a[b]'],
    ['"x${"y${"z${w}"}"}"', 'template("x", ${template("y", ${template("z", ${w})})})', '"x${"y${"z${w}"}"}"'],
    ['"${a ? "${b}" : "c"}"', 'template(${?(a, template(${b}), "c")})', 'a ? b : "c"'],
    ['"${ {a = 1}.a }"', 'template(${getAttr({"a": 1}, a)})', '{a = 1}.a'],
    ['"$${a} ${b}"', 'template("${a} ", ${b})', '"$${a} ${b}"'],
    ['"\\n${a}\\t"', 'template("\\n", ${a}, "\\t")', '"\\n${a}\\t"'],
    // directives
    ['"%{if a}x%{endif}"', 'template(if(a) {"x"})', '"%{if a}x%{endif}"'],
    ['"%{ if a }x%{ else }y%{ endif }"', 'template(if(a) {"x"} else {"y"})', '"%{if a}x%{else}y%{endif}"'],
    ['"%{if a == "b"}yes%{endif}"', 'template(if(==(a, "b")) {"yes"})', '"%{if a == "b"}yes%{endif}"'],
    ['"%{if a}%{if b}x%{endif}%{endif}"', 'template(if(a) {if(b) {"x"}})', '"%{if a}%{if b}x%{endif}%{endif}"'],
    ['"%{if a}%{else}%{endif}"', 'template(if(a) {} else {})', '"%{if a}%{else}%{endif}"'],
    ['"%{for x in xs}${x},%{endfor}"', 'template(for(x in xs) {${x}, ","})', '"%{for x in xs}${x},%{endfor}"'],
    [
      '"%{ for k, v in m }${k}=${v};%{ endfor }"',
      'template(for(k, v in m) {${k}, "=", ${v}, ";"})',
      '"%{for k, v in m}${k}=${v};%{endfor}"',
    ],
    [
      '"[%{for x in xs}%{if x > 0}${x}%{endif}%{endfor}]"',
      'template("[", for(x in xs) {if(>(x, 0)) {${x}}}, "]")',
      '"[%{for x in xs}%{if x > 0}${x}%{endif}%{endfor}]"',
    ],
    // strip markers remove the whitespace on their side; the markers themselves are not content
    ['"a ${~ b ~} c"', 'template("a", ${b}, "c")', '"a${b}c"'],
    ['"a ${~b} c"', 'template("a", ${b}, " c")', '"a${b} c"'],
    ['"a ${b~} c"', 'template("a ", ${b}, "c")', '"a ${b}c"'],
    ['"a %{~ if c ~} b %{~ endif ~} d"', 'template("a", if(c) {"b"}, "d")', '"a%{if c}b%{endif}d"'],
    ['"a\\n\\t ${~b}"', 'template("a", ${b})', '"a${b}"'],
  ];

  it.each(cases)('%s', (source, tree, text) => {
    const { attribute, file } = parseValue(source);
    expect(file.diagnostics).toEqual([]);
    expect(shape(attribute.expr)).toBe(tree);
    expect(attribute.text).toBe(text);
    expect(attribute.value).toBeUndefined();
  });
});

describe('template structure', () => {
  it('records strip markers on interpolations', () => {
    expect(valueExpr('"a ${~ b} c"')).toMatchObject({
      kind: 'template',
      heredoc: false,
      parts: [
        { kind: 'text', value: 'a' },
        { kind: 'interpolation', stripLeft: true, stripRight: false, expr: { kind: 'variable', name: 'b' } },
        { kind: 'text', value: ' c' },
      ],
    });
  });

  it('keeps a for directive with key and value variables', () => {
    const expr = valueExpr('"%{for k, v in m}${k}%{endfor}"');
    expect(expr.kind === 'template' && expr.parts).toMatchObject([
      {
        kind: 'for',
        keyVar: 'k',
        valueVar: 'v',
        collection: { kind: 'variable', name: 'm' },
        body: [{ kind: 'interpolation' }],
      },
    ]);
  });

  it('keeps an if directive without else as else: null', () => {
    const expr = valueExpr('"%{if c}x%{endif}"');
    expect(expr.kind === 'template' && expr.parts).toMatchObject([
      { kind: 'if', else: null, then: [{ kind: 'text', value: 'x' }] },
    ]);
  });

  it('collapses a template with only text to a string literal', () => {
    const { attribute } = parseValue('"plain $${x} %%{y}"');
    expect(attribute.expr.kind).toBe('literal');
    expect(attribute.value).toBe('plain ${x} %{y}');
  });

  it('holds no empty text parts, at any depth', () => {
    const expr = valueExpr('"%{ for x in xs ~} ${x}%{ if x ~} %{ endif }%{ endfor }"');
    const empties: string[] = [];
    const visit = (parts: TemplatePart[]): void => {
      for (const p of parts) {
        if (p.kind === 'text' && p.value === '') empties.push('empty text');
        if (p.kind === 'if') {
          visit(p.then);
          if (p.else) visit(p.else);
        }
        if (p.kind === 'for') visit(p.body);
      }
    };
    if (expr.kind === 'template') visit(expr.parts);
    expect(shape(expr)).toBe('template(for(x in xs) {${x}, if(x) {}})');
    expect(empties).toEqual([]);
  });

  it('allows new lines inside an interpolation (they are inside braces)', () => {
    expect(shape(valueExpr('"${\n  a +\n  b\n}"'))).toBe('template(${+(a, b)})');
  });
});
