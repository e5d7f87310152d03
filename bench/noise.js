// `npm run bench:noise`: how noisy the classifier is on real history. For each repository, the
// last N commits of the default branch that touch `.tf` files are classified against their
// first parent, as if each were a pull request, with the default policy. The report is the
// tier distribution per repository and the share rated high or critical: a reviewer asked for
// two approvals on most ordinary commits learns to approve without reading.
//
// It is a report, not a test: it exits 0 whatever the figures (non-zero only when it cannot
// run). It needs clones of real repositories, so it is not part of `npm run bench`.
// See docs/benchmarks.md.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { commandLine } from './commandLine.js';
import { gitText, resolveCommit, treeReader } from './gitTrees.js';

const TIERS = ['none', 'low', 'medium', 'high', 'critical'];
const SUBJECT_CHARS = 80;

const USAGE = `usage: node bench/noise.js --repo <git-dir> [--repo ...] [options]   (or: npm run bench:noise -- ...)

  --repo [<label>=]<git-dir>[@<commit>]
                     a clone (bare or not) of a repository; repeatable. The label defaults to the
                     origin's owner/name or the directory's name; @<commit> starts the history
                     there instead of HEAD (to reproduce recorded figures on a newer clone)
  --commits <n>      commits touching .tf files per repository (default 40)
  --json <file>      write the per-commit results
  --compare <file>   a --json file of an earlier run: both distributions side by side, and
                     every commit whose tier moved by two levels or more
  --help             this text`;
const { fail, read } = commandLine('noise', USAGE);

function parseArgs(argv) {
  const options = { repos: [], commits: 40, json: null, compare: null };
  read(argv, (arg, value, count) => {
    if (arg === '--repo') options.repos.push(parseRepo(value()));
    else if (arg === '--commits') options.commits = count();
    else if (arg === '--json') options.json = value();
    else if (arg === '--compare') {
      options.compare = value();
      if (!existsSync(options.compare)) fail(`--compare: no such file ${options.compare}`);
    } else return false;
    return true;
  });
  if (options.repos.length === 0) fail(`at least one --repo is needed\n${USAGE}`);
  return options;
}

function parseRepo(spec) {
  const eq = spec.indexOf('=');
  let label = eq > 0 ? spec.slice(0, eq) : null;
  let path = eq > 0 ? spec.slice(eq + 1) : spec;
  let rev = 'HEAD';
  const at = path.lastIndexOf('@');
  if (at > 0 && !existsSync(path)) {
    rev = path.slice(at + 1);
    path = path.slice(0, at);
  }
  const gitDir = gitDirOf(path);
  label ??= defaultLabel(gitDir, path);
  return { label, gitDir, rev };
}

/** A bare clone is its own git directory; a normal clone keeps it in `.git`. */
function gitDirOf(path) {
  if (existsSync(`${path}/.git`)) return `${path}/.git`;
  if (existsSync(`${path}/objects`) && existsSync(`${path}/HEAD`)) return path;
  fail(`--repo: ${path} is not a Git clone`);
}

function defaultLabel(gitDir, path) {
  try {
    const url = gitText(gitDir, ['config', '--get', 'remote.origin.url']).trim();
    const match = /([^/:]+\/[^/]+?)(\.git)?\/?$/.exec(url);
    if (match) return match[1];
  } catch {
    // no origin: fall back to the directory's name
  }
  const name = basename(path.replace(/\/+$/, ''));
  return (name === '.git' ? basename(dirname(path)) : name).replace(/\.git$/, '');
}

