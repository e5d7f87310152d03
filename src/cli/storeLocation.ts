import type { StoreLocation } from '../audit/database.js';
import { type Environment, readStoreLocation, SettingsError } from '../settings.js';
import { UsageError } from './errors.js';

/** The audit store the environment names, read as the app reads it; a malformed setting is a usage error. */
export function storeLocation(env: Environment): StoreLocation {
  try {
    return readStoreLocation(env);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
}
