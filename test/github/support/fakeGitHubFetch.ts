import type { FakeGitHub } from './fakeGitHub.js';

const API = 'https://api.github.com';
/** The methods FakeGitHub.install() has nock answer; any other is left to nock, which knows none. */
const METHODS = new Set(['GET', 'POST', 'PATCH']);
/** Answered with a redirect to another origin (blob storage): left to fetch, which follows it (through nock). */
const REDIRECTED = /\/actions\/artifacts\/\d+\/zip$/;
/** Statuses whose response has no body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * The `fetch` of the app's Octokit in the tests: a request to GitHub's API is answered by the fake
 * in place, as nock answers it (FakeGitHub.install()): the same answer, a body that is not a
 * string sent as JSON with its content type. Through nock, each of the 2,600 requests of a run
 * waited on two timers of a millisecond or more with nothing to do, and its intercepted request
 * and streams cost more CPU than the fake's answer. Anything else goes to fetch, which nock
 * intercepts as before.
 */
export function fakeGitHubFetch(github: FakeGitHub): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = init?.body ?? '';
    if (
      url.origin !== API ||
      !METHODS.has(method) ||
      REDIRECTED.test(url.pathname) ||
      input instanceof Request ||
      typeof body !== 'string'
    )
      return fetch(input, init);
    const [status, answer, headers = {}] = await github.answerAfterLatency(
      github.answer(method, `${url.pathname}${url.search}`, body, {}),
    );
    const json = typeof answer !== 'string' && !Buffer.isBuffer(answer);
    const response = new Response(NO_BODY.has(status) ? null : json ? JSON.stringify(answer) : (answer as string), {
      status,
      headers: json ? { 'content-type': 'application/json', ...headers } : headers,
    });
    Object.defineProperty(response, 'url', { value: url.href });
    return response;
  };
}
