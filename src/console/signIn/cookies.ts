import type { IncomingMessage } from 'node:http';

/** The console's cookies are sent to its pages only. */
export const CONSOLE_PATH = '/four-eyes';

/** A request's cookie of this name, or undefined (the first one when a browser sends several). */
export function cookieOf(request: IncomingMessage, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie header: the browser keeps the value for maxAgeSeconds, never shows it to scripts, sends it over HTTPS only. */
export function setCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Max-Age=${maxAgeSeconds}; Path=${CONSOLE_PATH}; HttpOnly; Secure; SameSite=Lax`;
}

/** A Set-Cookie header that makes the browser forget the cookie. */
export function clearCookie(name: string): string {
  return setCookie(name, '', 0);
}
