/** Markup that is already safe: built by `html`, never from a user's value directly. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | readonly Interpolated[];

/** Escapes text for an element's content or a quoted attribute value. */
function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"'`]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!,
  );
}

/**
 * The one way pages make markup: every interpolated value is escaped unless it is SafeHtml
 * (made by this same function), so a repository name, a login or a finding's message can never
 * become markup. null, undefined and false interpolate as nothing; arrays are joined.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += interpolate(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

function interpolate(value: Interpolated): string {
  if (value instanceof SafeHtml) return value.text;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(interpolate).join('');
  return escapeHtml(String(value));
}
