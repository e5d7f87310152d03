import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Who is looking at the auditors' console, once signed in and allowed: what the pages need to
 * filter records and to build forms. Built by the sign-in (`src/console/signIn/`), read by the pages.
 */
export interface ConsoleViewer {
  /** the GitHub login, as GitHub spells it */
  readonly login: string;
  /** the repositories ("owner/name", lower-case) whose records this viewer may see: those they can read */
  readonly repositories: ReadonlySet<string>;
  /** put in every form that POSTs (sign-out, verify the chain); checked with `ConsoleSignIn.acceptsCsrf` */
  readonly csrfToken: string;
}

/** The outcome of reading a request's session: a viewer, nobody signed in (401), or signed in but not allowed (403). */
export type ViewerOutcome =
  | { kind: 'viewer'; viewer: ConsoleViewer }
  | { kind: 'anonymous' }
  | { kind: 'forbidden'; login: string; reason: string };

/** The console's sign-in, as the pages use it. */
export interface ConsoleSignIn {
  /**
   * Answers the sign-in's own routes (`/four-eyes/sign-in`, `/four-eyes/oauth/callback`,
   * `POST /four-eyes/sign-out`): true when it answered, false when the path is not one of them.
   */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** who sent this request, from its session cookie (a forged, tampered or expired cookie is anonymous) */
  viewerOf(request: IncomingMessage): Promise<ViewerOutcome>;
  /** whether a POSTed form's CSRF token belongs to this viewer's session */
  acceptsCsrf(viewer: ConsoleViewer, token: string | undefined): boolean;
}
