import { html, type SafeHtml } from './html.js';
import type { ConsoleViewer } from './viewer.js';

export const CONSOLE_ROOT = '/four-eyes';

const SECTIONS = [
  { path: `${CONSOLE_ROOT}/decisions`, label: 'Decisions' },
  { path: `${CONSOLE_ROOT}/exceptions`, label: 'Exceptions' },
  { path: `${CONSOLE_ROOT}/break-glass`, label: 'Break-glass' },
  { path: `${CONSOLE_ROOT}/integrity`, label: 'Integrity' },
] as const;

export interface PageShell {
  title: string;
  /** the section this page belongs to, marked in the navigation */
  section?: (typeof SECTIONS)[number]['path'];
  viewer?: ConsoleViewer;
  /** seconds after which the page reloads itself (a verification in progress): no JavaScript needed */
  refreshSeconds?: number;
}

/** A whole page: skip link, navigation, who is signed in with a sign-out button, then `body`. */
export function page(shell: PageShell, body: SafeHtml): string {
  const { viewer } = shell;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${shell.refreshSeconds ? html`<meta http-equiv="refresh" content="${shell.refreshSeconds}">` : null}
<title>${shell.title} · Four Eyes</title>
<link rel="stylesheet" href="${CONSOLE_ROOT}/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<strong>Four Eyes</strong>
${
  viewer
    ? html`<nav aria-label="Sections"><ul>${SECTIONS.map(
        (s) =>
          html`<li><a href="${s.path}"${s.path === shell.section ? html` aria-current="page"` : null}>${s.label}</a></li>`,
      )}</ul></nav>
<div class="who"><span>Signed in as <strong>${viewer.login}</strong></span>
<form method="post" action="${CONSOLE_ROOT}/sign-out"><input type="hidden" name="csrf" value="${viewer.csrfToken}"><button type="submit">Sign out</button></form></div>`
    : null
}
</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>
`.text;
}
