import type { Decision } from './decision.js';
import { plural, shortSha } from './text.js';

/** A decision as the gate reads it from the audit log: with its record's number, to link to it. */
export interface RecordedDecision {
  seq: number;
  decision: Decision;
}

/**
 * What the edge found out about the commit a deployment runs, one source at a time, in the order
 * it looks: the pull request it heads, the pull request it merged, the last approved deployment
 * of the environment. Our terms, not GitHub's.
 */
export type ContentEvidence =
  /** the SHA is the head of an open pull request; Four Eyes' newest decision on that head, if any */
  | { kind: 'pull-request-head'; pullRequest: number; author: string; decision: RecordedDecision | null }
  /**
   * The SHA is the merge commit of a pull request: its last decision, the head that was merged,
   * and the impact digest of the change first parent → SHA, classified with the policy in force.
   */
  | {
      kind: 'merge';
      pullRequest: number;
      author: string;
      mergedHeadSha: string;
      decision: RecordedDecision | null;
      mergeDigest: string;
    }
  /** the environment's last approved deployment, and how many findings the change since it has */
  | { kind: 'since-deployment'; deployed: { sha: string; runId: number | null }; findings: number }
  /** the environment has no approved deployment to compare with */
  | { kind: 'no-deployment' }
  /** the SHA is neither the head of an open pull request nor a merge commit of one */
  | { kind: 'no-pull-request' };

/** Whether a source shows the content approved, and the sentence that says why (or why not). */
export interface ContentJudgement {
  approved: boolean;
  /** `change-differs`: a merge brought something other than what was approved */
  code: 'approved-change' | 'nothing-to-gate' | 'not-approved' | 'change-differs';
  reason: string;
  /** the decision the content rests on, when it is a pull request's */
  decision: RecordedDecision | null;
  /** the pull request's author, when the content is a pull request's */
  author: string | null;
}

/** Conclusions that let a change through: approved, or nothing to approve (no Terraform change). */
const PASSING: ReadonlySet<Decision['conclusion']> = new Set(['success', 'neutral']);

/** Judges one source: pure, so the edge can stop looking at the first source that approves. */
export function judgeContent(evidence: ContentEvidence, sha: string, environment: string): ContentJudgement {
  const at = shortSha(sha);
  switch (evidence.kind) {
    case 'pull-request-head':
      return judgeHead(evidence, at);
    case 'merge':
      return judgeMerge(evidence, at);
    case 'since-deployment': {
      const since = `the last approved deployment of ${environment} (${shortSha(evidence.deployed.sha)}${evidence.deployed.runId === null ? '' : `, run ${evidence.deployed.runId}`})`;
      return evidence.findings === 0
        ? judged(true, 'nothing-to-gate', `nothing to gate: ${at} has no Terraform change since ${since}`)
        : judged(
            false,
            'not-approved',
            `${at} changes Terraform since ${since} (${plural(evidence.findings, 'finding')}) without an approved pull request`,
          );
    }
    case 'no-deployment':
      return judged(false, 'not-approved', `${environment} has no approved deployment to compare ${at} with`);
    case 'no-pull-request':
      return judged(
        false,
        'not-approved',
        `${at} is neither the head of an open pull request nor the merge commit of one`,
      );
  }
}

function judgeHead(evidence: Extract<ContentEvidence, { kind: 'pull-request-head' }>, at: string): ContentJudgement {
  const { pullRequest, author, decision } = evidence;
  if (decision === null)
    return judged(
      false,
      'not-approved',
      `${at} is the head of #${pullRequest}, which Four Eyes has not decided on yet: wait for its check, then re-run the job`,
      null,
      author,
    );
  const { conclusion, title } = decision.decision;
  return PASSING.has(conclusion)
    ? judged(true, 'approved-change', `${at} is the head of #${pullRequest}: ${title}`, decision, author)
    : judged(false, 'not-approved', `#${pullRequest} at ${at} is not approved: ${title}`, decision, author);
}

function judgeMerge(evidence: Extract<ContentEvidence, { kind: 'merge' }>, at: string): ContentJudgement {
  const { pullRequest, author, decision, mergedHeadSha, mergeDigest } = evidence;
  const merged = `${at} merged #${pullRequest}`;
  if (decision === null)
    return judged(false, 'not-approved', `${merged}, which Four Eyes never decided on`, null, author);
  const { conclusion, title, headSha, impactDigest } = decision.decision;
  if (headSha !== mergedHeadSha)
    return judged(
      false,
      'not-approved',
      `${merged} at ${shortSha(mergedHeadSha)}, but Four Eyes' last decision on #${pullRequest} was on ${shortSha(headSha)}`,
      decision,
      author,
    );
  if (!PASSING.has(conclusion))
    return judged(false, 'not-approved', `${merged}, whose last decision did not pass: ${title}`, decision, author);
  if (mergeDigest !== impactDigest)
    return judged(
      false,
      'change-differs',
      `${merged}, but the merge brought another change than the one approved (impact ${digestText(mergeDigest)} of its first parent → ${at}, approved ${digestText(impactDigest)}): something reached the branch unreviewed`,
      decision,
      author,
    );
  return judged(
    true,
    'approved-change',
    `${merged} and brought exactly its approved change (impact ${digestText(impactDigest)}): ${title}`,
    decision,
    author,
  );
}

function judged(
  approved: boolean,
  code: ContentJudgement['code'],
  reason: string,
  decision: RecordedDecision | null = null,
  author: string | null = null,
): ContentJudgement {
  return { approved, code, reason, decision, author };
}

/** `sha256:1a2b3c4d5e6f` — enough to tell two digests apart in a sentence. */
function digestText(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}
