import type { ConfigError } from '../config/yamlSource.js';
import type { Decision } from '../policy/decision.js';
import { describePrincipals } from '../policy/requirements.js';
import { ownersCell, showsOwners } from './findingOwners.js';
import { findingRoutes } from './findingRoutes.js';
import { GITHUB_OUTPUT_LIMIT, escapeMarkdown as md } from './markdown.js';
import { findingAction, findingAddress, planLines } from './planLines.js';
import { shownFindings } from './shownFindings.js';

export interface MarkdownOptions {
  /** a link to a file and line, for the findings table: at the base for what was deleted, else at the head */
  linkTo?: (file: string, line: number, side: 'base' | 'head') => string;
  /** the most characters the result may have (GitHub's check-run limit by default) */
  limit?: number;
  /** errors of the policy that judged the PR, and of the PR's own policy file, listed under the blocking reasons */
  policyErrors?: { heading: string; source: string; errors: ConfigError[] }[];
  /** false: leave out the plans section (the app's check run writes its own, from the plan evidence) */
  plans?: boolean;
}

/** Policy errors listed in full up to this many per file; a file with more is shown as a count beyond it. */
const POLICY_ERRORS_SHOWN = 30;

const CONCLUSION_WORD: Record<Decision['conclusion'], string> = {
  success: '✅ Passed',
  failure: '⛔ Blocked',
  action_required: '⏳ Approvals needed',
  neutral: '➖ No Terraform impact',
};

/**
 * The check run's summary in GitHub Markdown. Always within the limit: the findings table, the
 * longest part, is cut first, with a note saying how many rows were left out.
 */
export function decisionMarkdown(decision: Decision, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? GITHUB_OUTPUT_LIMIT;
  const head = [...headerLines(decision), ...policyErrorLines(options.policyErrors ?? [])];
  const tail = tailLines(decision, options.plans !== false);
  const rows = findingRows(decision, options);
  const owners = showsOwners(decision.findings);
  const fixed = [
    ...head,
    '',
    '### Findings',
    '',
    owners
      ? '| Tier | Action | Address | Rule | Where | Owner | Why |'
      : '| Tier | Action | Address | Rule | Where | Why |',
    owners ? '|---|---|---|---|---|---|---|' : '|---|---|---|---|---|---|',
  ].join('\n');
  const closing = '\n\n' + tail.join('\n') + '\n';
  let body = '';
  let shown = 0;
  for (const row of rows) {
    const note = omittedNote(rows.length - shown - 1);
    if (fixed.length + body.length + row.length + 1 + note.length + closing.length > limit) break;
    body += '\n' + row;
    shown++;
  }
  const omitted = rows.length - shown;
  const findings = rows.length === 0 ? [...head, '', '_No findings._'].join('\n') : fixed + body + omittedNote(omitted);
  const result = findings + closing;
  return result.length <= limit ? result : result.slice(0, limit - 40) + '\n\n_…output truncated to fit GitHub._\n';
}

function omittedNote(count: number): string {
  return count > 0
    ? `\n\n_${count} more finding(s) not shown here (GitHub limits the summary to ${GITHUB_OUTPUT_LIMIT} characters); run \`four-eyes evaluate\` locally for all of them._`
    : '';
}

function headerLines(decision: Decision): string[] {
  const word = CONCLUSION_WORD[decision.conclusion];
  // Titles of blocked decisions already start with "Blocked:"; the heading does not say it twice.
  const heading = decision.title.startsWith(word.slice(2) + ':')
    ? `${word.slice(0, 1)} ${md(decision.title)}`
    : `${word}: ${md(decision.title)}`;
  const lines = [`## ${heading}`, '', `**Overall tier:** ${decision.tier}`];
  if (decision.breakGlass)
    lines.push(
      '',
      `> **BREAK-GLASS** by @${md(decision.breakGlass.by)}: ${md(decision.breakGlass.reason)}. The owners are notified; a follow-up review is required.`,
    );
  if (decision.exception)
    lines.push(
      '',
      `> Self-approved under exception **${md(decision.exception.id)}** — ${md(decision.exception.description)} (owner @${md(decision.exception.owner)}, expires ${decision.exception.expires}). This use is logged.`,
    );
  if (decision.blocking.length)
    lines.push('', '### Blocking', '', ...decision.blocking.map((b) => `- **${b.code}**: ${md(b.reason)}`));
  return lines;
}