function progress(message) {
  process.stderr.write(`[noise] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Reading the classifier's answer. The classifier is being rewritten; everything is read
// defensively so this bench keeps working when fields are added or renamed.

function tierOf(value) {
  return TIERS.includes(value) ? value : 'none';
}

function rank(tier) {
  return TIERS.indexOf(tier);
}

function ruleIdOf(finding) {
  return String(finding?.ruleId ?? finding?.rule?.id ?? finding?.rule ?? finding?.id ?? 'unknown');
}

/** Rule ids of the findings at the overall tier, with how often each fired, most frequent first. */
function topRules(findings, tier) {
  const counts = new Map();
  for (const finding of findings) {
    if (tierOf(finding?.tier) !== tier) continue;
    const id = ruleIdOf(finding);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([rule, count]) => ({ rule, count }));
}

/**
 * True when every finding at the overall tier points at a file the commit did not change: the
 * rating then comes from the state of the tree (an old unparseable file, a duplicate definition
 * elsewhere), not from what the commit does.
 */
function onlyUntouchedFiles(findings, tier, changeSet) {
  const changed = new Set();
  for (const file of Array.isArray(changeSet?.files) ? changeSet.files : []) {
    if (file?.path) changed.add(file.path);
    if (file?.previousPath) changed.add(file.previousPath);
  }
  const top = findings.filter((finding) => tierOf(finding?.tier) === tier);
  return (
    top.length > 0 &&
    top.every((finding) => typeof finding?.file === 'string' && finding.file !== '' && !changed.has(finding.file))
  );
}

/**
 * How the findings at the overall tier were reached: `written` (the changed code itself), `traced`
 * (a value changed elsewhere, followed to them) or `assumed` (in instances judged to exist because
 * their count/for_each is empty only by a root variable's default; src/change/objectChanges.ts
 * says so in the trace). A commit whose top findings are all `assumed` is rated by what a
 * deployment may set, not by what the tree deploys.
 */
const ASSUMED_INSTANCES = /judged as if it had instances/;

function reachedAs(findings, tier) {
  const ways = new Set();
  for (const finding of findings) {
    if (tierOf(finding?.tier) !== tier) continue;
    const via = Array.isArray(finding?.via) ? finding.via : [];
    ways.add(via.length === 0 ? 'written' : via.some((line) => ASSUMED_INSTANCES.test(line)) ? 'assumed' : 'traced');
  }
  return [...ways].sort();
}

/** The actions (create, update, delete, move) of the findings at the overall tier, sorted. */
function actionsOf(findings, tier) {
  const actions = new Set();
  for (const finding of findings) if (tierOf(finding?.tier) === tier) actions.add(String(finding?.action ?? 'none'));
  return [...actions].sort();
}

// ---------------------------------------------------------------------------------------------

/** The last `n` first-parent commits that touch `.tf` files, newest first, with their first parent. */
function tfCommits(gitDir, rev, n) {
  const out = gitText(gitDir, [
    'log',
    '--first-parent',
    '-z',
    '--format=%H%x1f%P%x1f%s',
    '-n',
    String(n),
    rev,
    '--',
    '*.tf',
  ]);
  return out
    .split('\0')
    .filter(Boolean)
    .map((record) => {
      const [sha, parents, subject] = record.replace(/^\n/, '').split('\x1f');
      return { sha, parent: parents.split(' ')[0] || null, subject };
    });
}

async function loadClassifier() {
  const dist = new URL('../dist/', import.meta.url);
  if (!existsSync(fileURLToPath(new URL('change/changeSet.js', dist))))
    fail('dist/ is missing: run `npm run build` (or `npm run bench:noise`)');
  const { buildChangeSet } = await import(new URL('change/changeSet.js', dist).href);
  const { classifyChangeSet } = await import(new URL('classify/classify.js', dist).href);
  const { defaultPolicy } = await import(new URL('model/policy.js', dist).href);
  return { buildChangeSet, classifyChangeSet, defaultPolicy };
}

function measureRepo(repo, commitsWanted, classifier) {
  const head = resolveCommit(repo.gitDir, repo.rev);
  const commits = tfCommits(repo.gitDir, head, commitsWanted);
  progress(`${repo.label}: ${commits.length} commits touching .tf files from ${head.slice(0, 12)}`);
  const reader = treeReader(repo.gitDir);
  const results = [];
  for (const [i, commit] of commits.entries()) {
    const base = reader.read(commit.parent);
    const headTree = reader.read(commit.sha);
    const start = performance.now();
    const changeSet = classifier.buildChangeSet(base, headTree);
    const classification = classifier.classifyChangeSet(changeSet, classifier.defaultPolicy());
    const ms = performance.now() - start;
    const findings = Array.isArray(classification?.findings) ? classification.findings : [];
    const tier = tierOf(classification?.tier);
    const result = {
      repo: repo.label,
      sha: commit.sha,
      subject: commit.subject.slice(0, SUBJECT_CHARS),
      tier,
      findings: findings.length,
      top: topRules(findings, tier),
      topOnlyInUntouchedFiles: onlyUntouchedFiles(findings, tier, changeSet),
      topReachedAs: reachedAs(findings, tier),
      topActions: actionsOf(findings, tier),
      filesChanged: Array.isArray(changeSet?.files) ? changeSet.files.length : null,
      ms: Math.round(ms),
    };
    if (Array.isArray(classification?.warnings)) result.warnings = classification.warnings.length;
    results.push(result);
    progress(
      `${repo.label} ${i + 1}/${commits.length} ${commit.sha.slice(0, 10)} ${tier.padEnd(8)} ${String(result.ms).padStart(5)} ms  ${result.top.map((t) => t.rule).join(', ')}`,
    );
  }
  const skipped = Object.entries(reader.skipped)
    .filter(([, paths]) => paths.size > 0)
    .map(([why, paths]) => `${paths.size} ${why}`);
  if (skipped.length > 0) progress(`${repo.label}: files left out of the trees: ${skipped.join(', ')}`);
  return { repo: repo.label, head, commits: commits.length, results };
}

// ---------------------------------------------------------------------------------------------
// Reporting

function distribution(results) {
  const counts = Object.fromEntries(TIERS.map((tier) => [tier, 0]));
  for (const result of results) counts[tierOf(result.tier)]++;
  const highOrCritical = counts.high + counts.critical;
  return { counts, total: results.length, highOrCritical, share: results.length ? highOrCritical / results.length : 0 };
}

function percent(share) {
  return `${(share * 100).toFixed(0)}%`;
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) =>
    cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function distributionRow(label, results) {
  const d = distribution(results);
  return [label, d.total, ...TIERS.map((tier) => d.counts[tier]), `${d.highOrCritical} (${percent(d.share)})`];
}

function printDistributions(groups, all) {
  printTable(
    ['repository', 'commits', ...TIERS, 'high+critical'],
    [...groups.map((g) => distributionRow(g.repo, g.results)), distributionRow('all', all)],
  );
}

/** Which rules put commits at high or critical: per rule, the commits where it is at the top tier. */
function printTopRules(all) {
  const byRule = new Map();
  for (const result of all) {
    if (rank(result.tier) < rank('high')) continue;
    for (const { rule } of result.top) {
      const entry = byRule.get(rule) ?? { high: 0, critical: 0 };
      entry[result.tier]++;
      byRule.set(rule, entry);
    }
  }
  const rows = [...byRule].sort(
    (a, b) => b[1].high + b[1].critical - (a[1].high + a[1].critical) || (a[0] < b[0] ? -1 : 1),
  );
  printTable(
    ['rule at the top tier', 'critical commits', 'high commits'],
    rows.map(([rule, n]) => [rule, n.critical, n.high]),
  );
}

function compareWith(beforeFile, groups, all) {
  const before = JSON.parse(readFileSync(beforeFile, 'utf8'));
  const beforeBySha = new Map((Array.isArray(before?.commits) ? before.commits : []).map((c) => [c.sha, c]));
  console.log(
    `\nCompared with ${beforeFile}${before?.fourEyesCommit ? ` (Four Eyes ${String(before.fourEyesCommit).slice(0, 7)})` : ''}, over the commits in both runs:`,
  );
  const pair = (results) => results.filter((r) => beforeBySha.has(r.sha));
  const rows = [];
  for (const group of [...groups, { repo: 'all', results: all }]) {
    const now = distribution(pair(group.results));
    const was = distribution(pair(group.results).map((r) => beforeBySha.get(r.sha)));
    const cells = (d) => TIERS.map((tier) => d.counts[tier]).join('/');
    rows.push([group.repo, now.total, cells(was), cells(now), percent(was.share), percent(now.share)]);
  }
  printTable(['repository', 'commits', 'before n/l/m/h/c', 'now n/l/m/h/c', 'before high+crit', 'now high+crit'], rows);
  const missing = all.filter((r) => !beforeBySha.has(r.sha)).length;
  if (missing > 0) console.log(`(${missing} commits of this run are not in ${beforeFile}: left out of the comparison)`);

  const moved = pair(all).filter((r) => Math.abs(rank(r.tier) - rank(tierOf(beforeBySha.get(r.sha).tier))) >= 2);
  console.log(`\nCommits whose tier moved by two levels or more: ${moved.length}`);
  const rules = (top) =>
    Array.isArray(top) ? top.map((t) => `${t.rule}${t.count > 1 ? ` x${t.count}` : ''}`).join(', ') : '';
  for (const r of moved) {
    const b = beforeBySha.get(r.sha);
    console.log(`  ${r.repo} ${r.sha.slice(0, 10)} ${tierOf(b.tier)} -> ${r.tier}  ${r.subject}`);
    console.log(`      before: ${rules(b.top) || '-'}`);
    console.log(`      now:    ${rules(r.top) || '-'}`);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const classifier = await loadClassifier();
  const groups = [];
  const started = performance.now();
  for (const repo of options.repos) groups.push(measureRepo(repo, options.commits, classifier));
  const all = groups.flatMap((g) => g.results);
  const seconds = (performance.now() - started) / 1000;

  console.log('Four Eyes noise on real history (default policy; each commit against its first parent)');
  console.log(
    `${all.length} commits: the last ${options.commits} touching .tf files per repository; ${seconds.toFixed(0)} s`,
  );
  for (const g of groups) console.log(`  ${g.repo} at ${g.head.slice(0, 12)}`);
  console.log('');
  printDistributions(groups, all);
  const d = distribution(all);
  console.log(`\nrated high or critical: ${d.highOrCritical} of ${d.total} commits (${percent(d.share)})`);
  const untouched = all.filter((r) => rank(r.tier) >= rank('high') && r.topOnlyInUntouchedFiles);
  console.log(`  of which ${untouched.length} only for findings in files the commit did not touch`);
  const assumedOnly = all.filter(
    (r) =>
      rank(r.tier) >= rank('high') && r.topReachedAs.length > 0 && r.topReachedAs.every((way) => way === 'assumed'),
  );
  console.log(
    `  of which ${assumedOnly.length} only for findings in instances assumed to exist (a count/for_each empty by a root default); without those, ${percent((d.highOrCritical - assumedOnly.length) / d.total)}`,
  );
  const times = all.map((r) => r.ms).sort((a, b) => a - b);
  if (times.length > 0)
    console.log(
      `time per commit (change set + classification): median ${times[times.length >> 1]} ms, max ${times[times.length - 1]} ms`,
    );
  console.log('');
  printTopRules(all);

  if (options.compare) compareWith(options.compare, groups, all);

  if (options.json) {
    const report = {
      description:
        'bench/noise.js: each commit touching .tf files classified against its first parent with the default policy',
      fourEyesCommit: fourEyesCommit(),
      commitsPerRepository: options.commits,
      repositories: groups.map((g) => ({ repo: g.repo, head: g.head, commits: g.commits })),
      commits: all,
    };
    writeFileSync(options.json, reportJson(report));
    progress(`wrote ${options.json}`);
  }
}

/** Pretty, but one commit per line: a later run's file diffs line by line against this one. */
function reportJson(report) {
  const { commits, ...head } = report;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "commits": [\n${commits.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]\n}\n`;
}

/** The commit of this checkout, so a results file says which classifier produced it. */
function fourEyesCommit() {
  const result = spawnSync('git', ['-C', fileURLToPath(new URL('..', import.meta.url)), 'rev-parse', 'HEAD']);
  return result.status === 0 ? result.stdout.toString('utf8').trim() : null;
}

try {
  await main();
} catch (error) {
  console.error(`noise: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
