/** What the worker opens: a data directory, or memory (started from a snapshot's tarball, when given). */
export interface PgliteThreadData {
  dataDir: string | null;
  snapshot: ArrayBuffer | null;
}

/** The messages between the app's thread and PGlite's (pgliteThread.ts, pgliteThreadWorker.ts). */
export type PgliteOperation =
  | { op: 'query'; text: string; params: unknown[]; transaction?: number }
  /** opens a transaction, named by this request's id */
  | { op: 'begin' }
  | { op: 'end'; transaction: number; commit: boolean }
  | { op: 'close' };

export interface PgliteRequest {
  id: number;
  operation: PgliteOperation;
}

/** The answer to request `id` (0: PGlite is ready, or failed to start). */
export type PgliteReply = { id: number; rows: unknown[] } | { id: number; error: string; code?: string };
