/**
 * Written into the run's scratch directory by test/globalSetup.ts once the tests' PostgreSQL
 * accepts connections (test/support/auditDatabase.ts waits for it)...
 */
export const POSTGRES_READY = 'postgres-ready';
/** ... or instead, with why, when it did not start. */
export const POSTGRES_FAILED = 'postgres-failed';
