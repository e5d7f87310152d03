import { readFileSync } from 'node:fs';
import { buildChangeSet } from '../../change/changeSet.js';
import { reachedTrees, withOldProblems } from '../../change/reachedTrees.js';
import { codeownersOfTree } from '../../config/codeowners.js';
import { POLICY_PATH } from '../../config/loadPolicy.js';
import { type PolicyInForce, policyInForce } from '../../config/policyInForce.js';
import type { PlanEvidence } from '../../plan/planEvidence.js';
import type { Decision } from '../../policy/decision.js';
import { evaluateChange, proposedPolicyText } from '../../policy/evaluateChange.js';
import type { PrFacts } from '../../policy/facts.js';
import { parseFacts } from '../../policy/loadFacts.js';
import { decisionMarkdown } from '../../report/decisionMarkdown.js';
import { decisionText } from '../../report/decisionText.js';
import type { SourceTree } from '../../terraform/sourceTree.js';
import { outputFormat, parseCommandArgs, requireString } from '../args.js';
import { UsageError } from '../errors.js';
import { resolveCommit } from '../git.js';
import { factsFromGit } from '../gitFacts.js';
import { readGitTree } from '../gitTree.js';
import { readPlanFiles } from '../planFiles.js';
import { resolvePolicy } from '../policySource.js';
import { readSourceTree } from '../readTree.js';
import { recordEvaluation } from './evaluateRecord.js';
import type { CommandContext, CommandResult } from './result.js';

export const evaluateHelp = `Usage: four-eyes evaluate --base <dir> --head <dir> --facts <file> [options]
       four-eyes evaluate --repo <path> --base <ref> --head <ref> [options]

Decides whether a pull request's approvals satisfy separation of duties, and explains why.
With --facts: the two checkouts and the PR facts (config-schema/pr-facts.schema.json).
With --repo: the files and commits between two refs of a local Git repository, no reviews:
what the change would need before you open the PR (authors are identified by e-mail).

Options:
  --record          also append the decision to the audit store (DATABASE_URL, else
                    FOUR_EYES_DATA_DIR, default ./.four-eyes), as the app does
  --config <file>   the policy (default: .github/four-eyes.yml of the base, else the defaults)
  --now <ISO-8601>  the time to decide at (exception expiry; default: now)
  --plan [<root>=]<plan.json>   a plan of the head (\`terraform show -json\`), repeatable:
                    judged with the code, its digest recorded with the decision; one
                    that cannot be read blocks the decision
  --format json|text|markdown   (default: json)
Exit code 0 for success or neutral, 1 otherwise, 2 for bad usage or invalid facts.`;

export function runEvaluate(argv: string[], context: CommandContext): CommandResult | Promise<CommandResult> {
  const evaluated = evaluateFromArgs(argv);
  if ('result' in evaluated) return evaluated.result;
  return evaluated.record ? recordEvaluation(evaluated.decision, evaluated.output, context) : evaluated.output;
}

