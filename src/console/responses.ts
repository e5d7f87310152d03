import type { IncomingMessage, ServerResponse } from 'node:http';
import { html } from './html.js';
import { CONSOLE_ROOT, page } from './layout.js';
import type { ConsoleViewer } from './viewer.js';

/** Pages run no script, load nothing from elsewhere and post forms only to the console. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

export function sendHtml(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
  res.end(res.req?.method === 'HEAD' ? undefined : text);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, ...SECURITY_HEADERS });
  res.end();
}

export function sendCss(res: ServerResponse, css: string): void {
  res.writeHead(200, {
    'content-type': 'text/css; charset=utf-8',
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  res.end(res.req?.method === 'HEAD' ? undefined : css);
}

export function signInNeeded(res: ServerResponse): void {
  sendHtml(
    res,
    401,
    page(
      { title: 'Sign in' },
      html`<h1>Sign in to see the audit log</h1><p>The auditors' console shows Four Eyes' decisions to auditors and organization owners.</p><p><a href="${CONSOLE_ROOT}/sign-in">Sign in with GitHub</a></p>`,
    ),
  );
}

export function forbidden(res: ServerResponse, login: string, reason: string): void {
  sendHtml(
    res,
    403,
    page(
      { title: 'Not allowed' },
      html`<h1>Not allowed</h1><p>You are signed in as <strong>${login}</strong>, who may not see the audit log: ${reason}</p><p>Use another account: <a href="${CONSOLE_ROOT}/sign-in">sign in again</a>.</p>`,
    ),
  );
}

export function errorPage(
  res: ServerResponse,
  status: number,
  title: string,
  message: string,
  viewer?: ConsoleViewer,
): void {
  sendHtml(res, status, page({ title, ...(viewer ? { viewer } : {}) }, html`<h1>${title}</h1><p>${message}</p>`));
}

/** A small urlencoded form's fields; a larger body is refused (a console form has one or two fields). */
export async function formFields(req: IncomingMessage, limit = 4096): Promise<URLSearchParams | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
