import type { ApplicationFunction, Probot } from 'probot';
import { openAudit, type AuditServices } from './audit/services.js';
import { StoreActivityLog } from './audit/storeActivityLog.js';
import { createCaches, type AppCaches } from './github/caches.js';
import type { AppDependencies } from './github/evaluation.js';
import { registerEvents } from './github/events.js';
import { DEFAULT_SWEEP, OrphanSweep, type SweepSettings } from './github/orphanSweep.js';
import { processEnvironment, readAllSettings, readStoreLocation, SettingsError, type Environment, type Settings } from './settings.js';
import { KeyedSerializer } from './util/keyedSerializer.js';

export interface FourEyesOptions {
  /** the GitHub App's id */
  appId: number;
  /** the audit store (default: opened where DATABASE_URL or FOUR_EYES_DATA_DIR say) */
  audit?: AuditServices;
  caches?: AppCaches;
  now?: () => Date;
  /** the sweep of check runs left in progress and posts left pending (default: at start, then every 5 minutes) */
  sweep?: Partial<SweepSettings> & {
    /** handed the app's sweep once it is registered (tests run a pass and wait for it) */
    registered?: (sweep: OrphanSweep) => void;
  };
}

/** Builds the Probot app; tests pass a clock and a store, servers use fourEyesFromEnvironment. */
export function fourEyes(options: FourEyesOptions): ApplicationFunction {
  return async (app: Probot) => {
    const now = options.now ?? (() => new Date());
    const audit = options.audit ?? await openAudit(readStoreLocation(processEnvironment()));
    const deps: AppDependencies & { appId: number } = {
      appId: options.appId,
      audit,
      activity: new StoreActivityLog(audit.records, now),
      caches: options.caches ?? createCaches(),
      serializer: new KeyedSerializer(),
      now,
    };
    registerEvents(app, deps);
    const { registered, ...settings } = options.sweep ?? {};
    const sweep = new OrphanSweep(app, deps, { ...DEFAULT_SWEEP, ...settings });
    sweep.start();
    registered?.(sweep);
    app.log.info(`four-eyes: audit store ${audit.db.kind} (${audit.db.location}); listening for pull requests, reviews, comments, check runs and pushes`);
  };
}

/**
 * The app as a server runs it: every setting read from the environment once and checked, then
 * the audit store opened where they say. A bad setting or a store that will not open ends the
 * process with one line saying what to fix, before any webhook is accepted.
 */
export async function fourEyesFromEnvironment(env: Environment = processEnvironment()): Promise<ApplicationFunction> {
  const settings = settingsOrExit(env);
  let audit: AuditServices;
  try {
    audit = await openAudit(settings.store);
  } catch (error) {
    exitWith(`the audit store cannot be opened: ${(error as Error).message} (set DATABASE_URL or FOUR_EYES_DATA_DIR)`);
  }
  return fourEyes({ appId: settings.app.appId, audit, sweep: { intervalMs: settings.sweepIntervalMs } });
}

function settingsOrExit(env: Environment): Settings {
  try {
    return readAllSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    exitWith(`${error.message} (see .env.example)`);
  }
}

function exitWith(message: string): never {
  process.stderr.write(`four-eyes: ${message}\n`);
  process.exit(1);
}

/** The Probot app as `probot run` loads it: its settings are checked as `npm start` checks them. */
const fromEnvironment: ApplicationFunction = async (app, options) => (await fourEyesFromEnvironment())(app, options);
export default fromEnvironment;
