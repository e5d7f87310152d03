import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { graphqlJsonPlugin } from '../../src/github/graphqlJson.js';
import { fourEyesOctokit } from '../../src/github/octokit.js';

/** 2^53 + 1: json-with-bigint reads it as a BigInt, JSON.parse as the nearest number. */
const BEYOND_SAFE = '9007199254740993';

function client(text: string, contentType = 'application/json; charset=utf-8') {
  const fetch = async () => new Response(text, { status: 200, headers: { 'content-type': contentType } });
  const Octokit = ProbotOctokit.plugin(graphqlJsonPlugin());
  return new Octokit({
    auth: { token: 'ghs_test' },
    request: { fetch },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

describe('GraphQL answers are read with JSON.parse', () => {
  it('gives the data as JSON.parse reads it (no BigInt)', async () => {
    const octokit = client(`{"data":{"viewer":{"login":"four-eyes","n":${BEYOND_SAFE}}}}`);
    expect(await octokit.graphql('query { viewer { login } }')).toEqual({
      viewer: { login: 'four-eyes', n: 9007199254740992 },
    });
  });

  it('leaves REST answers to Octokit', async () => {
    const octokit = client(`{"id":${BEYOND_SAFE}}`);
    const { data } = await octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'infra' });
    expect(typeof (data as { id: unknown }).id).toBe('bigint');
  });

  it('keeps GraphQL errors errors', async () => {
    const octokit = client('{"data":null,"errors":[{"type":"NOT_FOUND","message":"Could not resolve"}]}');
    await expect(octokit.graphql('query { viewer { login } }')).rejects.toMatchObject({
      name: 'GraphqlResponseError',
      errors: [{ type: 'NOT_FOUND', message: 'Could not resolve' }],
    });
  });

  it.each([
    ['text that is not JSON, as its text', 'not json', 'application/json', 'not json'],
    ['an answer of another type, as its text', '<html></html>', 'text/html', '<html></html>'],
    ['an empty answer, as empty text', '', 'application/json', ''],
  ])('gives %s', async (_, text, contentType, data) => {
    const octokit = client(text, contentType);
    expect((await octokit.request('POST /graphql', { query: 'query { x }' })).data).toEqual(data);
  });

  it('gives the body unread to a caller who asks for it so', async () => {
    const octokit = client('{"data":{"x":1}}');
    const { data } = await octokit.request('POST /graphql', {
      query: 'query { x }',
      request: { parseSuccessResponseBody: false },
    });
    expect(data).toBeInstanceOf(ReadableStream);
  });

  it('is part of the app client, before the rate-limit plugin reads answers', async () => {
    const fetch = async () =>
      new Response(`{"data":{"n":${BEYOND_SAFE}}}`, { status: 200, headers: { 'content-type': 'application/json' } });
    const Octokit = fourEyesOctokit();
    const octokit = new Octokit({ auth: { token: 'ghs_test' }, request: { fetch }, retry: { enabled: false } });
    expect(await octokit.graphql('query { n }')).toEqual({ n: 9007199254740992 });
  });
});
