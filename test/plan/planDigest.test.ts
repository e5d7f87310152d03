import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planDigest } from '../../src/plan/planDigest.js';
import { readPlan } from '../../src/plan/readPlan.js';
import { PLAN_FIXTURE_NAMES, planFixture, planFixtureText } from './planFixtures.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type PlanJson = { [key: string]: Json } & {
  resource_changes?: { [key: string]: Json; change: { [key: string]: Json } }[];
  output_changes?: { [key: string]: { [key: string]: Json } };
};

const ACTIONS = [['no-op'], ['create'], ['read'], ['update'], ['delete'], ['delete', 'create'], ['create', 'delete']];

function digestOf(plan: unknown): string {
  const result = readPlan(JSON.stringify(plan), 'plan.json');
  if ('error' in result) throw new Error(result.error.message);
  return planDigest(result.plan);
}

function fixtureJson(name: string): PlanJson {
  return JSON.parse(planFixtureText(name)) as PlanJson;
}

/** A deterministic stream of numbers in [0, 1) from a seed (mulberry32). */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The same value with the keys of every object in another order (arrays keep theirs: their order is data). */
function withKeysReordered(value: Json, random: () => number): Json {
  if (Array.isArray(value)) return value.map((item) => withKeysReordered(item, random));
  if (value === null || typeof value !== 'object') return value;
  const entries = shuffled(Object.entries(value), random).map(([k, v]) => [k, withKeysReordered(v, random)] as const);
  return Object.fromEntries(entries);
}

/** Every path to a scalar inside `value`, so a property can pick one. */
function leafPaths(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key]));
  return [path];
}

function changedLeaf(value: Json): Json {
  if (typeof value === 'string') return value + 'x';
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  return 'x';
}

function setAt(root: Json, path: (string | number)[], update: (old: Json) => Json): void {
  let node = root as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, Json>;
  const last = path.at(-1)!;
  node[last] = update(node[last]!);
}

const fixtureName = fc.constantFrom(...PLAN_FIXTURE_NAMES);
const fixtureWithChanges = fc.constantFrom(
  ...PLAN_FIXTURE_NAMES.filter((name) => planFixture(name).resourceChanges.length > 0),
);

