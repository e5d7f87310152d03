import type { Expression, LiteralValue } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';
import { parseHcl } from '../terraform/parser.js';
import { type Bindings, knownValue } from './policyValues.js';
import { renderedWithDirectives } from './templateDirectives.js';

type Call = Extract<Expression, { kind: 'call' }>;

/** Ends the heredoc the template is read as: a template holding this line is not rendered. */
const DELIMITER = 'FOUR_EYES_TEMPLATE_END';

/**
 * What `templatefile(path, vars)` renders to, when the resolver gave its template's text and
 * every interpolation reads only variables whose values are known: the JSON policy a template
 * builds from `${jsonencode(actions)}` is then matched like one written out; `%{ if }` and
 * `%{ for }` directives are rendered too (templateDirectives.ts). Null otherwise (a value not
 * known): the call is then searched as its arguments.
 */
export function renderedTemplate(call: Call): string | null {
  const [template, vars] = call.args;
  if (template?.kind !== 'literal' || typeof template.value !== 'string') return null;
  if (template.value.split('\n').some((line) => line.trim() === DELIMITER)) return null;
  const parsed = parseHcl(`t = <<${DELIMITER}\n${template.value}\n${DELIMITER}\n`, 'template');
  const expr = parsed.attributes[0]?.expr;
  if (!expr || parsed.diagnostics.some((d) => d.severity === 'error')) return null;
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? withoutHeredocEnd(expr.value) : null;
  if (expr.kind !== 'template') return null;
  const rendered = renderedParts(expr, bindingsOf(vars));
  return rendered === null ? null : withoutHeredocEnd(rendered);
}

/** The heredoc the template was read as ends its text with a line break the template does not have. */
function withoutHeredocEnd(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * A template expression's text when every interpolation and directive is known
 * (`${jsonencode(["*"])}` as JSON text, `%{ if admin }…%{ endif }` as its branch): a heredoc
 * policy built from resolved values is then matched as the document it is.
 */
export function renderedParts(
  template: Extract<Expression, { kind: 'template' }>,
  bindings: Bindings = new Map(),
): string | null {
  return renderedWithDirectives(
    template.parts,
    bindings,
    (part, inner) => (part.kind === 'text' ? part.value : interpolated(part.expr, inner)),
    knownValue,
  );
}

function bindingsOf(vars: Expression | undefined): Bindings {
  const bindings = new Map<string, LiteralValue | undefined>();
  if (vars?.kind !== 'object') return bindings;
  for (const item of vars.items) {
    const name = objectKeyText(item.key);
    if (name !== null) bindings.set(name, knownValue(item.value));
  }
  return bindings;
}

/** `${jsonencode(x)}` as JSON text, any other interpolation as its scalar value; null when not known. */
function interpolated(expr: Expression, bindings: Bindings): string | null {
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) {
    const value = knownValue(expr.args[0]!, bindings);
    return value === undefined ? null : JSON.stringify(value);
  }
  const value = knownValue(expr, bindings);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}
