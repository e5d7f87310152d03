import { describe, expect, it } from 'vitest';
import { issueStateReader } from '../../src/github/issueStates.js';

/** An installation's client that knows one issue, recording who asked for what. */
function installation(state: string | Error) {
  const asked: unknown[] = [];
  const auth = async (installationId: number) => {
    asked.push({ installationId });
    return {
      rest: {
        issues: {
          get: async (params: { owner: string; repo: string; issue_number: number }) => {
            asked.push(params);
            if (state instanceof Error) throw state;
            return { data: { state } };
          },
        },
      },
    };
  };
  return { auth, asked };
}

describe("a follow-up issue's state, for the console", () => {
  it.each([
    ['closed', 'closed'],
    ['open', 'open'],
  ] as const)('reads an issue that is %s as the installation that opened it', async (state, expected) => {
    const { auth, asked } = installation(state);
    expect(await issueStateReader(auth)({ repository: 'acme/network', number: 41, installationId: 31 })).toBe(expected);
    expect(asked).toEqual([{ installationId: 31 }, { owner: 'acme', repo: 'network', issue_number: 41 }]);
  });

  it('says it does not know when GitHub does not answer', async () => {
    const { auth } = installation(Object.assign(new Error('Not Found'), { status: 404 }));
    expect(await issueStateReader(auth)({ repository: 'acme/network', number: 41, installationId: 31 })).toBeNull();
  });
});
