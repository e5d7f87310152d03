// A throwaway PostgreSQL server on loopback, for the tests and the audit benchmark: a fresh cluster
// in a temporary directory, started on a free port; hands back its URL, stops and removes it afterwards.
// It needs Debian's postgresql package (or any PostgreSQL whose initdb is on PATH or under
// /usr/lib/postgresql/*/bin). As root, the server runs as the `postgres` user, as PostgreSQL requires.

import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

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

/**
 * An initdb'd cluster kept between runs in the temporary directory (named by the initdb binary
 * and its version): copying it takes a tenth of a second, initdb takes seconds. Never started
 * itself; each server runs on a copy.
 */
async function clusterTemplate(initdb, run) {
  const { stdout: version } = await execFileAsync(initdb, ['--version'], { encoding: 'utf8' });
  const key = createHash('sha256').update(initdb).update(version).digest('hex').slice(0, 16);
  const template = join(tmpdir(), `four-eyes-pg-template-${key}`);
  if (existsSync(template)) return template;
  const root = mkdtempSync(join(tmpdir(), 'four-eyes-pg-initdb-'));
  chmodSync(root, 0o777);
  try {
    await run(initdb, ['-D', join(root, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    // Another run may have made it meanwhile: theirs is as good.
    if (!existsSync(template)) renameSync(join(root, 'data'), template);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return template;
}

/**
 * Starts one and resolves once it accepts connections. `settings`: more server settings
 * (`name=value`), beside fsync=off and max_connections=200.
 */
export async function startTempPostgres(settings = []) {
  const server = await launchTempPostgres(settings);
  await server.ready;
  return server;
}

/**
 * Starts one and resolves as soon as its URL is known: `ready` settles once it accepts connections
 * (or rejects with why it did not start), while the caller gets on with other work.
 */
export async function launchTempPostgres(settings = []) {
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
    execFileAsync(asRoot ? 'runuser' : bin, asRoot ? ['-u', 'postgres', '--', bin, ...args] : args);
  const serverSettings = ['fsync=off', 'max_connections=200', ...settings].map((setting) => `-c ${setting}`);
  const ready = (async () => {
    await run('cp', ['-a', await clusterTemplate(initdb, run), data]);
    await run(pgCtl, [
      '-D',
      data,
      '-l',
      join(root, 'server.log'),
      '-w',
      '-o',
      `-h 127.0.0.1 -p ${port} -k ${root} ${serverSettings.join(' ')}`,
      'start',
    ]);
  })();
  let settled = false;
  const stopped = () => {
    try {
      // SIGQUIT is pg_ctl's immediate shutdown: no checkpoint, the cluster is deleted next; the
      // server's processes exit on their own, nobody waits for them (pg_ctl -w took seconds).
      if (existsSync(join(data, 'postmaster.pid')))
        process.kill(Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGQUIT');
    } finally {
      // Thousands of files by the end of a test run: removed in the background, not by the caller.
      spawn('rm', ['-rf', root], { detached: true, stdio: 'ignore' }).unref();
    }
  };
  ready.then(
    () => (settled = true),
    () => (settled = true),
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    ready,
    /** Stops it once its start has settled (at once if it has) and removes its cluster. */
    stop: () => (settled ? Promise.resolve(stopped()) : ready.then(stopped, stopped)),
  };
}

// `node scripts/tempPostgres.mjs`: start one and print its URL (it keeps running; stop it with pg_ctl).
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startTempPostgres();
  console.log(server.url);
}
