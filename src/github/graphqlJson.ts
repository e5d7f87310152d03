import type { ProbotOctokit } from 'probot';

type OctokitPlugin = Parameters<typeof ProbotOctokit.plugin>[number];

/**
 * Reads GraphQL answers with the plain `JSON.parse`. Octokit parses every JSON answer with
 * json-with-bigint, which first rewrites the whole text with a regular expression: about four
 * times `JSON.parse`, on the event loop, for answers of a megabyte and more (a hundred blobs'
 * texts). GraphQL answers hold no integer beyond 2^53 (GitHub's `Int` is 32 bits, its
 * `BigInt` a string), so the plain parse gives the same values. Answers that are not JSON, and
 * errors (Octokit reads those itself), are left to Octokit as they were.
 *
 * Applied before the rate-limit plugin, so that what it reads of an answer is already parsed.
 */
export function graphqlJsonPlugin(): OctokitPlugin {
  return (octokit) => {
    octokit.hook.wrap('request', async (send, options) => {
      if (!isGraphql(octokit.request.endpoint.parse(options).url)) return send(options);
      const sent = options as { request?: { parseSuccessResponseBody?: boolean } };
      // A caller asking for the body unread gets it so (a retry sends the options this hook changed again).
      if (sent.request?.parseSuccessResponseBody === false && !readHere.has(options)) return send(options);
      // Set on the options themselves: the hooks inside this one are bound to this object, not to what `send` is given.
      sent.request = { ...sent.request, parseSuccessResponseBody: false };
      readHere.add(options);
      const response = await send(options);
      return { ...response, data: await parsedBody(response.data, response.headers['content-type']) };
    });
  };
}

/** The requests whose bodies this plugin reads (and told Octokit not to). */
const readHere = new WeakSet<object>();

function isGraphql(url: string): boolean {
  return new URL(url).pathname.endsWith('/graphql');
}

/** What Octokit would make of the body: JSON parsed (its text if it does not parse), other types as text. */
async function parsedBody(body: unknown, contentType: string | undefined): Promise<unknown> {
  if (body === null || body === undefined) return '';
  const text = await new Response(body as ReadableStream).text();
  if (!contentType || !/^application\/(scim\+)?json\s*(;|$)/i.test(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
