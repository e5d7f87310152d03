import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type { Scenario, ScenarioReview } from './scenario.js';

type Payload = Record<string, unknown>;

/** One event's definition in @octokit/webhooks-examples, its payloads as records the tests copy and edit. */
type ExampleEvent = Omit<WebhookDefinition, 'examples'> & { examples: Payload[] };

/**
 * The deliveries GitHub published for each event (@octokit/webhooks-examples: its main file is
 * api.github.com/index.json), read by Node's own JSON loader, once per worker: imported through
 * Vite, its 4 MB took seconds in every worker.
 */
export const webhookExamples = createRequire(import.meta.url)('@octokit/webhooks-examples') as ExampleEvent[];

/** The object under `key`: the example payloads nest objects, and the tests spread and extend them. */
function nested(payload: Payload, key: string): Payload {
  return payload[key] as Payload;
}

/** A payload from @octokit/webhooks-examples, deep-copied, for one event and action. */
function example(name: string, action: string): Payload {
  const event = webhookExamples.find((e) => e.name === name);
  const found = event?.examples.find((e) => e.action === action) ?? event?.examples[0];
  if (!found) throw new Error(`no example payload for ${name}`);
  return { ...structuredClone(found), action };
}

let delivery = 0;
function event(name: string, payload: Payload) {
  return { id: `delivery-${++delivery}`, name, payload } as never;
}

function repository(s: Scenario): Payload {
  return {
    name: s.name,
    full_name: `${s.owner}/${s.name}`,
    owner: { login: s.owner, type: s.ownerType },
    html_url: `https://github.com/${s.owner}/${s.name}`,
  };
}

function pullRequest(s: Scenario, base: Payload): Payload {
  return {
    ...base,
    number: s.number,
    state: s.state === 'OPEN' ? 'open' : 'closed',
    changed_files: s.changedFiles ?? s.files.length,
    updated_at: '2026-11-24T11:00:00Z',
    user: { ...nested(base, 'user'), login: s.author.login, type: s.author.bot ? 'Bot' : 'User' },
    base: { ...nested(base, 'base'), ref: s.baseRef, sha: s.baseSha },
    head: { ...nested(base, 'head'), ref: s.headRef, sha: s.headSha },
  };
}

function sender(login: string, bot = false): Payload {
  return { login, id: 1, type: bot ? 'Bot' : 'User' };
}

export function pullRequestEvent(action: string, s: Scenario, by = s.author.login, extra: Payload = {}) {
  const payload = example('pull_request', action === 'edited' ? 'opened' : action);
  payload.action = action;
  payload.repository = { ...nested(payload, 'repository'), ...repository(s) };
  payload.pull_request = pullRequest(s, nested(payload, 'pull_request'));
  payload.number = s.number;
  payload.sender = sender(by);
  payload.installation = { id: 7 };
  return event('pull_request', { ...payload, ...extra });
}

export function reviewEvent(action: string, s: Scenario, review: ScenarioReview) {
  const payload = example('pull_request_review', action === 'edited' ? 'submitted' : action);
  payload.action = action;
  payload.repository = { ...nested(payload, 'repository'), ...repository(s) };
  const pr = pullRequest(s, nested(payload, 'pull_request'));
  delete pr.changed_files; // review events carry a simple PR, without counts
  payload.pull_request = pr;
  payload.review = {
    ...nested(payload, 'review'),
    id: review.id,
    state: review.state.toLowerCase(),
    commit_id: review.commitOid,
    user: sender(review.login, review.bot),
  };
  payload.sender = sender(review.login, review.bot);
  payload.installation = { id: 7 };
  return event('pull_request_review', payload);
}

export function commentEvent(s: Scenario, body: string, by: string, bot = false) {
  const payload = example('issue_comment', 'created');
  payload.repository = { ...nested(payload, 'repository'), ...repository(s) };
  payload.issue = {
    ...nested(payload, 'issue'),
    number: s.number,
    state: 'open',
    pull_request: { url: `https://api.github.com/repos/${s.owner}/${s.name}/pulls/${s.number}` },
  };
  payload.comment = { ...nested(payload, 'comment'), body, user: sender(by, bot), created_at: '2026-11-24T11:30:00Z' };
  payload.sender = sender(by, bot);
  payload.installation = { id: 7 };
  return event('issue_comment', payload);
}

export function checkRunEvent(
  action: 'rerequested' | 'requested_action',
  s: Scenario,
  options: { appId: number; pullRequests: number[]; externalId?: string | null; identifier?: string },
) {
  const payload = example('check_run', action);
  payload.repository = { ...nested(payload, 'repository'), ...repository(s) };
  payload.check_run = {
    ...nested(payload, 'check_run'),
    head_sha: s.headSha,
    external_id: options.externalId ?? null,
    app: { ...nested(nested(payload, 'check_run'), 'app'), id: options.appId },
    pull_requests: options.pullRequests.map((number) => ({
      number,
      head: { sha: s.headSha, ref: s.headRef },
      base: { sha: s.baseSha, ref: s.baseRef },
    })),
  };
  if (action === 'requested_action') payload.requested_action = { identifier: options.identifier ?? 're-evaluate' };
  payload.sender = sender('carol');
  payload.installation = { id: 7 };
  return event('check_run', payload);
}

