/**
 * A pull request whose configuration Four Eyes will not read as it is (GitHub cannot list the
 * tree, reading it would exceed the evaluation's bounds, a file it needs is a symbolic link).
 * Retrying does not help, so the check says what to do instead.
 */
export class CannotReadChange extends Error {
  constructor(
    message: string,
    readonly remedy: string,
    /** the check's title after "Blocked: " */
    readonly title = 'this pull request is too large for Four Eyes to read',
  ) {
    super(message);
    this.name = 'CannotReadChange';
  }
}
