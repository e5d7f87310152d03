/** Text from users (logins, addresses, reasons) must not break a table or inject HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\') // first, so the escapes added below stay escapes
    .replace(/[`*_[\]#]/g, '\\$&')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/** GitHub's limit for a check run's summary and text. */
export const GITHUB_OUTPUT_LIMIT = 65_535;
