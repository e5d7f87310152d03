/**
 * Every GraphQL document the app sends. Each is validated against GitHub's published schema in
 * test/github/queries.test.ts, so a field GitHub renames fails a test, not a production check.
 */

/** Connections of the pull request that are paginated; the first page of each comes in one request. */
export const PAGED_CONNECTIONS = ['commits', 'reviews', 'timeline', 'labels'] as const;
export type PagedConnection = (typeof PAGED_CONNECTIONS)[number];

const BLOB_FIELDS = '... on Blob { oid text isTruncated isBinary byteSize }';

const PULL_REQUEST_FIELDS = `
      number
      state
      changedFiles
      baseRefName
      baseRefOid
      headRefName
      headRefOid
      author { __typename login }
      commits(first: 100, after: $commitsAfter) @include(if: $commits) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          commit {
            oid
            parents(first: 5) { nodes { oid } }
            authors(first: 20) { nodes { email name user { login } } }
            committer { email name user { login } }
          }
        }
      }
      reviews(first: 100, after: $reviewsAfter) @include(if: $reviews) {
        pageInfo { hasNextPage endCursor }
        nodes {
          databaseId
          state
          submittedAt
          authorCanPushToRepository
          commit { oid }
          author { __typename login }
        }
      }
      timelineItems(first: 100, after: $timelineAfter, itemTypes: [HEAD_REF_FORCE_PUSHED_EVENT]) @include(if: $timeline) {
        pageInfo { hasNextPage endCursor }
        nodes {
          ... on HeadRefForcePushedEvent { createdAt actor { __typename login } afterCommit { oid } }
        }
      }
      labels(first: 100, after: $labelsAfter) @include(if: $labels) {
        pageInfo { hasNextPage endCursor }
        nodes { name }
      }`;

/**
 * The pull request's facts (author, commits with co-authors and committers, reviews with the
 * commit each was given on, force pushes, labels), one page of each connection, optionally with
 * `blobCount` file contents looked up by `object(oid:)` in the same request.
 */
export function pullRequestQuery(blobCount: number): string {
  const blobVariables = blobVariableList(blobCount);
  return `query FourEyesPullRequest($owner: String!, $name: String!, $number: Int!,
  $commits: Boolean!, $commitsAfter: String, $reviews: Boolean!, $reviewsAfter: String,
  $timeline: Boolean!, $timelineAfter: String, $labels: Boolean!, $labelsAfter: String${blobVariables}) {
  repository(owner: $owner, name: $name) {
    owner { __typename }
    pullRequest(number: $number) {${PULL_REQUEST_FIELDS}
    }${blobSelections(blobCount)}
  }
}`;
}

/** File contents only: `object(oid:)` lookups of blobs, `blobCount` per request. */
export function blobsQuery(blobCount: number): string {
  const blobVariables = blobVariableList(blobCount);
  return `query FourEyesBlobs($owner: String!, $name: String!${blobVariables}) {
  repository(owner: $owner, name: $name) {${blobSelections(blobCount)}
  }
}`;
}

/**
 * The entries of `dirCount` trees, each named by `<commit>:<directory>` (`<commit>:` for the
 * top): their names and Git modes, which GitHub's file list of a pull request does not give.
 */
export function treeModesQuery(dirCount: number): string {
  const variables = range(dirCount)
    .map((i) => `, $d${i}: String!`)
    .join('');
  const selections = range(dirCount)
    .map(
      (i) => `
    d${i}: object(expression: $d${i}) { ... on Tree { entries { name mode } } }`,
    )
    .join('');
  return `query FourEyesTreeModes($owner: String!, $name: String!${variables}) {
  repository(owner: $owner, name: $name) {${selections}
  }
}`;
}

/** Team memberships of the reviewers whose approvals a team requirement needs, one alias each. */
export function teamsQuery(loginCount: number): string {
  const variables = range(loginCount)
    .map((i) => `, $u${i}: String!`)
    .join('');
  const selections = range(loginCount)
    .map(
      (i) => `
      t${i}: teams(first: 100, userLogins: [$u${i}]) { totalCount nodes { slug } }`,
    )
    .join('');
  return `query FourEyesTeams($org: String!${variables}) {
  organization(login: $org) {${selections}
  }
}`;
}

/** The members of teams of one organization, by slug: who could approve for a team that owns findings. */
export function teamMembersQuery(teamCount: number): string {
  const variables = range(teamCount)
    .map((i) => `, $s${i}: String!`)
    .join('');
  const selections = range(teamCount)
    .map(
      (i) => `
      m${i}: team(slug: $s${i}) { members(first: 100) { totalCount nodes { login } } }`,
    )
    .join('');
  return `query FourEyesTeamMembers($org: String!${variables}) {
  organization(login: $org) {${selections}
  }
}`;
}

/** The open pull requests of a repository whose head is a given commit (check suites of fork PRs name none). */
export const PULL_REQUESTS_FOR_COMMIT_QUERY = `query FourEyesPullRequestsForCommit($owner: String!, $name: String!, $sha: GitObjectID!) {
  repository(owner: $owner, name: $name) {
    object(oid: $sha) {
      ... on Commit {
        associatedPullRequests(first: 20) { nodes { number state headRefOid } }
      }
    }
  }
}`;

function blobVariableList(count: number): string {
  return range(count)
    .map((i) => `, $o${i}: GitObjectID!`)
    .join('');
}

function blobSelections(count: number): string {
  return range(count)
    .map(
      (i) => `
    b${i}: object(oid: $o${i}) { ${BLOB_FIELDS} }`,
    )
    .join('');
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

/** Fallback when a commit lists no pull request: search the repository's open pull requests for the SHA. */
export const PULL_REQUESTS_SEARCH_QUERY = `query FourEyesPullRequestsSearch($search: String!) {
  search(query: $search, type: ISSUE, first: 20) {
    nodes { ... on PullRequest { number state headRefOid } }
  }
}`;

/** One file's blob at two commits (`<sha>:<path>`): whether a workflow is the same at a PR's base and head. */
export const FILE_AT_TWO_COMMITS_QUERY = `query FourEyesFileAtTwoCommits($owner: String!, $name: String!, $base: String!, $head: String!) {
  repository(owner: $owner, name: $name) {
    base: object(expression: $base) { ... on Blob { oid } }
    head: object(expression: $head) { ... on Blob { oid } }
  }
}`;
