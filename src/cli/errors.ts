/** A problem with how the command was called or with its inputs: printed as one line, exit 2. */
export class UsageError extends Error {}
