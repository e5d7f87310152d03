import type { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import { type EventOptions, registerEvents } from '../../src/github/events.js';
import { judgePayload, type PayloadVerdict, WEBHOOK_FIELDS } from '../../src/github/payloadShape.js';
import { deploymentGateEvent } from './support/gateGitHub.js';
import { HEAD_SHA, review, scenario } from './support/scenario.js';
import {
  checkRunEvent,
  checkSuiteEvent,
  commentEvent,
  type Delivery,
  pullRequestEvent,
  pushEvent,
  reviewEvent,
  webhookExamples,
  withField,
  withoutField,
} from './support/webhooks.js';

const s = scenario();
const pullRequest = pullRequestEvent('synchronize', s) as Delivery;
const pullRequestReview = reviewEvent('submitted', s, review('carol')) as Delivery;
const comment = commentEvent(s, '/four-eyes break-glass outage', 'dana') as Delivery;
const checkRun = checkRunEvent('requested_action', s, { appId: 123, pullRequests: [42], externalId: '42' }) as Delivery;
const checkSuite = checkSuiteEvent('requested', s, [42]) as Delivery;
const push = pushEvent(s, 'alice', 'd'.repeat(40)) as Delivery;
const deploymentGate = deploymentGateEvent(s, { sha: HEAD_SHA, runId: 555 }) as Delivery;

function verdictOf(delivery: { name: string; payload: unknown }): PayloadVerdict {
  return judgePayload(delivery.name, delivery.payload);
}

const malformed = (reason: string): PayloadVerdict => ({ kind: 'malformed', reason });
const WELL_FORMED: PayloadVerdict = { kind: 'well-formed' };
const WITHOUT_INSTALLATION: PayloadVerdict = { kind: 'without-installation' };

describe('the fields Four Eyes reads of a webhook', () => {
  it('are defined for exactly the events and actions it handles', () => {
    const handled: string[] = [];
    const app = { on: (names: string | string[]) => handled.push(...[names].flat()) } as unknown as Probot;
    registerEvents(app, {} as EventOptions);
    expect(handled.sort()).toEqual(Object.keys(WEBHOOK_FIELDS).sort());
  });

  it('are all present in every delivery of those events GitHub published (@octokit/webhooks-examples), given an installation', () => {
    const handled = webhookExamples.flatMap((event) =>
      event.examples
        .filter((payload) => WEBHOOK_FIELDS[payload.action ? `${event.name}.${String(payload.action)}` : event.name])
        .map((payload) => ({
          name: event.name,
          payload: { ...payload, installation: { id: 7 } } as Record<string, unknown>,
        })),
    );
    expect(handled.length).toBeGreaterThan(30);
    for (const delivery of handled)
      expect(verdictOf(delivery), `${delivery.name}.${String(delivery.payload.action)}`).toEqual(WELL_FORMED);
  });

  it.each([pullRequest, pullRequestReview, comment, checkRun, checkSuite, push, deploymentGate])(
    "are all present in the tests' $name deliveries",
    (delivery) => {
      expect(verdictOf(delivery)).toEqual(WELL_FORMED);
    },
  );
});

describe('a delivery without an installation', () => {
  it.each([
    ['no installation', withoutField(pullRequest, 'installation')],
    ['a null installation', withField(push, 'installation', null)],
    ['an installation without an id', withoutField(comment, 'installation.id')],
    ['no installation, and nothing else either', { id: 'empty', name: 'pull_request', payload: { action: 'opened' } }],
  ])('has nobody to act as: %s', (_, delivery) => {
    expect(verdictOf(delivery)).toEqual(WITHOUT_INSTALLATION);
  });

  it.each([
    ['an installation that is not an object', withField(push, 'installation', 7), 'installation is not an object'],
    [
      'an installation id that is not a number',
      withField(push, 'installation.id', '7'),
      'installation.id is not a positive integer',
    ],
    ['an installation id of 0', withField(checkRun, 'installation.id', 0), 'installation.id is not a positive integer'],
  ])('is malformed when it has one, wrong: %s', (_, delivery, reason) => {
    expect(verdictOf(delivery)).toEqual(malformed(reason));
  });
});

describe('a malformed delivery: the first field that is missing or wrong is the reason', () => {
  it.each([
    // what is missing
    ['pull_request.synchronize', withoutField(pullRequest, 'pull_request'), 'pull_request is missing'],
    ['pull_request.synchronize', withoutField(pullRequest, 'pull_request.head'), 'pull_request.head is missing'],
    [
      'pull_request.synchronize',
      withoutField(pullRequest, 'pull_request.head.sha'),
      'pull_request.head.sha is missing',
    ],
    [
      'pull_request.synchronize',
      withField(pullRequest, 'pull_request.base.sha', null),
      'pull_request.base.sha is missing',
    ],
    ['pull_request.synchronize', withoutField(pullRequest, 'repository'), 'repository is missing'],
    ['pull_request.synchronize', withoutField(pullRequest, 'sender'), 'sender is missing'],
    [
      'pull_request.synchronize',
      withoutField(pullRequest, 'pull_request.updated_at'),
      'pull_request.updated_at is missing',
    ],
    [
      'pull_request_review.submitted',
      withoutField(pullRequestReview, 'repository.owner.login'),
      'repository.owner.login is missing',
    ],
    ['issue_comment.created', withoutField(comment, 'comment'), 'comment is missing'],
    ['issue_comment.created', withoutField(comment, 'sender.type'), 'sender.type is missing'],
    ['check_run.requested_action', withoutField(checkRun, 'check_run.head_sha'), 'check_run.head_sha is missing'],
    ['check_run.requested_action', withoutField(checkRun, 'check_run.app'), 'check_run.app is missing'],
    [
      'check_suite.requested',
      withoutField(checkSuite, 'check_suite.pull_requests'),
      'check_suite.pull_requests is missing',
    ],
    ['push', withoutField(push, 'after'), 'after is missing'],
    ['push', withoutField(push, 'pusher'), 'pusher is missing'],
    ['push', withoutField(push, 'repository.full_name'), 'repository.full_name is missing'],
    [
      'deployment_protection_rule.requested',
      withoutField(deploymentGate, 'deployment_callback_url'),
      'deployment_callback_url is missing',
    ],
    ['deployment_protection_rule.requested', withoutField(deploymentGate, 'environment'), 'environment is missing'],
    // what is of the wrong type
    [
      'pull_request.synchronize',
      withField(pullRequest, 'pull_request.head.sha', 'abc123'),
      'pull_request.head.sha is not a 40-character hex SHA',
    ],
    [
      'pull_request.synchronize',
      withField(pullRequest, 'pull_request.head.sha', 'C'.repeat(40)),
      'pull_request.head.sha is not a 40-character hex SHA',
    ],
    [
      'pull_request.synchronize',
      withField(pullRequest, 'pull_request.number', -1),
      'pull_request.number is not a positive integer',
    ],
    [
      'pull_request.synchronize',
      withField(pullRequest, 'pull_request.number', '42'),
      'pull_request.number is not a positive integer',
    ],
    [
      'pull_request.synchronize',
      withField(pullRequest, 'pull_request.number', 4.2),
      'pull_request.number is not a positive integer',
    ],
    [
      'pull_request.synchronize',
      withField(pullRequest, 'pull_request.changed_files', -3),
      'pull_request.changed_files is not a non-negative integer',
    ],
    [
      'pull_request.synchronize',
      withField(pullRequest, 'pull_request.head', 'main'),
      'pull_request.head is not an object',
    ],
    [
      'pull_request.synchronize',
      withField(pullRequest, 'pull_request.updated_at', 'yesterday'),
      'pull_request.updated_at is not an ISO 8601 timestamp',
    ],
    [
      'pull_request.edited',
      withField({ ...pullRequest, payload: { ...pullRequest.payload, action: 'edited' } }, 'changes', 'base'),
      'changes is not an object',
    ],
    ['issue_comment.created', withField(comment, 'comment.body', 42), 'comment.body is not a string'],
    [
      'check_run.requested_action',
      withField(checkRun, 'check_run.pull_requests', { number: 42 }),
      'check_run.pull_requests is not a list',
    ],
    [
      'check_run.requested_action',
      withField(checkRun, 'check_run.pull_requests', [{ number: '42' }]),
      'check_run.pull_requests[0].number is not a positive integer',
    ],
    [
      'check_run.requested_action',
      withField(checkRun, 'check_run.pull_requests', [{ number: 41 }, null]),
      'check_run.pull_requests[1] is missing',
    ],
    [
      'check_run.requested_action',
      withField(checkRun, 'check_run.external_id', 42),
      'check_run.external_id is not a string',
    ],
    ['push', withField(push, 'forced', 'yes'), 'forced is not true or false'],
    ['push', withField(push, 'sender', 'alice'), 'sender is not an object'],
    [
      'deployment_protection_rule.requested',
      withField(deploymentGate, 'deployment.id', 'x'),
      'deployment.id is not a positive integer',
    ],
  ])('%s: %s', (_, delivery, reason) => {
    expect(verdictOf(delivery)).toEqual(malformed(reason));
  });

  it('says so when the payload is not an object at all', () => {
    expect(judgePayload('push', [])).toEqual(malformed('the payload is not a JSON object'));
  });
});

describe('what a handler copes without is not required', () => {
  it.each([
    ['a pull_request event without changed_files', withoutField(pullRequest, 'pull_request.changed_files')],
    ['an edit without changes', { ...pullRequest, payload: { ...pullRequest.payload, action: 'edited' } }],
    ['a comment by a deleted user (no comment.user)', withField(comment, 'comment.user', null)],
    ['a comment on an issue, not a PR', withoutField(comment, 'issue.pull_request')],
    ['a check run without an external id', withField(checkRun, 'check_run.external_id', null)],
    ['a check run without a requested action', withoutField(checkRun, 'requested_action')],
    ['a check run of a fork PR (no pull requests listed)', withField(checkRun, 'check_run.pull_requests', [])],
    ['a push without a sender', withoutField(push, 'sender')],
  ])('%s', (_, delivery) => {
    expect(verdictOf(delivery)).toEqual(WELL_FORMED);
  });
});

it('refuses to judge an event nobody defined the fields of (a handler registered without a row)', () => {
  expect(() => judgePayload('issues', { action: 'opened', installation: { id: 7 } })).toThrow(
    'no payload shape is defined for issues opened',
  );
});
