import { existsSync } from 'node:fs';
import { run } from 'probot';
import { fourEyesFromEnvironment } from './index.js';

/** `npm start`: check every setting, then serve webhooks with Probot. */
async function start(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  await run(await fourEyesFromEnvironment(), { env: process.env });
}

await start();
