import type { CheckAnnotation, CheckRunOutput } from '../audit/outboxPosts.js';
import type { ClassificationWarning, Finding } from '../classify/classify.js';
import { POLICY_PATH } from '../config/loadPolicy.js';
import type { ConfigError } from '../config/yamlSource.js';
import type { Decision } from '../policy/decision.js';
import { decisionMarkdown, findingSide } from '../report/decisionMarkdown.js';
import { findingRoutes } from '../report/findingRoutes.js';
import { GITHUB_OUTPUT_LIMIT } from '../report/markdown.js';
import { type ShownFinding, shownFindings } from '../report/shownFindings.js';
import { type PlanReport, planSection, waitingForPlan } from './planOutput.js';

/** GitHub takes at most 50 annotations per check-run request; more are summarized, not sent. */
export const MAX_ANNOTATIONS = 50;
/** GitHub's limits on a check run's title and on one annotation's message. */
const TITLE_LIMIT = 255;
const ANNOTATION_MESSAGE_LIMIT = 4000;

export type { CheckRunOutput };

export interface OutputOptions {
  /** `https://github.com/owner/repo` (or the Enterprise Server equivalent) */
  repositoryUrl: string;
  /** errors of the PR's own `.github/four-eyes.yml`, annotated on their lines */
  proposedPolicyErrors: ConfigError[];
  /** errors of the base branch's policy that judged the PR */
  basePolicyErrors: { source: string; errors: ConfigError[] } | null;
  /** characters left free at the end of the summary, for a line added to it afterwards (the audit record's) */
  footerChars?: number;
  /** the plans judged and the evidence they came with; absent or null: the policy reads no plan */
  plans?: PlanReport | null;
}

export const REEVALUATE_ACTION = {
  label: 'Re-evaluate',
  description: 'Evaluate this pull request again now',
  identifier: 're-evaluate',
} as const;

const TIER_ORDER: Record<Finding['tier'], number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * The check run's title, Markdown summary and annotations for a decision, always within GitHub's
 * limits: findings at `medium` or above annotated on their head lines (most severe first), the
 * policy file's errors on theirs, and a note in the summary for whatever did not fit.
 */
export function checkRunOutput(decision: Decision, options: OutputOptions): CheckRunOutput {
  const candidates = [
    ...policyAnnotations(options.proposedPolicyErrors),
    ...findingAnnotations(shownFindings(decision.findings)),
    ...warningAnnotations(decision.configurationWarnings),
  ];
  const annotations = candidates.slice(0, MAX_ANNOTATIONS);
  const omitted = candidates.length - annotations.length;
  const note =
    omitted > 0
      ? `\n\n_${omitted} more annotation(s) at medium or above were not added (GitHub takes ${MAX_ANNOTATIONS} per update); every finding is in the table above._\n`
      : '';
  const linkTo = (file: string, line: number, side: 'base' | 'head') =>
    `${options.repositoryUrl}/blob/${side === 'base' ? decision.baseSha : decision.headSha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
  const policyErrors = [
    ...(options.basePolicyErrors ? [{ heading: 'Policy errors', ...options.basePolicyErrors }] : []),
    {
      heading: 'Errors in the policy file this PR proposes',
      source: POLICY_PATH,
      errors: options.proposedPolicyErrors,
    },
  ];
  const plans = planSection(options.plans ?? null);
  const waiting = waitingForPlan(options.plans ?? null);
  const intro = waiting?.intro ?? '';
  const limit = GITHUB_OUTPUT_LIMIT - intro.length - plans.length - note.length - (options.footerChars ?? 0);
  const summary = intro + decisionMarkdown(decision, { linkTo, policyErrors, limit, plans: false }) + plans + note;
  return { title: waiting ? waiting.title : truncate(decision.title, TITLE_LIMIT), summary, annotations };
}

/** On the line of each finding, and on each line where a change that reached it was made. */
function findingAnnotations(findings: readonly ShownFinding[]): CheckAnnotation[] {
  const shown = findings
    .filter((f) => TIER_ORDER[f.tier] <= TIER_ORDER.medium && f.file !== '')
    .sort(
      (a, b) =>
        TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line),
    );
  const annotations: CheckAnnotation[] = [];
  const seen = new Set<string>();
  const add = (annotation: CheckAnnotation) => {
    const key = `${annotation.path}:${annotation.start_line}:${annotation.title}`;
    if (!seen.has(key)) annotations.push(annotation);
    seen.add(key);
  };
  for (const f of shown) {
    const level = f.tier === 'medium' ? 'warning' : 'failure';
    const routes = findingRoutes(f);
    if (findingSide(f.action) === 'head') {
      add({
        path: f.file,
        start_line: Math.max(1, f.line),
        end_line: Math.max(1, f.line),
        annotation_level: level,
        title: truncate(`${f.tier}: ${f.action} ${f.address} (${f.ruleId})`, TITLE_LIMIT),
        message: truncate([f.rationale, ...routes].join('\n'), ANNOTATION_MESSAGE_LIMIT),
      });
    }
    for (const source of f.sources ?? []) {
      add({
        path: source.file,
        start_line: Math.max(1, source.line),
        end_line: Math.max(1, source.line),
        annotation_level: level,
        title: truncate(`${f.tier}: this change reaches ${f.address} (${f.ruleId})`, TITLE_LIMIT),
        message: truncate([...routes, f.rationale].join('\n'), ANNOTATION_MESSAGE_LIMIT),
      });
    }
  }
  return annotations;
}

/** Old problems out of the change's reach: a warning on their line, so they get fixed some day. */
function warningAnnotations(warnings: readonly ClassificationWarning[]): CheckAnnotation[] {
  return warnings.map((w) => ({
    path: w.file,
    start_line: Math.max(1, w.line),
    end_line: Math.max(1, w.line),
    annotation_level: 'warning',
    title: truncate(`not rated: already broken at the base (${w.ruleId})`, TITLE_LIMIT),
    message: truncate(
      `${w.message}. This is unchanged since the base, in module ${w.module}, which this change neither touches nor reaches, so it does not rate this change; fix it separately.`,
      ANNOTATION_MESSAGE_LIMIT,
    ),
  }));
}

function policyAnnotations(errors: readonly ConfigError[]): CheckAnnotation[] {
  return errors.map((e) => ({
    path: POLICY_PATH,
    start_line: Math.max(1, e.line),
    end_line: Math.max(1, e.line),
    annotation_level: 'failure',
    title: 'Invalid Four Eyes policy',
    message: truncate(e.message, ANNOTATION_MESSAGE_LIMIT),
  }));
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : text.slice(0, limit - 1) + '…';
}
