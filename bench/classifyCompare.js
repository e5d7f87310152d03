// `node bench/classifyCompare.js --before <dist> --repo <git-dir>...`: the whole classification on
// real module trees, for two builds side by side in one process, runs interleaved (before, now,
// before, now, ...), so a loaded machine slows both alike. Reports wall and CPU time (the
// process's user + system time, which other processes on the machine do not add to) and the
// ratio now/before of each. The measures are those of bench/classifyCorpus.js:
// (b) everything created (`buildChangeSet(empty, tree)` + `classifyChangeSet`) and (c) 1% of the
// Terraform files changed. See docs/benchmarks.md.
//
// `--before` is the `dist/` directory of another build (e.g. `git archive <commit> | tar -x`,
// then `npx tsc -p tsconfig.json` there); the current build is this checkout's `dist/`. Builds
// from before the change set moved to src/change/ are found at their old paths.

import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commandLine } from './commandLine.js';
import { resolveCommit, treeReader } from './gitTrees.js';

const USAGE = `usage: node bench/classifyCompare.js --before <dist-dir> --repo <git-dir> [--repo ...] [options]

  --before <dir>    the dist/ directory of the build to compare with (this checkout's dist/ is "now")
  --repo <git-dir>  a clone (bare or not): its HEAD tree, read from Git; repeatable
  --runs <n>        timed runs per measure and build, after one warm-up (default 3; the median is reported)
  --only <b|c|bc>   which measures (default bc)
  --help            this text`;
const { fail, read } = commandLine('classify-compare', USAGE);

function parseArgs(argv) {
  const options = { before: null, repos: [], runs: 3, only: 'bc' };
  read(argv, (arg, value, count) => {
    if (arg === '--before') options.before = resolve(value());
    else if (arg === '--repo') options.repos.push(resolve(value()));
    else if (arg === '--runs') options.runs = count();
    else if (arg === '--only') {
      options.only = value();
      if (!/^[bc]+$/.test(options.only)) fail('--only takes b, c or bc');
    } else return false;
    return true;
  });
  if (!options.before || options.repos.length === 0) fail(`--before and at least one --repo are needed\n${USAGE}`);
  return options;
}

/** A build's entry points, at today's paths or at those before src/change/ and src/model/ existed. */
async function loadBuild(dir, label) {
  const first = (...paths) => paths.map((p) => `${dir}/${p}`).find((p) => existsSync(p));
  const changeSet = first('change/changeSet.js', 'terraform/changeSet.js');
  const policy = first('model/policy.js', 'config/policy.js');
  const classify = first('classify/classify.js');
  if (!changeSet || !policy || !classify) fail(`${dir} is not a Four Eyes dist/ directory (run the build there)`);
  const load = (path) => import(pathToFileURL(path).href);
  return {
    label,
    buildChangeSet: (await load(changeSet)).buildChangeSet,
    classifyChangeSet: (await load(classify)).classifyChangeSet,
    defaultPolicy: (await load(policy)).defaultPolicy,
  };
}

/** Each clone's HEAD under its own top-level directory, as bench/classifyCorpus.js does. */
function corpus(repos) {
  const files = [];
  const used = new Set();
  for (const gitDir of repos) {
    let name = basename(gitDir.replace(/\/+$/, '').replace(/\/(\.git|repo)$/, '')).replace(/\.git$/, '');
    while (used.has(name)) name += '_';
    used.add(name);
    for (const file of treeReader(gitDir).read(resolveCommit(gitDir, 'HEAD')).files)
      files.push({ path: `${name}/${file.path}`, content: file.content });
  }
  return { files };
}

/** bench/classifyCorpus.js's 1%: every hundredth .tf file by path gets a changed string or a new local. */
function onePercentChanged(tree) {
  const terraform = tree.files
    .filter((file) => file.path.endsWith('.tf'))
    .map((file) => file.path)
    .sort();
  const count = Math.max(1, Math.ceil(terraform.length / 100));
  const chosen = new Set(
    Array.from({ length: count }, (_, k) => terraform[Math.floor((k * terraform.length) / count)]),
  );
  const literal = /^(\s*[A-Za-z_][A-Za-z0-9_-]*\s*=\s*")([^"\\$%\n]*)"/m;
  return {
    files: tree.files.map((file) => {
      if (!chosen.has(file.path)) return file;
      if (literal.test(file.content))
        return { ...file, content: file.content.replace(literal, '$1$2-four-eyes-bench"') };
      return { ...file, content: `${file.content}\nlocals {\n  four_eyes_bench = "changed"\n}\n` };
    }),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function once(work) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, result };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const now = fileURLToPath(new URL('../dist', import.meta.url));
  const builds = [await loadBuild(options.before, 'before'), await loadBuild(now, 'now')];
  const tree = corpus(options.repos);
  const changed = onePercentChanged(tree);
  const empty = { files: [] };
  const measures = {
    b: (build) => build.classifyChangeSet(build.buildChangeSet(empty, tree), build.defaultPolicy()),
    c: (build) => build.classifyChangeSet(build.buildChangeSet(tree, changed), build.defaultPolicy()),
  };
  const samples = new Map();
  for (const measure of options.only) for (const build of builds) measures[measure](build); // warm-up
  for (let run = 1; run <= options.runs; run++) {
    for (const measure of options.only) {
      for (const build of builds) {
        const sample = once(() => measures[measure](build));
        const key = `${measure} ${build.label}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
        process.stderr.write(
          `[compare] (${measure}) ${build.label} run ${run}/${options.runs}: wall ${sample.wall.toFixed(0)} ms, cpu ${sample.cpu.toFixed(0)} ms, ${sample.result.findings.length} findings\n`,
        );
      }
    }
  }
  const megabytes = tree.files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0) / 1e6;
  console.log(`corpus: ${tree.files.length} files, ${megabytes.toFixed(2)} MB; before = ${options.before}`);
  for (const measure of options.only) {
    const [before, after] = builds.map((build) => samples.get(`${measure} ${build.label}`));
    const figure = (list, field) => median(list.map((s) => s[field]));
    const row = (label, list) =>
      `${label} wall ${figure(list, 'wall').toFixed(0)} ms, cpu ${figure(list, 'cpu').toFixed(0)} ms (${list[0].result.findings.length} findings)`;
    console.log(
      `(${measure}) ${row('before', before)} | ${row('now', after)} | now/before: wall ${(figure(after, 'wall') / figure(before, 'wall')).toFixed(2)}x, cpu ${(figure(after, 'cpu') / figure(before, 'cpu')).toFixed(2)}x`,
    );
  }
}

try {
  await main();
} catch (error) {
  console.error(`classify-compare: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
