#!/usr/bin/env node
// Fails when two folders of src/ import each other, directly or through others: each folder has one
// role (docs/architecture.md) and the roles form layers, so a cycle means a type or helper sits in
// the wrong folder. Reads import specifiers with a regular expression: relative ESM imports only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const importPattern =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The top-level folder of src/ a file belongs to; files directly in src/ are the entry layer. */
function folderOf(file) {
  const parts = relative(srcDir, file).split(sep);
  return parts.length > 1 ? parts[0] : '(src)';
}

const edges = new Map();
const examples = new Map();
for (const file of sourceFiles(srcDir)) {
  const from = folderOf(file);
  for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
    const target = folderOf(resolve(dirname(file), match[1] ?? match[2]));
    if (target === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(target);
    const key = `${from}->${target}`;
    if (!examples.has(key)) examples.set(key, relative(srcDir, file));
  }
}

// Tarjan's strongly connected components: every component of more than one folder is a cycle.
let index = 0;
const indexes = new Map();
const lowlinks = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function connect(folder) {
  indexes.set(folder, index);
  lowlinks.set(folder, index);
  index += 1;
  stack.push(folder);
  onStack.add(folder);
  for (const next of edges.get(folder) ?? []) {
    if (!indexes.has(next)) {
      connect(next);
      lowlinks.set(folder, Math.min(lowlinks.get(folder), lowlinks.get(next)));
    } else if (onStack.has(next)) {
      lowlinks.set(folder, Math.min(lowlinks.get(folder), indexes.get(next)));
    }
  }
  if (lowlinks.get(folder) !== indexes.get(folder)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== folder);
  if (component.length > 1) cycles.push(component.sort());
}
for (const folder of edges.keys()) if (!indexes.has(folder)) connect(folder);

if (cycles.length === 0) {
  console.log(
    `folder-cycles: none among ${new Set([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])]).size} folders of src/`,
  );
} else {
  for (const component of cycles) {
    const inside = new Set(component);
    const links = [...examples].filter(([key]) => {
      const [from, to] = key.split('->');
      return inside.has(from) && inside.has(to);
    });
    console.error(`folder-cycles: ${component.join(' ↔ ')}`);
    for (const [key, file] of links) console.error(`  ${key.replace('->', ' → ')}  (e.g. src/${file})`);
  }
  console.error(`folder-cycles: ${cycles.length} cycle(s); move the shared type or helper to a folder below both`);
  process.exitCode = 1;
}
