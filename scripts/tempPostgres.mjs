// A throwaway PostgreSQL server on loopback, for the tests and the audit benchmark: initdb into a
// temporary directory, start it on a free port, hand back its URL, stop and remove it afterwards.
// It needs Debian's postgresql package (or any PostgreSQL whose initdb is on PATH or under
// /usr/lib/postgresql/*/bin). As root, the server runs as the `postgres` user, as PostgreSQL requires.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findBin(name) {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const version of readdirSync(root).sort().reverse()) {
      const candidate = join(root, version, 'bin', name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startTempPostgres() {
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  if (!initdb || !pgCtl) {
    throw new Error(
      "PostgreSQL is not installed: install Debian's postgresql package (apt-get install postgresql), or set FOUR_EYES_TEST_DATABASE_URL to a server the tests may create databases on",
    );
  }
  const root = mkdtempSync(join(tmpdir(), 'four-eyes-pg-'));
  chmodSync(root, 0o777);
  const data = join(root, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (bin, args) =>
    execFileSync(asRoot ? 'runuser' : bin, asRoot ? ['-u', 'postgres', '--', bin, ...args] : args, { stdio: 'pipe' });
  run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  run(pgCtl, [
    '-D',
    data,
    '-l',
    join(root, 'server.log'),
    '-w',
    '-o',
    `-h 127.0.0.1 -p ${port} -k ${root} -c fsync=off -c max_connections=200`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

// `node scripts/tempPostgres.mjs`: start one and print its URL (it keeps running; stop it with pg_ctl).
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startTempPostgres();
  console.log(server.url);
}
