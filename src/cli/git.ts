import { spawnSync } from 'node:child_process';
import { UsageError } from './errors.js';

/** Runs git with an argument array (never a shell); a failure is a one-line usage error. */
export function git(repo: string, args: string[], input?: string): string {
  return gitBytes(repo, args, input).toString('utf8');
}

/** As `git`, but the raw bytes (blob sizes are in bytes). */
export function gitBytes(repo: string, args: string[], input?: string): Buffer {
  const result = spawnSync('git', ['-C', repo, ...args], { input, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error)
    throw new UsageError(
      `cannot run git (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}); is it installed?`,
    );
  if (result.status !== 0) {
    const message = (result.stderr.toString('utf8') || result.stdout.toString('utf8')).trim().split('\n')[0] ?? '';
    throw new UsageError(`git ${args[0]} failed in ${repo}: ${message}`);
  }
  return result.stdout;
}

export function resolveCommit(repo: string, ref: string): string {
  return git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
}
