// Shared by the launchers: the code is compiled TypeScript under dist/ (npm run build).
import { existsSync } from 'node:fs';

export async function launch(entryFromPackageRoot) {
  const entry = new URL(`../${entryFromPackageRoot}`, import.meta.url);
  if (!existsSync(entry)) {
    process.stderr.write('four-eyes: not built yet; run "npm ci && npm run build" in the four-eyes checkout first\n');
    process.exit(2);
  }
  await import(entry.href);
}
