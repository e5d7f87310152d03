import { describe, expect, it } from 'vitest';
import type { Access } from '../../../src/console/signIn/access.js';
import { SessionTable } from '../../../src/console/signIn/sessions.js';

const viewer = (count: number): Access => ({
  kind: 'viewer',
  login: 'ann',
  repositories: new Set(Array.from({ length: count }, (_, index) => `acme/repo-${index}`)),
  grounds: ['member of acme/auditors'],
});
const forbidden: Access = { kind: 'forbidden', login: 'dev', reason: 'not an auditor' };

describe('the session table', () => {
  it('gives each session its own random id and CSRF token, and finds it until it expires', () => {
    const table = new SessionTable(100);
    const first = table.open(forbidden, 1_000);
    const second = table.open(forbidden, 1_000);
    expect(new Set([first.id, second.id, first.csrfToken, second.csrfToken]).size).toBe(4);
    expect(table.find(first.id, 999)).toBe(first);
    expect(table.find(first.id, 1_000)).toBeUndefined();
    expect(table.size).toBe(1);
    table.close(second.id);
    expect(table.find(second.id, 0)).toBeUndefined();
  });

  it('is bounded by sessions and their repositories together, forgetting the least recently used', () => {
    const table = new SessionTable(10);
    const old = table.open(viewer(4), 1_000);
    const used = table.open(viewer(2), 1_000);
    table.find(old.id, 0);
    const big = table.open(viewer(3), 1_000);
    // 5 + 3 + 4 = 12 > 10: the least recently used (the two-repository one) goes.
    expect([table.find(old.id, 0), table.find(used.id, 0), table.find(big.id, 0)]).toEqual([old, undefined, big]);
  });
});
