import type { StoredRecord } from './chain.js';
import type { ExceptionInForce } from './records.js';

/** The kinds of record the auditors' console lists: what was decided or done, not the facts read on the way. */
export const LISTED_KINDS = [
  'decision',
  'exception',
  'break-glass',
  'execution',
  'merge-group',
  'blocked-attempt',
] as const;
export type ListedKind = (typeof LISTED_KINDS)[number];

/**
 * Which records a reader asks for. `visible` is not a filter the reader chooses: it is the
 * repositories they may read ("owner/name", lower-case), and no record outside it is ever returned.
 */
export interface RecordQuery {
  visible: ReadonlySet<string>;
  repository?: string;
  pullRequest?: number;
  /** a full SHA, or a prefix of at least 7 hex digits */
  headSha?: string;
  tier?: string;
  conclusion?: string;
  kind?: ListedKind;
  /** a GitHub login, in any case */
  actor?: string;
  /** ISO-8601, inclusive */
  since?: string;
  /** ISO-8601, exclusive */
  until?: string;
}

/** Where a page starts: the newest, the oldest, or next to a record of the page seen before. */
export type PageAt = { at: 'first' } | { at: 'last' } | { at: 'older'; than: number } | { at: 'newer'; than: number };

/** A page of records, newest first, and whether there is more on either side. */
export interface RecordPage {
  records: StoredRecord[];
  hasNewer: boolean;
  hasOlder: boolean;
}

/** An exception as its latest recorded use described it, with how often it was used. */
export interface ExceptionInUse {
  repository: string;
  /** the latest use's record */
  latest: StoredRecord;
  uses: number;
}

/** The exceptions of the policy a repository's latest decision (made by the app) was judged under. */
export interface PolicyExceptions {
  repository: string;
  decisionSeq: number;
  /** null: that decision was recorded before decisions carried their policy's exceptions */
  exceptions: ExceptionInForce[] | null;
}

/** A break-glass follow-up review issue, once posted: its address on GitHub. */
export interface FollowUpIssue {
  repository: string;
  decisionSeq: number;
  /** the issue's address; null while the post is pending */
  url: string | null;
  /** the GitHub App installation that posted it (null: not recorded), which can read its state */
  installationId: number | null;
}

/** What the auditors' console reads from the audit store; it never writes. */
export interface ConsoleStore {
  page(query: RecordQuery, at: PageAt, size: number): Promise<RecordPage>;
  /** every record that matches, newest first, read a page at a time */
  matching(query: RecordQuery, pageSize?: number): AsyncGenerator<StoredRecord>;
  count(query: RecordQuery): Promise<number>;
  /** one record, if its repository is visible */
  record(seq: number, visible: ReadonlySet<string>): Promise<StoredRecord | null>;
  /** the records that name this decision as theirs (its check runs, exception, break-glass, refused approvals) */
  recordsOfDecision(decision: StoredRecord): Promise<StoredRecord[]>;
  exceptionsInUse(visible: ReadonlySet<string>): Promise<ExceptionInUse[]>;
  /** per visible repository with a decision, the exceptions of its latest decision's policy */
  policyExceptions(visible: ReadonlySet<string>): Promise<PolicyExceptions[]>;
  followUpIssues(decisionSeqs: readonly number[]): Promise<FollowUpIssue[]>;
  /** the newest record's place and hash: what `audit verify --expect` anchors */
  head(): Promise<{ seq: number; hash: string } | null>;
}
