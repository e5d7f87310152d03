import type { PlanEvidence } from '../plan/planEvidence.js';

/** A plan the decision judged, as the check names it. */
interface JudgedPlan {
  source: string;
  digest: string;
}

/** What the check says about plans: the ones judged (with their digests) and the evidence they came with. */
export interface PlanReport {
  judged: JudgedPlan[];
  evidence: PlanEvidence;
}

/** Lines per list: an artifact holds at most 100 files, and the section must leave room for the findings. */
const MAX_LINES = 20;
const TITLE_LIMIT = 255;

/**
 * The check run's section on plans: every plan judged with its digest (what an approval of this
 * head approves), every plan ignored or unreadable with its reason, and why a required plan is
 * missing. Empty when the policy reads no plan. Names come from the artifact, which a workflow
 * running the PR's Terraform wrote: they are shown as code, never as Markdown.
 */
export function planSection(report: PlanReport | null): string {
  if (!report) return '';
  const { judged, evidence } = report;
  const lines = ['', '### Plans', ''];
  if (judged.length === 0 && evidence.ignored.length === 0 && evidence.unreadable.length === 0 && !evidence.missing)
    lines.push('No plan was found for this head; the HCL diff alone was judged.');
  list(lines, 'Plans judged', judged, (p) => `${code(p.source)} ${code(p.digest)}`);
  list(lines, 'Plans ignored', evidence.ignored, (p) => `${code(p.source)}: ${text(p.reason)}`);
  list(lines, 'Plans unreadable', evidence.unreadable, (p) => `${code(p.source)}: ${text(p.message)}`);
  if (evidence.missing)
    lines.push(
      `**Plan ${evidence.missing.state === 'waiting' ? 'pending' : 'missing'}:** ${text(evidence.missing.reason)}`,
      '',
    );
  return lines.join('\n') + '\n';
}

/**
 * A check that waits for the plan workflow: its title, and the paragraph above the decision's
 * summary saying what it waits for. The run stays in progress; the plan workflow's completion
 * (or the sweep) evaluates the pull request again. Null when nothing is awaited.
 */
export function waitingForPlan(report: PlanReport | null): { title: string; intro: string } | null {
  const missing = report?.evidence.missing;
  if (missing?.state !== 'waiting') return null;
  const title = `Waiting for the plan: ${text(missing.reason)}`;
  return {
    title: title.length <= TITLE_LIMIT ? title : title.slice(0, TITLE_LIMIT - 1) + '…',
    intro: `## ⏳ Waiting for the plan\n\n${text(missing.reason)}.\n\nFour Eyes evaluates this pull request again when the plan workflow completes; until then this check stays pending. What the change needs so far:\n\n`,
  };
}

function list<T>(lines: string[], heading: string, items: readonly T[], line: (item: T) => string): void {
  if (items.length === 0) return;
  lines.push(`**${heading}:**`, '');
  for (const item of items.slice(0, MAX_LINES)) lines.push(`- ${line(item)}`);
  if (items.length > MAX_LINES) lines.push(`- … and ${items.length - MAX_LINES} more`);
  lines.push('');
}

function code(value: string): string {
  return '`' + clip(value.replace(/[`\r\n]/g, ' ')) + '`';
}

function text(value: string): string {
  return clip(value.replace(/[<>\r\n]/g, ' '));
}

function clip(value: string): string {
  return value.length <= 300 ? value : value.slice(0, 299) + '…';
}
