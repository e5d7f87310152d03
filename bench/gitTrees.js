// Reads whole commits of a Git repository into memory as Four Eyes source trees
// ({ files: [{ path, content, blobSha }] }), for the benchmarks that run the classifier over
// real history (bench/noise.js, bench/classifyCorpus.js). Works on bare and normal clones.
//
// Every file is read, Terraform or not: the classifier judges CODEOWNERS and workflows by path
// and may read `.tfvars` or files loaded by `file()`. Only what cannot be source text is left
// out: blobs over 1 MB, binary blobs (a NUL byte, as Git decides), symbolic links (their blob
// is a target path, not content), submodules (no blob at all), and blobs a partial clone
// does not hold.

import { spawnSync } from 'node:child_process';

/** MB here is 10^6 bytes, as in bench/run.js. */
export const MAX_FILE_BYTES = 1e6;
/** Git looks at this many leading bytes to decide that a blob is binary. */
const BINARY_PROBE_BYTES = 8000;
const SYMLINK_MODE = '120000';

export function git(gitDir, args, input) {
  const result = spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 2 ** 31 - 1 });
  if (result.error) throw new Error(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) {
    const message = result.stderr.toString('utf8').trim().split('\n')[0] ?? '';
    throw new Error(`git ${args[0]} failed in ${gitDir}: ${message}`);
  }
  return result.stdout;
}

export function gitText(gitDir, args, input) {
  return git(gitDir, args, input).toString('utf8');
}

/**
 * A reader of one repository's trees. Blob contents are cached by SHA, so consecutive commits
 * (which share almost every file) cost one `git cat-file --batch` for the few new blobs.
 */
export function treeReader(gitDir) {
  /** sha → content; null for a binary blob, undefined for one the clone does not hold */
  const blobs = new Map();
  /** paths left out of some tree, by reason (reported, so a reader knows what was not seen) */
  const skipped = { large: new Set(), binary: new Set(), links: new Set(), absent: new Set() };

  function readBlobs(shas) {
    const missing = [...new Set(shas)].filter((sha) => !blobs.has(sha));
    if (missing.length === 0) return;
    const out = git(gitDir, ['cat-file', '--batch'], missing.join('\n') + '\n');
    let offset = 0;
    for (const sha of missing) {
      const headerEnd = out.indexOf(10, offset);
      const [name, type, sizeText] = out.subarray(offset, headerEnd).toString('latin1').split(' ');
      if (name !== sha) throw new Error(`git cat-file answered ${name} for ${sha}`);
      // A partial clone may list a blob it does not hold: "<sha> missing", no content.
      if (type === 'missing') {
        blobs.set(sha, undefined);
        offset = headerEnd + 1;
        continue;
      }
      const size = Number(sizeText);
      const bytes = out.subarray(headerEnd + 1, headerEnd + 1 + size);
      const binary = bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
      blobs.set(sha, binary ? null : bytes.toString('utf8'));
      offset = headerEnd + 1 + size + 1;
    }
  }

  /** The files of `commit` (null: the empty tree, for a root commit's parent). */
  function read(commit) {
    if (commit === null) return { files: [] };
    const listing = gitText(gitDir, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit]);
    const entries = [];
    for (const entry of listing.split('\0')) {
      if (!entry) continue;
      const tab = entry.indexOf('\t');
      const [mode, type, sha, size] = entry.slice(0, tab).split(/ +/);
      const path = entry.slice(tab + 1);
      if (type !== 'blob') continue;
      if (mode === SYMLINK_MODE) {
        skipped.links.add(path);
        continue;
      }
      if (Number(size) > MAX_FILE_BYTES) {
        skipped.large.add(path);
        continue;
      }
      entries.push({ path, sha });
    }
    readBlobs(entries.map((e) => e.sha));
    const files = [];
    for (const { path, sha } of entries) {
      const content = blobs.get(sha);
      if (content === null) {
        skipped.binary.add(path);
        continue;
      }
      if (content === undefined) {
        skipped.absent.add(path);
        continue;
      }
      files.push({ path, content, blobSha: sha });
    }
    return { files };
  }

  return { read, skipped };
}

/** `HEAD` (or `rev`) as a full commit SHA. */
export function resolveCommit(gitDir, rev = 'HEAD') {
  return gitText(gitDir, ['rev-parse', '--verify', `${rev}^{commit}`]).trim();
}
