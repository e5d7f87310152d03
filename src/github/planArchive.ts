import { isUtf8 } from 'node:buffer';
import { type UnzipFileInfo, unzipSync } from 'fflate';
import type { Plan, PlanError } from '../plan/planModel.js';
import { readPlanBytes } from '../plan/readPlan.js';

/**
 * What one plan artifact may hold: a workflow (or a pull request's Terraform running in it) could
 * upload anything, and the archive is read in the app's memory. Past a bound nothing of it is
 * read, and the plan is unreadable: the check fails closed and says which bound.
 */
export const ARCHIVE_LIMITS = {
  /** the zip as downloaded */
  zipBytes: 100_000_000,
  /** the entries' sizes unzipped, as the archive declares them (fflate never inflates an entry past its declared size) */
  unzippedBytes: 200_000_000,
  entries: 100,
};

/** An artifact's entries read as plans. */
export interface ArchiveContents {
  plans: Plan[];
  unreadable: PlanError[];
  /** entries that are not plans (not `*.json`), each with why it was not read */
  ignored: { source: string; reason: string }[];
}

/**
 * Reads every `*.json` entry of the artifact's zip as a plan, after checking the archive's
 * bounds from its central directory (nothing is inflated before that). `label` names the
 * artifact in messages; each plan's source is `<artifact>/<entry>`.
 */
export function readPlanArchive(
  zip: Uint8Array,
  label: string,
  artifactName: string,
  limits = ARCHIVE_LIMITS,
): ArchiveContents {
  const whole = (message: string): ArchiveContents => ({
    plans: [],
    unreadable: [{ source: label, line: null, message }],
    ignored: [],
  });
  let entries: UnzipFileInfo[] = [];
  try {
    unzipSync(zip, {
      filter: (file) => {
        entries.push(file);
        return false;
      },
    });
  } catch (error) {
    return whole(`${label} is not a zip archive Four Eyes can read: ${(error as Error).message}`);
  }
  entries = entries.filter((entry) => !entry.name.endsWith('/'));
  const declared = entries.reduce((sum, entry) => sum + entry.originalSize, 0);
  if (entries.length > limits.entries)
    return whole(
      `${label} holds ${entries.length} files; Four Eyes reads at most ${limits.entries} (one plan per root)`,
    );
  if (declared > limits.unzippedBytes)
    return whole(
      `${label} holds ${megabytes(declared)} unzipped; Four Eyes reads at most ${megabytes(limits.unzippedBytes)}`,
    );
  return readEntries(zip, entries, artifactName);
}

function readEntries(zip: Uint8Array, entries: UnzipFileInfo[], artifactName: string): ArchiveContents {
  const contents: ArchiveContents = { plans: [], unreadable: [], ignored: [] };
  const wanted = new Set(entries.filter((entry) => entry.name.endsWith('.json')).map((entry) => entry.name));
  for (const entry of entries)
    if (!wanted.has(entry.name))
      contents.ignored.push({
        source: `${artifactName}/${entry.name}`,
        reason: 'not a .json file: Four Eyes reads only the *.json files of the artifact as plans',
      });
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (file) => wanted.has(file.name) });
  } catch (error) {
    return {
      ...contents,
      unreadable: [
        {
          source: artifactName,
          line: null,
          message: `${artifactName} cannot be unzipped: ${(error as Error).message}`,
        },
      ],
    };
  }
  for (const name of [...wanted].sort()) {
    const source = `${artifactName}/${name}`;
    const bytes = files[name]!;
    // Checked first, so that the bytes read are the text (nothing replaced); readPlanBytes then
    // parses only what a plan needs, never the entry's whole text.
    if (!isUtf8(bytes)) {
      contents.unreadable.push({ source, line: null, message: `${source} is not UTF-8 text` });
      continue;
    }
    // Each entry's bytes are garbage once read: a 50 MB plan and its parse need not coexist with the next.
    delete files[name];
    const read = readPlanBytes(bytes, source);
    if ('plan' in read) contents.plans.push(read.plan);
    else contents.unreadable.push(read.error);
  }
  return contents;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
