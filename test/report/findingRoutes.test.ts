import { describe, expect, it } from 'vitest';
import { checkRunOutput } from '../../src/github/checkRunOutput.js';
import { findingRoutes } from '../../src/report/findingRoutes.js';
import { classification, facts, finding, run } from '../policy/support.js';

/** A route from `source` through `steps` steps to the object. */
const route = (source: string, steps: number) =>
  [source, ...Array.from({ length: steps }, (_, i) => `step${i}`), 'aws_iam_role.ci assume_role_policy'].join(' → ');

const routesOf = (via: string[]) => findingRoutes(finding('high', { via }));

describe('findingRoutes: at most three routes per finding, the other routes counted', () => {
  it.each([
    {
      name: 'three routes or fewer are all shown, in order',
      via: [route('a.tf:1 x', 3), route('b.tf:2 y', 1)],
      lines: [`reached from ${route('a.tf:1 x', 3)}`, `reached from ${route('b.tf:2 y', 1)}`],
    },
    {
      name: 'the shortest route of each source first, then the shortest others, kept in the order found',
      via: [
        route('a.tf:1 x', 5),
        route('a.tf:1 x', 2),
        route('b.tf:2 y', 4),
        route('a.tf:1 x', 3),
        route('b.tf:2 y', 6),
      ],
      lines: [
        `reached from ${route('a.tf:1 x', 2)}`,
        `reached from ${route('b.tf:2 y', 4)}`,
        `reached from ${route('a.tf:1 x', 3)}`,
        'and 2 more routes (all of them: four-eyes classify --format json)',
      ],
    },
    {
      name: 'sources beyond three are counted, so the reviewer knows other changes reach it too',
      via: ['a', 'b', 'c', 'd', 'e'].map((source) => route(`${source}.tf:1 v`, 1)),
      lines: [
        `reached from ${route('a.tf:1 v', 1)}`,
        `reached from ${route('b.tf:1 v', 1)}`,
        `reached from ${route('c.tf:1 v', 1)}`,
        'and 2 more routes, through 2 more changed sources too (all of them: four-eyes classify --format json)',
      ],
    },
  ])('$name', ({ via, lines }) => {
    expect(routesOf(via)).toEqual(lines);
  });
});

describe('routes left out of a row hide no changed line', () => {
  it('every changed source is still annotated on its own line, and the row says how many sources it does not name', () => {
    const sources = ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({ file: `${name}.tfvars`, line: i + 1 }));
    const reached = finding('critical', {
      via: sources.map((source) => route(`${source.file}:${source.line} v`, 1)),
      sources,
    });
    const decision = run(facts(), classification(reached));
    const output = checkRunOutput(decision, {
      repositoryUrl: 'https://github.com/acme/infra',
      proposedPolicyErrors: [],
      basePolicyErrors: null,
    });
    const onSources = output.annotations.filter((a) => a.path.endsWith('.tfvars'));
    expect(onSources.map((a) => `${a.path}:${a.start_line}`)).toEqual(sources.map((s) => `${s.file}:${s.line}`));
    expect(onSources.every((a) => a.annotation_level === 'failure')).toBe(true);
    expect(output.summary).toContain('and 2 more routes, through 2 more changed sources too');
  });
});
