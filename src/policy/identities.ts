import type { Policy } from '../model/policy.js';
import type { GitIdentity } from './facts.js';

/**
 * People, not accounts: the policy's `identities` tie several GitHub logins (and commit e-mail
 * addresses) to one person, so excluding one of their accounts excludes them all.
 * Logins compare case-insensitively, as GitHub's do.
 */
export class IdentityIndex {
  private readonly personOfLogin = new Map<string, string>();
  private readonly loginOfEmail = new Map<string, string>();
  private readonly loginsOfPerson = new Map<string, string[]>();

  constructor(policy: Pick<Policy, 'identities'>) {
    for (const identity of policy.identities) {
      const main = identity.logins[0]!.toLowerCase();
      this.loginsOfPerson.set(main, identity.logins);
      for (const login of identity.logins) this.personOfLogin.set(login.toLowerCase(), main);
      for (const email of identity.emails) this.loginOfEmail.set(email.toLowerCase(), identity.logins[0]!);
    }
  }

  /** The key of the person behind a login: their main login, lower-cased. */
  person(login: string): string {
    const key = login.toLowerCase();
    return this.personOfLogin.get(key) ?? key;
  }

  samePerson(a: string, b: string): boolean {
    return this.person(a) === this.person(b);
  }

  /** The login a Git identity belongs to: GitHub's attribution, else the policy's e-mail mapping. */
  loginOf(identity: GitIdentity): string | null {
    if (identity.login) return identity.login;
    if (identity.email) return this.loginOfEmail.get(identity.email.toLowerCase()) ?? null;
    return null;
  }

  /** Every login of the person behind `login` (just `login` when the policy lists no aliases). */
  accountsOf(login: string): string[] {
    return this.loginsOfPerson.get(this.person(login)) ?? [login];
  }
}

/** GitHub Apps act as `name[bot]`; the facts also flag bots GitHub marks as such. */
export function isBotLogin(login: string): boolean {
  return login.toLowerCase().endsWith('[bot]');
}

export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
