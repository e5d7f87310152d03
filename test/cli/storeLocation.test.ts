import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { storeLocation } from '../../src/cli/storeLocation.js';

describe("the CLI's audit store location", () => {
  it('is where the app keeps its store', () => {
    expect(storeLocation({ FOUR_EYES_DATA_DIR: '/var/lib/four-eyes' })).toEqual({
      databaseUrl: null,
      dataDir: '/var/lib/four-eyes',
    });
  });

  it('refuses a malformed setting as a usage error, not by reading the default store', () => {
    const read = () => storeLocation({ FOUR_EYES_DATA_DIR: ' ' });
    expect(read).toThrow(UsageError);
    expect(read).toThrow('FOUR_EYES_DATA_DIR is empty; unset it (default ./.four-eyes) or name a directory');
  });
});
