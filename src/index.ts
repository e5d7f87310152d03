import type { ApplicationFunction, ApplicationFunctionOptions, Probot } from 'probot';
import { type AuditServices, openAudit } from './audit/services.js';
import { StoreActivityLog } from './audit/storeActivityLog.js';
import { type ConsoleSettings, consoleOver } from './console/mount.js';
import type { ConsoleSettings as SignInSettings } from './console/signIn/consoleSettings.js';
import { CONSOLE_OFF, consoleSignIn } from './console/signIn/consoleSignIn.js';
import { type AppCaches, createCaches } from './github/caches.js';
import { changeSetBuilder } from './github/changeSetBuilder.js';
import { registerEvents } from './github/events.js';
import { issueStateReader } from './github/issueStates.js';
import { type GitHubClient, waitsOutRateLimits } from './github/octokit.js';
import type { AppOperations } from './github/operations.js';
import { DEFAULT_SWEEP, OrphanSweep, type SweepSettings } from './github/orphanSweep.js';
import { newProcessId, RECOVERY_DEFAULTS, Recovery, type RecoverySettings } from './github/recovery.js';
import { RetrySchedule } from './github/retrySchedule.js';
import { type Environment, processEnvironment, readStoreLocation, type Settings } from './settings.js';
import { exitWith, settingsOrExit } from './settingsOrExit.js';
import { KeyedSerializer } from './util/keyedSerializer.js';

export interface FourEyesOptions {
  /** the GitHub App's id */
  appId: number;
  /** the audit store (default: opened where DATABASE_URL or FOUR_EYES_DATA_DIR say) */
  audit?: AuditServices;
  caches?: AppCaches;
  now?: () => Date;
  /** the background work's timings, and whether it runs on timers (tests run its rounds by hand) */
  recovery?: Partial<RecoverySettings> & { timers?: boolean };
  /** probes, metrics and the clean shutdown (`npm start` passes them; its Octokit class reports to the same metrics) */
  operations?: AppOperations;
  /** the auditors' console under /four-eyes/, with a ready sign-in (tests); otherwise built from `consoleSignIn` */
  console?: ConsoleSettings;
  /** the console's sign-in settings (GitHub's user authorization); null: the console is off, and the log says how to turn it on */
  consoleSignIn?: SignInSettings | null;
  /** hands out the background work once the app is loaded */
  onRecovery?: (recovery: Recovery) => void;
  /** the sweep of check runs left in progress and posts left pending (default: at start, then every 5 minutes) */
  sweep?: Partial<SweepSettings> & {
    /** handed the app's sweep once it is registered (tests run a pass and wait for it) */
    registered?: (sweep: OrphanSweep) => void;
  };
}

/** Builds the Probot app; tests pass a clock and a store, servers use fourEyesFromEnvironment. */
export function fourEyes(options: FourEyesOptions): ApplicationFunction {
  return async (app: Probot, appOptions?: ApplicationFunctionOptions) => {
    const { operations } = options;
    const now = options.now ?? (() => new Date());
    const audit = options.audit ?? (await openAudit(readStoreLocation(processEnvironment())));
    const settings = { ...RECOVERY_DEFAULTS, ...options.recovery };
    const deps = {
      appId: options.appId,
      audit,
      activity: new StoreActivityLog(audit.records, now),
      caches: options.caches ?? createCaches(),
      serializer: new KeyedSerializer(),
      retries: new RetrySchedule(audit.retries, now),
      process: { id: newProcessId(), staleAfterMs: settings.staleAfterMs },
      now,
      ...(operations ? { metrics: operations.metrics, intake: operations.intake } : {}),
    };
    const recovery = new Recovery(app, deps, app.log, settings);
    await recovery.heartbeat();
    registerEvents(app, deps);
    if (options.recovery?.timers !== false) recovery.start();
    options.onRecovery?.(recovery);
    const { registered, ...sweepSettings } = options.sweep ?? {};
    const sweep = new OrphanSweep(app, deps, { ...DEFAULT_SWEEP, ...sweepSettings });
    sweep.start();
    registered?.(sweep);
    if (operations) {
      operations.attach({ audit, recovery, sweep, log: app.log });
      appOptions?.addHandler(operations.handler());
    }
    const consoleSettings =
      options.console ??
      (options.consoleSignIn
        ? {
            signIn: consoleSignIn(options.consoleSignIn, fetch, { log: app.log }),
            baseUrl: options.consoleSignIn.apiUrl,
          }
        : undefined);
    if (!consoleSettings && options.consoleSignIn === null) app.log.info(CONSOLE_OFF);
    if (consoleSettings) {
      const handler = consoleOver(
        audit,
        { issueState: issueStateReader(async (id) => (await app.auth(id)) as GitHubClient), now, ...consoleSettings },
        app.log,
      );
      if (typeof handler === 'string') app.log.warn(`four-eyes: the auditors' console is off: ${handler}`);
      else appOptions?.addHandler(handler);
    }
    if (!waitsOutRateLimits(await app.auth()))
      app.log.warn(
        "four-eyes: Probot runs without fourEyesOctokit() (`probot run` builds its own): GitHub's rate limits are left to Probot's throttling, not waited out as docs/app.md says; serve with `npm start`",
      );
    app.log.info(
      `four-eyes: audit store ${audit.db.kind} (${audit.db.location}); listening for pull requests, reviews, comments, check runs, pushes, merge groups, deployment gates and workflow runs`,
    );
  };
}

/**
 * The app as a server runs it: every setting read from the environment once and checked, then
 * the audit store opened where they say. A bad setting or a store that will not open ends the
 * process with one line saying what to fix, before any webhook is accepted.
 */
export async function fourEyesFromEnvironment(
  env: Environment = processEnvironment(),
  operations?: AppOperations,
): Promise<ApplicationFunction> {
  const settings = settingsOrExit(env);
  let audit: AuditServices;
  try {
    audit = await openAudit(settings.store);
  } catch (error) {
    exitWith(`the audit store cannot be opened: ${(error as Error).message} (set DATABASE_URL or FOUR_EYES_DATA_DIR)`);
  }
  return fourEyes({
    appId: settings.app.appId,
    audit,
    recovery: settings.recovery,
    sweep: { intervalMs: settings.sweepIntervalMs },
    consoleSignIn: settings.console,
    caches: createCaches({}, changeSetBuilder(changeSetWorkerLimits(settings))),
    ...(operations ? { operations } : {}),
  });
}

/** The change-set worker's bounds, as the settings give them (FOUR_EYES_WORKER_MEMORY_MB, FOUR_EYES_WORKER_TIMEOUT_SECONDS). */
export function changeSetWorkerLimits(settings: Pick<Settings, 'workerMemoryMb' | 'workerTimeoutMs'>) {
  return { maxHeapMb: settings.workerMemoryMb, maxBusyMs: settings.workerTimeoutMs };
}

/** The Probot app as `probot run` loads it: its settings are checked as `npm start` checks them. */
const fromEnvironment: ApplicationFunction = async (app, options) => (await fourEyesFromEnvironment())(app, options);
export default fromEnvironment;
