import { existsSync } from 'node:fs';
import { run } from 'probot';
import { fourEyesOctokit } from './github/octokit.js';
import { fourEyesFromEnvironment } from './index.js';

/** `npm start`: check every setting, then serve webhooks with Probot, its clients waiting out GitHub's rate limits. */
async function start(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  await run(await fourEyesFromEnvironment(), { env: process.env, Octokit: fourEyesOctokit() });
}

await start();
