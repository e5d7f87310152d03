import { randomBytes } from 'node:crypto';
import { LruCache } from '../../util/lruCache.js';
import type { Access } from './access.js';

/** A signed-in browser's session, kept here: its cookie carries only the id. */
export interface Session {
  readonly id: string;
  readonly access: Access;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

/**
 * Sessions in this process's memory, the least recently used forgotten beyond the bound, which
 * counts each session's repositories (a viewer of thousands holds more than one of three). A restart
 * forgets them all (their cookies then read as nobody signed in), and so does another replica: the
 * console's users sign in again.
 */
export class SessionTable {
  readonly #sessions: LruCache<string, Session>;

  constructor(capacity: number) {
    this.#sessions = new LruCache(capacity, (session) => 1 + sessionRepositories(session));
  }

  open(access: Access, expiresAt: number): Session {
    const session = { id: randomToken(), access, csrfToken: randomToken(), expiresAt };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** the live session with this id, or undefined (an expired one is forgotten on the way) */
  find(id: string, now: number): Session | undefined {
    const session = this.#sessions.get(id);
    if (session !== undefined && session.expiresAt <= now) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  close(id: string): void {
    this.#sessions.delete(id);
  }

  get size(): number {
    return this.#sessions.size;
  }
}

function sessionRepositories(session: Session): number {
  return session.access.kind === 'viewer' ? session.access.repositories.size : 0;
}

/** 256 random bits, base64url */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
