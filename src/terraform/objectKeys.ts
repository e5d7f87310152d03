import type { Expression } from './model.js';

/** An object item's key as text, when it is a name or a literal (`{ bucket = "x" }`, `{ "key" = 1 }`); null when computed. */
export function objectKeyText(key: Expression): string | null {
  if (key.kind === 'variable') return key.name;
  if (key.kind === 'literal' && key.value !== null) return String(key.value);
  if (key.kind === 'parens') return objectKeyText(key.inner);
  if (key.kind === 'template' && key.parts.every((part) => part.kind === 'text'))
    return key.parts.map((part) => (part as { value: string }).value).join('');
  return null;
}
