import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyDocumentValidator, prFactsValidator } from '../../src/contracts/validators.js';

describe('src/contracts/validators.ts', () => {
  it('compiles each schema once', () => {
    expect(policyDocumentValidator()).toBe(policyDocumentValidator());
    expect(prFactsValidator()).toBe(prFactsValidator());
  });

  it('checks the formats of the policy: e-mail, URL and date', () => {
    const validate = policyDocumentValidator();
    expect(validate({ identities: [{ logins: ['alice'], emails: ['alice@example.com'] }] })).toBe(true);
    expect(validate({ identities: [{ logins: ['alice'], emails: ['not-an-address'] }] })).toBe(false);
    const exception = {
      id: 'EXC-1',
      description: 'd',
      owner: 'alice',
      justification: 'a documented low-risk flow',
      created: '2026-13-01',
      expires: '2026-12-01',
      scope: { rules: ['x'] },
      max_tier: 'low',
      allowed: { users: ['alice'] },
      link: 'not a url',
    };
    expect(validate({ exceptions: [exception] })).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`).sort()).toEqual([
      '/exceptions/0/created format',
      '/exceptions/0/link format',
    ]);
  });

  it("checks the format of the PR facts' times", () => {
    const facts = JSON.parse(
      readFileSync(new URL('../../examples/iam-change/facts.json', import.meta.url), 'utf8'),
    ) as { reviews: { submittedAt: string }[] };
    const validate = prFactsValidator();
    expect(validate(facts)).toBe(true);
    facts.reviews[0]!.submittedAt = 'yesterday';
    expect(validate(facts)).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual(['/reviews/0/submittedAt format']);
  });
});
