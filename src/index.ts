import type { ApplicationFunction, Probot } from 'probot';
import { storeLocation } from './audit/database.js';
import { openAudit, type AuditServices } from './audit/services.js';
import { StoreActivityLog } from './audit/storeActivityLog.js';
import { createCaches, type AppCaches } from './github/caches.js';
import { registerEvents } from './github/events.js';
import { KeyedSerializer } from './util/keyedSerializer.js';

export interface FourEyesOptions {
  /** the GitHub App's id (default: APP_ID) */
  appId?: number;
  /** the audit store (default: opened from DATABASE_URL or FOUR_EYES_DATA_DIR) */
  audit?: AuditServices;
  caches?: AppCaches;
  now?: () => Date;
}

/** Builds the Probot app; tests pass a clock and a store, production uses the defaults. */
export function fourEyes(options: FourEyesOptions = {}): ApplicationFunction {
  return async (app: Probot) => {
    const now = options.now ?? (() => new Date());
    const audit = options.audit ?? await openAudit(storeLocation(process.env as Record<string, string | undefined>));
    registerEvents(app, {
      appId: options.appId ?? Number(process.env.APP_ID),
      audit,
      activity: new StoreActivityLog(audit.records, now),
      caches: options.caches ?? createCaches(),
      serializer: new KeyedSerializer(),
      now,
    });
    app.log.info(`four-eyes: audit store ${audit.db.kind} (${audit.db.location}); listening for pull requests, reviews, comments, check runs and pushes`);
  };
}

/** The Probot app, as `probot run` and `npm start` load it. */
export default fourEyes();