/** The decision the arguments ask for, printed; whether to record it. */
function evaluateFromArgs(
  argv: string[],
): { result: CommandResult } | { decision: Decision; output: CommandResult; record: boolean } {
  const { values } = parseCommandArgs('evaluate', argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    facts: { type: 'string' },
    repo: { type: 'string' },
    config: { type: 'string' },
    now: { type: 'string' },
    format: { type: 'string' },
    record: { type: 'boolean' },
    plan: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { result: { stdout: evaluateHelp + '\n', exitCode: 0 } };
  const format = outputFormat('evaluate', values.format, ['json', 'text', 'markdown'] as const, 'json');
  const now = parseNow(values.now as string | undefined);
  const base = requireString('evaluate', values.base, 'base');
  const head = requireString('evaluate', values.head, 'head');
  const config = values.config as string | undefined;
  const planSpecs = (values.plan as string[] | undefined) ?? [];
  const plans = planSpecs.length > 0 ? readPlanFiles('evaluate', planSpecs) : undefined;
  let decision: Decision;
  if (typeof values.repo === 'string') {
    if (values.facts !== undefined)
      throw new UsageError('evaluate: give either --facts (with directories) or --repo (with refs), not both');
    decision = evaluateRepo(values.repo, base, head, config, now, plans);
  } else {
    const factsPath = requireString('evaluate', values.facts, 'facts');
    const facts = readFacts(factsPath);
    if ('errors' in facts) return { result: facts.errors };
    const baseTree = readSourceTree(base);
    const trees = { base: baseTree, head: readSourceTree(head, baseTree) };
    const policy = withCodeowners(resolvePolicy(config, base), trees.base, `${base.replace(/\/+$/, '')}/`);
    decision = evaluateTrees(trees, facts.facts, policy, now, plans);
  }
  const stdout =
    format === 'json'
      ? JSON.stringify(decision, null, 2) + '\n'
      : format === 'text'
        ? decisionText(decision)
        : decisionMarkdown(decision);
  return {
    decision,
    output: { stdout, exitCode: decision.conclusion === 'success' || decision.conclusion === 'neutral' ? 0 : 1 },
    record: values.record === true,
  };
}

/** Two checkouts and their facts, through the pipeline the app uses. */
function evaluateTrees(
  { base, head }: { base: SourceTree; head: SourceTree },
  facts: PrFacts,
  policy: PolicyInForce,
  now: Date,
  plans: PlanEvidence | undefined,
): Decision {
  const proposed = proposedPolicyText(policyFileOf(base), policyFileOf(head));
  const reached = reachedTrees(base, head);
  const changeSet = withOldProblems(buildChangeSet(reached.base, reached.head), reached.outOfReach);
  return evaluateChange({ changeSet, facts, policy, proposedPolicyText: proposed, now, ...(plans ? { plans } : {}) })
    .decision;
}

/** The base's CODEOWNERS, when the policy takes owners from it: what judges the change, like the policy. */
function withCodeowners(policy: PolicyInForce, base: SourceTree, sourcePrefix: string): PolicyInForce {
  if (!policy.policy.ownership.fromCodeowners) return policy;
  return { ...policy, codeowners: codeownersOfTree(base.files, sourcePrefix) };
}

function policyFileOf(tree: SourceTree): string | undefined {
  return tree.files.find((file) => file.path === POLICY_PATH)?.content;
}

function evaluateRepo(
  repo: string,
  baseRef: string,
  headRef: string,
  config: string | undefined,
  now: Date,
  plans: PlanEvidence | undefined,
): Decision {
  const headSha = resolveCommitOrFail(repo, headRef);
  const baseSha = resolveCommitOrFail(repo, baseRef);
  const baseTree = readGitTree(repo, baseSha);
  const policyText = config === undefined ? policyFileOf(baseTree) : readText(config, 'policy file');
  const source = config ?? (policyText === undefined ? 'built-in defaults' : `${baseRef}:${POLICY_PATH}`);
  const policy = policyInForce(
    source,
    policyText === undefined ? { kind: 'absent' } : { kind: 'text', text: policyText },
  );
  const facts = factsFromGit(repo, baseSha, headSha, policy.policy);
  const judging = withCodeowners(policy, baseTree, `${baseRef}:`);
  return evaluateTrees({ base: baseTree, head: readGitTree(repo, headSha) }, facts, judging, now, plans);
}

function resolveCommitOrFail(repo: string, ref: string): string {
  const sha = resolveCommit(repo, ref);
  if (!sha) throw new UsageError(`evaluate: ${ref} is not a commit in ${repo}`);
  return sha;
}

function readFacts(path: string): { facts: PrFacts } | { errors: CommandResult } {
  const loaded = parseFacts(readText(path, 'facts file'));
  if (loaded.ok) return { facts: loaded.facts };
  const lines = loaded.errors.map((e) => `${path}:${e.line}:${e.column}: ${e.message}`).join('\n');
  return {
    errors: {
      stdout: '',
      stderr: `${lines}\nfour-eyes: evaluate: ${path} is not valid PR facts (config-schema/pr-facts.schema.json)\n`,
      exitCode: 2,
    },
  };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`evaluate: cannot read the ${what} ${path}`);
  }
}

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const time = Date.parse(value);
  if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}/.test(value))
    throw new UsageError(`evaluate: --now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got "${value}"`);
  return new Date(time);
}
