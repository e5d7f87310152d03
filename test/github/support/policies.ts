import type { Scenario } from './scenario.js';

/** A tags-only change of one bucket: what the exceptions in these policies cover. */
export const TAGS_FILES: Scenario['files'] = [
  {
    path: 'logs.tf',
    status: 'modified',
    base: 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  tags   = { team = "a" }\n}\n',
    head: 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  tags   = { team = "b" }\n}\n',
  },
];

/** A break-glass command with a reason long enough for every policy here. */
export const BREAK_GLASS_REASON = '/four-eyes break-glass production is down, rolling back the bad IAM change';

/** A policy with one tags-only exception (owned by sec-lead), usable by `allowed` (YAML flow map). */
export function exceptionPolicy(id: string, allowed: string, extra = ''): string {
  return `version: 1
catalog:
  default_tier: medium
owners:
  users: [sec-lead]
exceptions:
  - id: ${id}
    description: Tag-only changes
    owner: sec-lead
    justification: Tags carry cost-centre data only and grant nothing.
    created: 2026-06-01
    expires: 2027-05-31
    scope:
      addresses: ["**"]
      attributes: ["tags"]
    max_tier: medium
    allowed: ${allowed}
${extra}`;
}

/** The check run's Markdown summary. */
export function summaryOf(run: Record<string, unknown>): string {
  return (run.output as { summary: string }).summary;
}
