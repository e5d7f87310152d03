import type { ServerResponse } from 'node:http';

/**
 * The few pages the sign-in answers itself (a failed sign-in, a refused request): plain HTML that
 * says what happened and what to do, with nothing a user sent or GitHub answered left unescaped.
 */
export function answerPage(
  response: ServerResponse,
  status: number,
  title: string,
  message: string,
  headers: Record<string, string | string[]> = {},
): void {
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Four Eyes</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/four-eyes/sign-in">Sign in with GitHub</a> · <a href="/four-eyes/">The auditors' console</a></p>
</main>
</body>
</html>
`;
  response.writeHead(status, {
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'",
  });
  response.end(body);
}

/** A redirect; the browser keeps no copy (the sign-in's answers carry cookies). */
export function redirect(response: ServerResponse, status: 302 | 303, location: string, cookies: string[]): void {
  response.writeHead(status, { location, 'set-cookie': cookies, 'cache-control': 'no-store' });
  response.end();
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );
}
