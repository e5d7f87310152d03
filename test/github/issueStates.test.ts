import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import pino from 'pino';
import { Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { issueStateReader } from '../../src/github/issueStates.js';

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

function app(): Probot {
  return new Probot({ appId: 123, privateKey, secret: 'test-secret', log: pino({ level: 'silent' }) });
}

describe("a follow-up issue's state, for the console", () => {
  it.each([
    ['closed', 'closed'],
    ['open', 'open'],
  ] as const)('reads an issue that is %s as the installation that opened it', async (state, expected) => {
    nock.disableNetConnect();
    const github = nock('https://api.github.com')
      .post('/app/installations/31/access_tokens')
      .reply(201, { token: 'installation-token', expires_at: '2099-01-01T00:00:00Z' })
      .get('/repos/acme/network/issues/41')
      .matchHeader('authorization', 'token installation-token')
      .reply(200, { number: 41, state });
    const read = issueStateReader(app());
    expect(await read({ repository: 'acme/network', number: 41, installationId: 31 })).toBe(expected);
    expect(github.isDone()).toBe(true);
  });

  it('says it does not know when GitHub does not answer', async () => {
    nock.disableNetConnect();
    nock('https://api.github.com')
      .post('/app/installations/31/access_tokens')
      .reply(201, { token: 'installation-token', expires_at: '2099-01-01T00:00:00Z' })
      .get('/repos/acme/network/issues/41')
      .reply(404, { message: 'Not Found' });
    expect(await issueStateReader(app())({ repository: 'acme/network', number: 41, installationId: 31 })).toBeNull();
  });
});