function policyErrorLines(groups: { heading: string; source: string; errors: ConfigError[] }[]): string[] {
  const lines: string[] = [];
  for (const group of groups.filter((g) => g.errors.length > 0)) {
    lines.push('', `### ${group.heading}`, '');
    for (const e of group.errors.slice(0, POLICY_ERRORS_SHOWN))
      lines.push(`- ${md(`${group.source}:${e.line}:${e.column}`)}: ${md(e.message)}`);
    if (group.errors.length > POLICY_ERRORS_SHOWN)
      lines.push(
        `- … and ${group.errors.length - POLICY_ERRORS_SHOWN} more; run \`four-eyes validate-config\` for all of them`,
      );
  }
  return lines;
}

function findingRows(decision: Decision, options: MarkdownOptions): string[] {
  const owners = showsOwners(decision.findings);
  return shownFindings(decision.findings).map((f) => {
    const where = `${f.file}:${f.line}`;
    // A plan is not in the repository: only findings placed in the code link to it.
    const linked =
      options.linkTo && f.file !== f.plan
        ? `[${md(where)}](${options.linkTo(f.file, f.line, findingSide(f.action))})`
        : md(where);
    const address = findingAddress(f);
    const routes = findingRoutes(f)
      .map((route) => `<br>↳ ${md(route)}`)
      .join('');
    const owner = owners ? ` ${md(ownersCell(f, 'markdown'))} |` : '';
    return `| ${f.tier} | ${findingAction(f)} | \`${address.replace(/`/g, "'").replace(/\|/g, '\\|')}\` | ${md(f.ruleId)} | ${linked} |${owner} ${md(f.rationale)}${routes} |`;
  });
}

/** Deleted objects and files, and a base that does not parse, are found at the base commit. */
export function findingSide(action: string): 'base' | 'head' {
  return action === 'delete' || action === 'deleted' || action === 'unparseable-base' ? 'base' : 'head';
}

function tailLines(decision: Decision, withPlans: boolean): string[] {
  const lines: string[] = [];
  if (decision.requirements.length) {
    lines.push('### Requirements', '');
    for (const r of decision.requirements) {
      const have = Math.min(r.needed, r.satisfiedBy.length);
      const who = r.satisfiedBy.length ? ` — approved by ${r.satisfiedBy.map((l) => `@${md(l)}`).join(', ')}` : '';
      const owned = r.forFindings
        ? ` (owner of ${r.forFindings.map((a) => `\`${a.replace(/`/g, "'")}\``).join(', ')})`
        : '';
      lines.push(
        `- ${have >= r.needed ? '✅' : '⏳'} **${md(r.name)}**: ${have} of ${r.needed} from ${md(describePrincipals(r.from))}${owned}${who}`,
      );
    }
    lines.push('');
  }
  if (decision.approvals.rejected.length) {
    lines.push(
      '### Approvals not counted',
      '',
      ...decision.approvals.rejected.map((r) => `- @${md(r.login)} (\`${r.code}\`): ${md(r.reason)}`),
      '',
    );
  }
  if (decision.exceptionsNotApplied.length) {
    lines.push(
      '### Exceptions that did not apply',
      '',
      ...decision.exceptionsNotApplied.map((e) => `- ${md(e.id)}: ${md(e.reason)}`),
      '',
    );
  }
  if (decision.breakGlassRefused.length) {
    lines.push(
      '### Break-glass refused',
      '',
      ...decision.breakGlassRefused.map((r) => `- @${md(r.by)}: ${md(r.reason)}`),
      '',
    );
  }
  const plans = withPlans ? planLines(decision.plans) : [];
  if (plans.length) lines.push('### Plans', '', ...plans.map((line) => `- ${md(line)}`), '');
  if (decision.warnings.length) lines.push('### Warnings', '', ...decision.warnings.map((w) => `- ${md(w)}`), '');
  lines.push('### What to do next', '', ...decision.nextSteps.map((s) => `- ${md(s)}`));
  return lines;
}
