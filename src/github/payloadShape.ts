/**
 * What Four Eyes reads of each webhook it acts on, checked before it acts. A delivery that is
 * signed but lacks a field its handler reads, or carries one of the wrong type, is refused with
 * a one-line reason instead of failing on it halfway (or, worse, acting on `undefined`).
 *
 * Pure: a payload in, a verdict out.
 */

/** What a field must hold. */
type FieldKind = 'object' | 'string' | 'sha' | 'id' | 'count' | 'boolean' | 'timestamp';

/**
 * One field a handler reads: its path (`a.b.c`; `list[].x` for every element of a list), what it
 * must hold, and whether the handler copes without it (absent or null).
 */
interface FieldRule {
  path: string;
  kind: FieldKind;
  optional?: true;
}

export type PayloadVerdict =
  | { kind: 'well-formed' }
  /** no `installation.id`: nothing may be asked of GitHub on its behalf */
  | { kind: 'without-installation' }
  | { kind: 'malformed'; reason: string };

const KINDS: Record<FieldKind, { description: string; test: (value: unknown) => boolean }> = {
  object: { description: 'an object', test: isRecord },
  string: { description: 'a string', test: (v) => typeof v === 'string' },
  sha: { description: 'a 40-character hex SHA', test: (v) => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v) },
  id: { description: 'a positive integer', test: (v) => Number.isSafeInteger(v) && (v as number) > 0 },
  count: { description: 'a non-negative integer', test: (v) => Number.isSafeInteger(v) && (v as number) >= 0 },
  boolean: { description: 'true or false', test: (v) => typeof v === 'boolean' },
  // Recorded in the audit log as given, so it must at least be a date GitHub could have written.
  timestamp: {
    description: 'an ISO 8601 timestamp',
    test: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)),
  },
};

const required = (path: string, kind: FieldKind): FieldRule => ({ path, kind });
const optional = (path: string, kind: FieldKind): FieldRule => ({ path, kind, optional: true });

/** What an evaluation reads of the repository: its owner and name for the API, its URL for links. */
const REPOSITORY: FieldRule[] = [
  required('repository.owner.login', 'string'),
  required('repository.name', 'string'),
  required('repository.html_url', 'string'),
];

/** The pull request an event names: open or not, and the evaluation's hint. */
const PULL_REQUEST: FieldRule[] = [
  required('pull_request.state', 'string'),
  required('pull_request.number', 'id'),
  required('pull_request.base.ref', 'string'),
  required('pull_request.base.sha', 'sha'),
  required('pull_request.head.sha', 'sha'),
  ...REPOSITORY,
];

/** A pull_request event carries the full PR, with its count of changed files. */
const PULL_REQUEST_EVENT: FieldRule[] = [...PULL_REQUEST, optional('pull_request.changed_files', 'count')];

const CHECK_RUN: FieldRule[] = [
  required('check_run.app.id', 'id'),
  required('check_run.pull_requests[].number', 'id'),
  optional('check_run.external_id', 'string'),
  required('check_run.head_sha', 'sha'),
  ...REPOSITORY,
];

const CHECK_SUITE: FieldRule[] = [
  required('check_suite.pull_requests[].number', 'id'),
  required('check_suite.head_sha', 'sha'),
  ...REPOSITORY,
];

