import { schema as githubSchema } from '@octokit/graphql-schema';
import { buildClientSchema, type IntrospectionQuery, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  blobsQuery,
  FILE_AT_TWO_COMMITS_QUERY,
  PULL_REQUESTS_FOR_COMMIT_QUERY,
  PULL_REQUESTS_SEARCH_QUERY,
  pullRequestQuery,
  teamMembersQuery,
  teamsQuery,
  treeModesQuery,
} from '../../src/github/queries.js';

const schema = buildClientSchema(githubSchema.json as unknown as IntrospectionQuery);

function errorsOf(document: string): string[] {
  return validate(schema, parse(document)).map((e) => e.message);
}

describe("every GraphQL document the app sends is valid against GitHub's published schema", () => {
  it.each([
    ['pull request facts, no blobs', pullRequestQuery(0)],
    ['pull request facts with 1 blob', pullRequestQuery(1)],
    ['pull request facts with 100 blobs', pullRequestQuery(100)],
    ['blobs: 1', blobsQuery(1)],
    ['blobs: 100', blobsQuery(100)],
    ['teams: 1 reviewer', teamsQuery(1)],
    ['teams: 30 reviewers', teamsQuery(30)],
    ['team members: 1 team', teamMembersQuery(1)],
    ['team members: 20 teams', teamMembersQuery(20)],
    ['pull requests for a commit', PULL_REQUESTS_FOR_COMMIT_QUERY],
    ['pull requests by search', PULL_REQUESTS_SEARCH_QUERY],
    ['a file at two commits', FILE_AT_TWO_COMMITS_QUERY],
    ['tree modes: 1 directory', treeModesQuery(1)],
    ['tree modes: 100 directories', treeModesQuery(100)],
  ])('%s', (_name, document) => {
    expect(errorsOf(document)).toEqual([]);
  });

  it('the validation catches a misspelt field (the test can fail)', () => {
    expect(errorsOf(pullRequestQuery(0).replace('headRefOid', 'headRefSha'))).not.toEqual([]);
  });
});
