import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

function terraformFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return terraformFilesUnder(path);
    return entry.name.endsWith('.tf') ? [path] : [];
  });
}

/** Every native-syntax file of this repository's test fixtures and examples, by path from its root. */
export function repositoryTerraformSources(): { path: string; source: string }[] {
  return [...terraformFilesUnder(join(ROOT, 'test/fixtures')), ...terraformFilesUnder(join(ROOT, 'examples'))].map(
    (path) => ({ path: path.slice(ROOT.length + 1), source: readFileSync(path, 'utf8') }),
  );
}