export function checkSuiteEvent(action: 'requested' | 'rerequested', s: Scenario, pullRequests: number[]) {
  const payload = example('check_suite', action);
  payload.repository = { ...nested(payload, 'repository'), ...repository(s) };
  payload.check_suite = {
    ...nested(payload, 'check_suite'),
    head_sha: s.headSha,
    head_branch: s.headRef,
    pull_requests: pullRequests.map((number) => ({
      number,
      head: { sha: s.headSha, ref: s.headRef },
      base: { sha: s.baseSha, ref: s.baseRef },
    })),
  };
  payload.sender = sender(s.author.login);
  payload.installation = { id: 7 };
  return event('check_suite', payload);
}

export function pushEvent(
  s: Scenario,
  by: string,
  after: string,
  options: { branch?: string; forced?: boolean; deleted?: boolean } = {},
) {
  const payload = example('push', 'push');
  delete payload.action;
  payload.repository = { ...nested(payload, 'repository'), ...repository(s) };
  payload.ref = `refs/heads/${options.branch ?? s.headRef}`;
  payload.after = after;
  payload.forced = options.forced ?? false;
  payload.deleted = options.deleted ?? false;
  payload.pusher = { name: by, email: `${by}@acme.example` };
  payload.sender = sender(by);
  payload.installation = { id: 7 };
  return event('push', payload);
}

/** `workflow_run.completed` of a run on the scenario's head: listing the PR (a branch of the repository) or not (a fork's). */
export function workflowRunEvent(
  s: Scenario,
  run: { id: number; path: string; conclusion: string; pullRequests: number[]; fork?: boolean },
) {
  const payload = example('workflow_run', 'completed');
  payload.repository = { ...nested(payload, 'repository'), ...repository(s) };
  payload.workflow_run = {
    ...nested(payload, 'workflow_run'),
    id: run.id,
    path: run.path,
    head_sha: s.headSha,
    status: 'completed',
    conclusion: run.conclusion,
    head_repository: { full_name: run.fork ? `mallory/${s.name}` : `${s.owner}/${s.name}` },
    pull_requests: run.pullRequests.map((number) => ({
      number,
      head: { sha: s.headSha, ref: s.headRef },
      base: { sha: s.baseSha, ref: s.baseRef },
    })),
  };
  payload.sender = sender(s.author.login);
  payload.installation = { id: 7 };
  return event('workflow_run', payload);
}

/** A delivery as it goes over the wire: its id, its event name and its payload. */
export interface Delivery {
  id: string;
  name: string;
  payload: Payload;
}

/** A fresh copy of the delivery (a new id) with the field at `path` (`a.b.c`) removed. */
export function withoutField(delivery: Delivery, path: string): Delivery {
  return edited(delivery, path, (parent, key) => {
    delete parent[key];
  });
}

/** A fresh copy of the delivery (a new id) with the field at `path` (`a.b.c`) set to `value`. */
export function withField(delivery: Delivery, path: string, value: unknown): Delivery {
  return edited(delivery, path, (parent, key) => {
    parent[key] = value;
  });
}

function edited(delivery: Delivery, path: string, edit: (parent: Payload, key: string) => void): Delivery {
  const copy: Delivery = event(delivery.name, structuredClone(delivery.payload));
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce<Payload>((node, key) => nested(node, key), copy.payload as Payload);
  edit(parent, last);
  return copy;
}

/** A merge queue's `merge_group` delivery: the group's head and parent, and the entry's ref (`gh-readonly-queue/<base>/pr-<n>-<sha>`). */
export function mergeGroupEvent(
  s: Scenario,
  group: { headSha: string; baseSha: string; headRef?: string },
  action: 'checks_requested' | 'destroyed' = 'checks_requested',
) {
  const payload = example('merge_group', 'checks_requested');
  payload.action = action;
  payload.repository = { ...nested(payload, 'repository'), ...repository(s) };
  payload.merge_group = {
    ...nested(payload, 'merge_group'),
    head_sha: group.headSha,
    head_ref: group.headRef ?? `refs/heads/gh-readonly-queue/${s.baseRef}/pr-${s.number}-${s.headSha}`,
    base_sha: group.baseSha,
    base_ref: `refs/heads/${s.baseRef}`,
  };
  if (action === 'destroyed') payload.reason = 'merged';
  payload.sender = sender('github-merge-queue[bot]', true);
  payload.installation = { id: 7 };
  return event('merge_group', payload);
}
