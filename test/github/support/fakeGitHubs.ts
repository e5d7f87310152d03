import { FakeGitHub } from './fakeGitHub.js';
import type { Scenario } from './scenario.js';

/**
 * Several fake GitHubs behind one address, as one GitHub holds many repositories: a request goes
 * to the fake of the repository it names (in its path, or as a GraphQL query's owner and name);
 * the rest (installation tokens, the organization's `.github` repository) to `others`, a fake of
 * no repository under test. Each fake numbers its check runs from a range of its own, since one
 * store keeps them all.
 */
export class FakeGitHubs {
  readonly repositories: FakeGitHub[];
  readonly others: FakeGitHub;

  constructor(scenarios: Scenario[], others: Scenario) {
    this.repositories = scenarios.map((s, i) => new FakeGitHub(s, 1000 * (i + 1)));
    this.others = new FakeGitHub(others, 1000 * (scenarios.length + 1));
  }

  answer(method: string, uri: string, rawBody: unknown, headers: unknown): ReturnType<FakeGitHub['answer']> {
    return this.#of(uri, rawBody).answer(method, uri, rawBody, headers);
  }

  #of(uri: string, rawBody: unknown): FakeGitHub {
    const path = decodeURIComponent(new URL(uri, 'https://api.github.com').pathname);
    let named = /^\/repos\/([^/]+)\/([^/]+)/.exec(path)?.slice(1);
    if (path === '/graphql' && typeof rawBody === 'string') {
      const { owner, name } =
        (JSON.parse(rawBody) as { variables?: { owner?: string; name?: string } }).variables ?? {};
      named = [owner ?? '', name ?? ''];
    }
    const [owner, name] = named ?? [];
    return this.repositories.find((g) => g.scenario.owner === owner && g.scenario.name === name) ?? this.others;
  }
}
