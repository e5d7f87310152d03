import { type Environment, readAllSettings, type Settings, SettingsError } from './settings.js';

/** Every setting, read and checked; a bad one ends the process with one line saying what to fix. */
export function settingsOrExit(env: Environment): Settings {
  try {
    return readAllSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    exitWith(`${error.message} (see .env.example)`);
  }
}

/** Ends the process with one line on stderr, before any webhook is accepted. */
export function exitWith(message: string): never {
  process.stderr.write(`four-eyes: ${message}\n`);
  process.exit(1);
}