/** Per event and action Four Eyes handles (`name.action`, or `name` for events without actions): every field its handler reads. */
export const WEBHOOK_FIELDS: Readonly<Record<string, readonly FieldRule[]>> = {
  'pull_request.opened': PULL_REQUEST_EVENT,
  'pull_request.reopened': PULL_REQUEST_EVENT,
  'pull_request.ready_for_review': PULL_REQUEST_EVENT,
  'pull_request.labeled': PULL_REQUEST_EVENT,
  'pull_request.unlabeled': PULL_REQUEST_EVENT,
  'pull_request.edited': [...PULL_REQUEST_EVENT, optional('changes', 'object')],
  // A push to the PR's branch: its sender is recorded as a pusher, at the PR's update time.
  'pull_request.synchronize': [
    ...PULL_REQUEST_EVENT,
    required('sender.login', 'string'),
    required('pull_request.updated_at', 'timestamp'),
  ],
  'pull_request_review.submitted': PULL_REQUEST,
  'pull_request_review.edited': PULL_REQUEST,
  'pull_request_review.dismissed': PULL_REQUEST,
  'issue_comment.created': [
    required('issue.number', 'id'),
    required('issue.state', 'string'),
    optional('issue.pull_request', 'object'),
    required('sender.login', 'string'),
    required('sender.type', 'string'),
    required('comment.body', 'string'),
    optional('comment.user.login', 'string'),
    required('comment.created_at', 'timestamp'),
    ...REPOSITORY,
  ],
  'check_run.rerequested': CHECK_RUN,
  'check_run.requested_action': [...CHECK_RUN, optional('requested_action.identifier', 'string')],
  'check_suite.requested': CHECK_SUITE,
  'check_suite.rerequested': CHECK_SUITE,
  'merge_group.checks_requested': [
    required('merge_group.head_sha', 'sha'),
    required('merge_group.head_ref', 'string'),
    required('merge_group.base_sha', 'sha'),
    required('merge_group.base_ref', 'string'),
    ...REPOSITORY,
  ],
  // Only what is needed to answer is required: anything else missing is rejected with a reason, not left unanswered.
  'deployment_protection_rule.requested': [
    required('environment', 'string'),
    required('deployment_callback_url', 'string'),
    optional('deployment', 'object'),
    optional('deployment.sha', 'string'),
    optional('deployment.ref', 'string'),
    optional('deployment.id', 'id'),
    optional('deployment.creator.login', 'string'),
    optional('repository.owner.type', 'string'),
    ...REPOSITORY,
  ],
  'workflow_run.completed': [
    optional('workflow_run.path', 'string'),
    required('workflow_run.head_sha', 'sha'),
    required('workflow_run.pull_requests[].number', 'id'),
    required('workflow_run.pull_requests[].head.sha', 'sha'),
    required('workflow_run.pull_requests[].base.ref', 'string'),
    required('workflow_run.pull_requests[].base.sha', 'sha'),
    optional('workflow_run.head_repository.full_name', 'string'),
    required('repository.full_name', 'string'),
    ...REPOSITORY,
  ],
  push: [
    required('deleted', 'boolean'),
    required('after', 'sha'),
    required('forced', 'boolean'),
    optional('sender.login', 'string'),
    required('pusher.name', 'string'),
    required('repository.full_name', 'string'),
  ],
};

/**
 * Judges the payload of an event (its `X-GitHub-Event` name) against the rules for its action.
 * Without an installation nothing else matters: no such delivery is acted on. The first field
 * that is wrong is the reason.
 */
export function judgePayload(name: string, payload: unknown): PayloadVerdict {
  if (!isRecord(payload)) return malformed('the payload is not a JSON object');
  const rules = WEBHOOK_FIELDS[`${name}.${String(payload.action)}`] ?? WEBHOOK_FIELDS[name];
  if (!rules) throw new Error(`no payload shape is defined for ${name} ${String(payload.action)}`);
  const installation = payload.installation;
  if (installation === undefined || installation === null) return { kind: 'without-installation' };
  if (!isRecord(installation)) return malformed('installation is not an object');
  if (installation.id === undefined || installation.id === null) return { kind: 'without-installation' };
  const problem = [required('installation.id', 'id'), ...rules]
    .map((rule) => problemAt(payload, '', rule.path.split('.'), rule))
    .find((p) => p !== null);
  return problem ? malformed(problem) : { kind: 'well-formed' };
}

function malformed(reason: string): PayloadVerdict {
  return { kind: 'malformed', reason };
}

/** The first thing wrong on the way down `segments` from `value` (found at `path`), or null. */
function problemAt(value: unknown, path: string, segments: string[], rule: FieldRule): string | null {
  if (value === undefined || value === null) return rule.optional ? null : `${path} is missing`;
  const [segment, ...rest] = segments;
  if (segment === undefined)
    return KINDS[rule.kind].test(value) ? null : `${path} is not ${KINDS[rule.kind].description}`;
  if (!isRecord(value)) return `${path} is not an object`;
  const each = segment.endsWith('[]');
  const key = each ? segment.slice(0, -2) : segment;
  const childPath = path ? `${path}.${key}` : key;
  const child = Object.hasOwn(value, key) ? value[key] : undefined;
  if (!each) return problemAt(child, childPath, rest, rule);
  if (child === undefined || child === null) return rule.optional ? null : `${childPath} is missing`;
  if (!Array.isArray(child)) return `${childPath} is not a list`;
  for (const [index, item] of child.entries()) {
    const problem = problemAt(item, `${childPath}[${index}]`, rest, rule);
    if (problem) return problem;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