describe('planDigest: the same intended change, the same digest', () => {
  it('whatever the order of object keys, resource changes and outputs', () => {
    fc.assert(
      fc.property(fixtureName, fc.integer(), (name, seed) => {
        const random = randomFrom(seed);
        const plan = withKeysReordered(fixtureJson(name), random) as PlanJson;
        if (plan.resource_changes) plan.resource_changes = shuffled(plan.resource_changes, random);
        expect(digestOf(plan)).toBe(digestOf(fixtureJson(name)));
      }),
      { numRuns: 200 },
    );
  });

  it('whatever the fields that do not change what apply does', () => {
    fc.assert(
      fc.property(fixtureName, fc.string(), fc.integer(), (name, text, seed) => {
        const random = randomFrom(seed);
        const plan = fixtureJson(name);
        plan.terraform_version = `1.${text.length}.0`;
        plan.format_version = random() < 0.5 ? '1.0' : '1.2';
        plan.timestamp = text;
        plan.prior_state = { format_version: '1.0', values: { root_module: { text } } };
        plan.planned_values = { root_module: { resources: [] } };
        plan.configuration = { text };
        for (const entry of plan.resource_changes ?? []) {
          entry.change.before = random() < 0.5 ? null : { text };
          entry.change.before_sensitive = random() < 0.5;
          entry.change.after_sensitive = random() < 0.5 ? true : {};
          entry.action_reason = text;
        }
        for (const output of Object.values(plan.output_changes ?? {})) output.before = text;
        expect(digestOf(plan)).toBe(digestOf(fixtureJson(name)));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['after_unknown {}', {}],
    ['after_unknown false', false],
    ['after_unknown with only false members', { id: false, tags: {}, list: [false, false] }],
    ['no after_unknown (formats 0.x may omit it)', undefined],
  ])('"nothing unknown" however it is written: %s', (_, afterUnknown) => {
    const plan = (marks: Json | undefined) => ({
      format_version: '1.2',
      planned_values: {},
      resource_changes: [
        {
          address: 'a.b',
          mode: 'managed',
          type: 'a',
          name: 'b',
          change: { actions: ['create'], after: { id: 'x' }, ...(marks === undefined ? {} : { after_unknown: marks }) },
        },
      ],
    });
    expect(digestOf(plan(afterUnknown as Json | undefined))).toBe(digestOf(plan(false)));
  });
});

describe('planDigest: a different intended change, a different digest', () => {
  const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

  it('when any planned action changes', () => {
    fc.assert(
      fc.property(fixtureWithChanges, fc.nat(), fc.nat(), (name, which, to) => {
        const plan = fixtureJson(name);
        const entry = pick(plan.resource_changes!, which);
        const others = ACTIONS.filter((actions) => JSON.stringify(actions) !== JSON.stringify(entry.change.actions));
        entry.change.actions = pick(others, to);
        expect(digestOf(plan)).not.toBe(digestOf(fixtureJson(name)));
      }),
      { numRuns: 200 },
    );
  });

  it('when any after value changes, of a resource or an output', () => {
    fc.assert(
      fc.property(fixtureName, fc.nat(), (name, which) => {
        const plan = fixtureJson(name);
        const afters = [
          ...(plan.resource_changes ?? []).map((entry) => entry.change),
          ...Object.values(plan.output_changes ?? {}),
        ];
        const leaves = afters.flatMap((change) =>
          change.after === undefined ? [] : leafPaths(change.after).map((path) => ({ change, path })),
        );
        fc.pre(leaves.length > 0);
        const { change, path } = pick(leaves, which);
        if (path.length === 0) change.after = changedLeaf(change.after!);
        else setAt(change.after!, path, changedLeaf);
        expect(digestOf(plan)).not.toBe(digestOf(fixtureJson(name)));
      }),
      { numRuns: 300 },
    );
  });

  it('when a value becomes known only after apply, or becomes known', () => {
    fc.assert(
      fc.property(fixtureWithChanges, fc.nat(), fc.boolean(), (name, which, add) => {
        const plan = fixtureJson(name);
        const entry = pick(plan.resource_changes!, which);
        const marks = entry.change.after_unknown;
        const unknownLeaves = marks === undefined ? [] : leafPaths(marks).filter((path) => path.length > 0);
        const marked = unknownLeaves.filter(
          (path) => path.reduce<Json>((node, step) => (node as never)[step], marks!) === true,
        );
        if (add || marked.length === 0) {
          entry.change.after_unknown =
            marks !== null && typeof marks === 'object' && !Array.isArray(marks) ? { ...marks, added: true } : true;
        } else {
          setAt(marks!, pick(marked, which), () => false);
        }
        expect(digestOf(plan)).not.toBe(digestOf(fixtureJson(name)));
      }),
      { numRuns: 200 },
    );
  });

  it('when any address changes', () => {
    fc.assert(
      fc.property(fixtureWithChanges, fc.nat(), fc.constantFrom('_x', '[0]', '["eu"]'), (name, which, suffix) => {
        const plan = fixtureJson(name);
        const entry = pick(plan.resource_changes!, which);
        entry.address = `${entry.address}${suffix}`;
        expect(digestOf(plan)).not.toBe(digestOf(fixtureJson(name)));
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    [
      'the move it comes from',
      (c: PlanJson['resource_changes'] & object) => (c[0]!.previous_address = 'aws_s3_bucket.old'),
    ],
    ['the deposed object it is about', (c: PlanJson['resource_changes'] & object) => (c[0]!.deposed = '00000001')],
    ['the import', (c: PlanJson['resource_changes'] & object) => (c[0]!.change.importing = { id: 'vpc-1' })],
    [
      'the provider',
      (c: PlanJson['resource_changes'] & object) => (c[0]!.provider_name = 'registry.example.com/fork/aws'),
    ],
  ])('when %s changes', (_, edit) => {
    const plan = fixtureJson('no-op-only.json');
    edit(plan.resource_changes!);
    expect(digestOf(plan)).not.toBe(digestOf(fixtureJson('no-op-only.json')));
  });

  it('a resource change and an output change with the same content are not the same line', () => {
    const one = { format_version: '1.2', planned_values: {}, output_changes: { a: { actions: ['create'], after: 1 } } };
    const none = { format_version: '1.2', planned_values: {} };
    expect(digestOf(one)).not.toBe(digestOf(none));
  });
});

describe('planDigest: the canonical form, as documented', () => {
  it('is reproducible by an auditor from the plan JSON alone', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {},
      resource_changes: [
        { address: 'b.y', mode: 'managed', type: 'b', name: 'y', change: { actions: ['delete'], before: { id: '1' } } },
        {
          address: 'a.x',
          mode: 'managed',
          type: 'a',
          name: 'x',
          provider_name: 'registry.terraform.io/hashicorp/a',
          change: { actions: ['create'], after: { z: 1, k: [true] }, after_unknown: { id: true, k: [false] } },
        },
      ],
      output_changes: { out: { actions: ['update'], before: 1, after: 2, after_unknown: false } },
    };
    const lines = [
      '["resource",{"action":"create","address":"a.x","after":{"k":[true],"z":1},"afterUnknown":{"id":true},"deposed":null,"importing":null,"previousAddress":null,"providerName":"registry.terraform.io/hashicorp/a"}]',
      '["resource",{"action":"delete","address":"b.y","after":null,"afterUnknown":false,"deposed":null,"importing":null,"previousAddress":null,"providerName":null}]',
      '["output",{"action":"update","after":2,"afterUnknown":false,"name":"out"}]',
    ];
    const expected =
      'sha256:' +
      createHash('sha256')
        .update(lines.map((l) => l + '\n').join(''))
        .digest('hex');
    expect(digestOf(plan)).toBe(expected);
  });

  it('does not change from one Four Eyes release to the next: approvals are bound to it', () => {
    expect(planDigest(planFixture('iam-wildcard-policy.json'))).toBe(
      'sha256:862521c3cae66bdd6791cd49de02b9913da8fca89ff7f3836690d00eb9a3134b',
    );
  });

  it('every fixture has its own digest', () => {
    const digests = PLAN_FIXTURE_NAMES.map((name) => planDigest(planFixture(name)));
    expect(new Set(digests).size).toBe(digests.length);
    for (const digest of digests) expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
