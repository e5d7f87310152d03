import { describe, expect, it } from 'vitest';
import { planSection, waitingForPlan } from '../../src/github/planOutput.js';
import { NO_PLAN_EVIDENCE } from '../../src/plan/planEvidence.js';

describe("the check run's section on plans", () => {
  it('none when the policy reads no plan', () => {
    expect(planSection(null)).toBe('');
    expect(waitingForPlan(null)).toBeNull();
  });

  it('says so when the policy reads plans and none was found', () => {
    expect(planSection({ judged: [], evidence: NO_PLAN_EVIDENCE })).toContain(
      'No plan was found for this head; the HCL diff alone was judged.',
    );
  });

  it('names come from the artifact: shown as code, never as Markdown or HTML', () => {
    const section = planSection({
      judged: [{ source: 'four-eyes-plan/`a`](https://evil.example).json', digest: 'sha256:ab' }],
      evidence: {
        ...NO_PLAN_EVIDENCE,
        unreadable: [{ source: 'x.json', line: null, message: 'x.json <img src=x> is not JSON\n# heading' }],
      },
    });
    expect(section).toContain('- `four-eyes-plan/ a ](https://evil.example).json` `sha256:ab`');
    expect(section).toContain('- `x.json`: x.json  img src=x  is not JSON # heading');
  });

  it('lists at most 20 entries of a kind', () => {
    const ignored = Array.from({ length: 25 }, (_, i) => ({ source: `f${i}.txt`, reason: 'not a .json file' }));
    const section = planSection({ judged: [], evidence: { ...NO_PLAN_EVIDENCE, ignored } });
    expect(section.match(/^- `f\d+\.txt`/gm)).toHaveLength(20);
    expect(section).toContain('- … and 5 more');
  });

  it('waiting: the title says for what, within GitHub’s 255 characters', () => {
    const waiting = waitingForPlan({
      judged: [],
      evidence: { ...NO_PLAN_EVIDENCE, missing: { state: 'waiting', reason: 'x'.repeat(400) } },
    });
    expect(waiting!.title).toHaveLength(255);
    expect(waiting!.title.startsWith('Waiting for the plan: xxx')).toBe(true);
    expect(
      waitingForPlan({ judged: [], evidence: { ...NO_PLAN_EVIDENCE, missing: { state: 'failed', reason: 'r' } } }),
    ).toBeNull();
  });
});
