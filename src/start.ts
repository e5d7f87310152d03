import { existsSync } from 'node:fs';
import { processEnvironment } from './settings.js';
import { settingsOrExit } from './settingsOrExit.js';

/**
 * `npm start`: check every setting, then serve (serve.ts). The settings are checked before Probot
 * and the app are loaded, a second of imports: a missing one stops the process at once.
 */
async function start(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  settingsOrExit(processEnvironment());
  const { serve } = await import('./serve.js');
  await serve();
}

await start();
