// Time per KB of the parser on broken input, for `bench/run.js`: the realistic fixtures of the
// tests cut, spliced and sprinkled with HCL tokens (what a user mid-edit pushes), and inputs
// built to defeat error recovery (unclosed blocks, strings, templates and heredocs repeated),
// each at growing sizes. A parser that backtracks or rescans on errors shows a rate that grows
// with the size; a linear one keeps it flat. This is the bound the property tests used to time
// (test/terraform/parser/properties.test.ts): speed is measured here, never in a test.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mulberry32 as random } from './seededRandom.js';

/** The property tests' bound, for any input of 1 KiB or more: generous, it only catches pathological paths. */
export const TARGET_MS_PER_KB = 20;
/** Each input is parsed this many times and its time is the fastest: a busy machine only adds time, a slow path is slow every time. */
const REPS = 7;
/** The sizes each input is grown to: a flat rate over a 16-fold size is linear time. */
const SIZES_KB = [4, 16, 64];

const TOKENS = ['{', '}', '[', '(', '"', '${', '%{', '<<EOT\n', '/*', '=', '\n', 'a.b', ',', '...', '=>', '?', ':'];

function listTf(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTf(path);
    return entry.name.endsWith('.tf') ? [path] : [];
  });
}

/** A fixture with up to eight edits: a token inserted, a range deleted, a character replaced, the rest cut off. */
function mutated(source, next) {
  let s = source;
  const edits = 1 + Math.floor(next() * 8);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (s.length + 1));
    const token = TOKENS[Math.floor(next() * TOKENS.length)];
    const kind = Math.floor(next() * 4);
    if (kind === 0) s = s.slice(0, at) + token + s.slice(at);
    else if (kind === 1) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(next() * 20));
    else if (kind === 2) s = s.slice(0, at) + token[0] + s.slice(at + 1);
    else if (s.length > 200) s = s.slice(0, Math.max(200, at));
  }
  return s;
}

/** `prefix`, then `unit` repeated, to `kb` KiB: a broken construct many times over. */
function grown(unit, kb, prefix = '') {
  return (prefix + unit.repeat(Math.ceil((kb * 1024) / unit.length))).slice(0, kb * 1024);
}

/**
 * Constructs repeated to defeat error recovery or to build a deep tree: the adversarial inputs of
 * the property tests (which check that parsing them keeps every invariant), here timed.
 */
const ADVERSARIAL = [
  ['nested (', '(', 'x = '],
  ['nested [', '[', 'x = '],
  ['nested {', '{', 'x = '],
  ['"${ sequences', '"${', 'x = "'],
  ['${ sequences', '${', 'x = "'],
  ['a single-line string', 'a', 'x = "'],
  ['a single-line comment', 'a', '# '],
  ['a line of tokens', '1, ', 'x = ['],
  ['unclosed blocks, one a line', 'a {\n'],
  ['unclosed blocks on one line', 'a {'],
  ['unclosed block with attributes', 'resource "a" "b" {\n  x = 1\n'],
  ['unclosed /* comments', '/*'],
  ['nested unclosed comments', '/* a /* b\n'],
  ['quotes', '"'],
  ['unclosed heredocs', 'x = <<EOT\n'],
  ['unterminated heredocs with templates', 'x = <<EOT\nline ${a}\n'],
  ['stray }', '}'],
  ['stray closers', '} ] ) }}\n'],
  ['garbage lines', '@\n'],
  ['unterminated strings', 'x = "abc\n'],
  ['unclosed strings with templates', 'x = "abc ${var.y\n'],
  ['unclosed template directives', 'x = "%{ if a }${b'],
  ['%{endif}', '%{endif}', 'x = "'],
  ['unary -', '-', 'x = '],
  ['nested conditionals', 'a ? ', 'x = '],
  ['nested for', '[for x in ', 'x = '],
  ['labels', '"x" ', 'a '],
  ['dollars', '$', 'x = "'],
  ['an attribute traversal a.a.a…', 'a.', 'x = '],
  ['additions 1 + 1 + …', '1 + ', 'x = '],
  ['chained splats a[*][*]…', '[*]', 'x = a'],
  ['nested %{if}', '%{if a}', 'x = "'],
  ['object items on separate lines', 'k = 1\n', 'x = {\n'],
];

/** The inputs: name, and its text at each size. */
export function malformedInputs(fixturesDir, seed = 1) {
  const next = random(seed);
  const fixtures = listTf(fixturesDir).map((path) => readFileSync(path, 'utf8'));
  const inputs = [];
  for (let i = 0; i < 24; i++) {
    const base = mutated(fixtures[Math.floor(next() * fixtures.length)], next);
    // Grown by repeating the broken file: its error repeats, and so would a slow recovery.
    inputs.push({ name: `mutated fixture ${i + 1}`, texts: SIZES_KB.map((kb) => grown(base, kb)) });
  }
  for (const [name, unit, prefix] of ADVERSARIAL)
    inputs.push({ name, texts: SIZES_KB.map((kb) => grown(unit, kb, prefix)) });
  return inputs;
}

function fastestMs(parseHcl, text) {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < REPS; i++) {
    const start = performance.now();
    parseHcl(text, 'malformed.tf');
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/**
 * The worst rate (ms per KiB) over every input and size, and the worst growth of an input's rate
 * from its smallest to its largest size (1.0: linear; 16: quadratic over the 16-fold size).
 */
export function malformedRates(parseHcl, fixturesDir) {
  const inputs = malformedInputs(fixturesDir);
  for (const input of inputs) for (const text of input.texts) parseHcl(text, 'warmup.tf');
  let worst = null;
  let worstGrowth = null;
  for (const input of inputs) {
    const rates = input.texts.map((text) => fastestMs(parseHcl, text) / (text.length / 1024));
    const max = Math.max(...rates);
    if (!worst || max > worst.msPerKb) worst = { name: input.name, msPerKb: max };
    // The smallest size's rate has a floor, so a fast input's noise does not read as growth.
    const growth = rates.at(-1) / Math.max(rates[0], 0.002);
    if (!worstGrowth || growth > worstGrowth.growth) worstGrowth = { name: input.name, growth };
  }
  return { inputs: inputs.length, sizesKb: SIZES_KB, worst, worstGrowth };
}
