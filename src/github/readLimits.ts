import { CannotReadChange } from './cannotReadChange.js';

/**
 * What one evaluation reads at most. Every Terraform file of the repository is read (once per
 * blob, then cached) to find which modules call which, and the affected ones are parsed: these
 * bounds keep one pull request from exhausting the app's memory (a parsed file takes about
 * twenty times its source). Other changed files are read for their values up to a size; larger
 * ones are compared by blob.
 */
export const READ_LIMITS = {
  /** configuration and variable files at base and head, counted once per blob */
  terraformFiles: 5_000,
  /** their bytes */
  terraformBytes: 25_000_000,
  /** a changed file that is not Terraform is read when it is text of at most this size */
  changedFileBytes: 1_000_000,
  /** unchanged files the configuration names (`file()`, `fileset`), read after a first build */
  namedFiles: 2_000,
  /** their bytes */
  namedBytes: 25_000_000,
};

/**
 * Fails closed when the configuration names more unchanged files than one evaluation reads
 * (a `fileset(path.module, "**")` over a large directory): what is not read could hide a change.
 */
export function checkNamedReads(sizes: readonly (number | null)[], limits = READ_LIMITS): void {
  const bytes = sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
  if (sizes.length <= limits.namedFiles && bytes <= limits.namedBytes) return;
  throw new CannotReadChange(
    `the configuration reads ${sizes.length.toLocaleString('en-US')} files (${megabytes(bytes)}) that the change did not touch, through file functions, fileset and the scripts CI runs; ` +
      `Four Eyes reads at most ${limits.namedFiles.toLocaleString('en-US')} such files and ${megabytes(limits.namedBytes)} per evaluation`,
    "Narrow the fileset patterns or file reads of the affected modules (or what the CI scripts name), or ask the app's operator about raising the bounds.",
  );
}

/** Fails closed when the Terraform of a pull request's two sides exceeds the bounds. */
export function checkReadLimits(terraformBlobs: Map<string, number>, limits = READ_LIMITS): void {
  let bytes = 0;
  for (const size of terraformBlobs.values()) bytes += size;
  if (terraformBlobs.size <= limits.terraformFiles && bytes <= limits.terraformBytes) return;
  throw new CannotReadChange(
    `the repository holds ${terraformBlobs.size.toLocaleString('en-US')} Terraform files (${megabytes(bytes)}) at base and head; ` +
      `Four Eyes reads at most ${limits.terraformFiles.toLocaleString('en-US')} files and ${megabytes(limits.terraformBytes)} per evaluation`,
    "Keep each repository's Terraform within these bounds (split a monorepo into repositories), or ask the app's operator about raising them.",
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
