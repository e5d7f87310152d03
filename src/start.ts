import { existsSync } from 'node:fs';
import { run } from 'probot';
import { storeLocation } from './audit/database.js';
import { openAudit, type AuditServices } from './audit/services.js';
import { fourEyes } from './index.js';
import { readSettings, SettingsError } from './settings.js';

/** `npm start`: check every setting, then serve webhooks with Probot. */
async function start(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let appId: number;
  try {
    appId = readSettings(process.env as Record<string, string | undefined>).appId;
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    process.stderr.write(`four-eyes: ${error.message} (see .env.example)\n`);
    process.exit(1);
  }
  let audit: AuditServices;
  try {
    audit = await openAudit(storeLocation(process.env as Record<string, string | undefined>));
  } catch (error) {
    process.stderr.write(`four-eyes: the audit store cannot be opened: ${(error as Error).message} (set DATABASE_URL or FOUR_EYES_DATA_DIR)\n`);
    process.exit(1);
  }
  await run(fourEyes({ appId, audit }), { env: process.env });
}

await start();
