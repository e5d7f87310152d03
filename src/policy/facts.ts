/**
 * PR facts: everything the separation-of-duties decision needs to know about one pull request
 * at one head commit, in our own terms (not GitHub's API shapes). The app gathers them from
 * webhooks and the API, the CLI from a JSON file or a local Git repository, tests build them by
 * hand. Published as config-schema/pr-facts.schema.json; the types are generated from it.
 */

import type { ReviewerFacts, ReviewFacts } from '../contracts/prFacts.generated.js';

export type {
  BreakGlassRequest,
  CommitFacts,
  GitIdentity,
  PrFacts,
  PushFacts,
  ReviewerFacts,
  ReviewFacts,
} from '../contracts/prFacts.generated.js';

export type ReviewState = ReviewFacts['state'];

export type Permission = ReviewerFacts['permission'];

/** GitHub's hard limits: beyond them the lists are silently cut, so Four Eyes fails closed. */
export const GITHUB_MAX_FILES = 3000;
export const GITHUB_MAX_COMMITS = 250;
