import type { ApplicationFunction, Probot } from 'probot';
import { InMemoryActivityLog, type ActivityLog } from './github/activityLog.js';
import { createCaches, type AppCaches } from './github/caches.js';
import { registerEvents } from './github/events.js';
import { KeyedSerializer } from './github/keyedSerializer.js';

export interface FourEyesOptions {
  /** the GitHub App's id (default: APP_ID) */
  appId?: number;
  activity?: ActivityLog;
  caches?: AppCaches;
  now?: () => Date;
}

/** Builds the Probot app; tests pass a clock and stores, production uses the defaults. */
export function fourEyes(options: FourEyesOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    registerEvents(app, {
      appId: options.appId ?? Number(process.env.APP_ID),
      activity: options.activity ?? new InMemoryActivityLog(),
      caches: options.caches ?? createCaches(),
      serializer: new KeyedSerializer(),
      now: options.now ?? (() => new Date()),
    });
    app.log.info('four-eyes: listening for pull requests, reviews, comments, check runs and pushes');
  };
}

/** The Probot app, as `probot run` and `npm start` load it. */
export default fourEyes();
