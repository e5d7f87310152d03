/**
 * A pull request whose configuration Four Eyes will not read (GitHub cannot list the tree, or
 * reading it would exceed the evaluation's bounds). Retrying does not help, so the check says
 * what to do instead.
 */
export class TooLargeToRead extends Error {
  constructor(
    message: string,
    readonly remedy: string,
  ) {
    super(message);
    this.name = 'TooLargeToRead';
  }
}
