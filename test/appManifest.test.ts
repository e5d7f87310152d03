import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBSCRIBED_EVENTS } from '../src/github/events.js';

const manifest = parse(readFileSync(new URL('../app.yml', import.meta.url), 'utf8')) as {
  default_events: string[];
  default_permissions: Record<string, string>;
};

describe('app.yml', () => {
  it('subscribes to exactly the events the app handles', () => {
    expect([...manifest.default_events].sort()).toEqual([...SUBSCRIBED_EVENTS].sort());
  });
  it('asks for the least permissions that work', () => {
    expect(manifest.default_permissions).toEqual({
      checks: 'write',
      contents: 'read',
      pull_requests: 'read',
      issues: 'write',
      merge_queues: 'read',
      members: 'read',
      actions: 'read',
      deployments: 'write',
      metadata: 'read',
    });
  });
});
