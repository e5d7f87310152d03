import type { Context } from 'probot';
import { judgePayload } from './payloadShape.js';

/**
 * A signed delivery whose payload lacks what its handler reads. @octokit/webhooks answers a
 * handler's error with the error's `status` and `name: message`, so the sender gets
 * `400 {"error":"Malformed webhook: pull_request.head.sha is missing"}`. The signature was
 * verified before any handler ran: an unsigned caller never learns anything about shapes.
 */
class MalformedWebhookError extends Error {
  override readonly name = 'Malformed webhook';
  readonly status = 400;
}

/**
 * Called first by every handler, before anything is claimed, recorded or asked of GitHub.
 * True: act on it. False: a delivery without an installation, logged and answered 200 (GitHub
 * sends one with every webhook of an app, so it comes from elsewhere — a repository or
 * organization webhook pointed at this URL with the same secret — and there is nobody to act
 * as). Throws MalformedWebhookError when a field is missing or of the wrong type.
 */
export function admitted(context: Context): boolean {
  const verdict = judgePayload(context.name, context.payload);
  if (verdict.kind === 'malformed') throw new MalformedWebhookError(verdict.reason);
  if (verdict.kind === 'without-installation') {
    context.log.warn(
      { delivery: context.id, event: context.name },
      `four-eyes: ${context.name} delivery without an installation ignored (is a repository or organization webhook pointed at the app?)`,
    );
    return false;
  }
  return true;
}
