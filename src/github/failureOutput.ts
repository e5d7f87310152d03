import { CannotReadChange } from './cannotReadChange.js';
import type { CheckRunOutput } from './checkRunOutput.js';

/**
 * What the check says when the evaluation itself failed (GitHub unreachable after retries, a
 * response Four Eyes cannot read): the check fails closed and tells people what to do.
 */
export function failureOutput(error: unknown): CheckRunOutput {
  if (error instanceof CannotReadChange) return cannotReadOutput(error);
  const status =
    typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : null;
  const message = firstLine(error instanceof Error ? error.message : String(error));
  const cause = status === null ? message : `GitHub answered ${status}: ${message}`;
  return {
    title: 'Blocked: Four Eyes could not evaluate this pull request',
    summary: [
      '## ⛔ Blocked: Four Eyes could not evaluate this pull request',
      '',
      `**Why:** ${cause.replace(/[<>]/g, '')}`,
      '',
      "A check Four Eyes cannot complete never passes. Press **Re-evaluate** above to try again; if it keeps failing, an administrator can find this delivery in the app's log.",
    ].join('\n'),
    annotations: [],
  };
}

/** Re-evaluating does not help here: the check says what would. */
function cannotReadOutput(error: CannotReadChange): CheckRunOutput {
  return {
    title: `Blocked: ${error.title}`,
    summary: [
      `## ⛔ Blocked: ${error.title}`,
      '',
      `**Why:** ${firstLine(error.message).replace(/[<>]/g, '')}`,
      '',
      `**What to do:** ${error.remedy}`,
      '',
      'A change Four Eyes cannot read whole never passes: what it cannot see could be what needs review.',
    ].join('\n'),
    annotations: [],
  };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 500 ? line.slice(0, 499) + '…' : line;
}
