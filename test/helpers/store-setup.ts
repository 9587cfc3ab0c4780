import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { TestProvider } from './provider.js';
import { cleanEnv, tempDir } from './cli.js';

/**
 * For tests that each start their own provider: returns `setup(provider)`, which gives a fresh
 * store path and an env pointing at both; the provider is closed after each test.
 */
export function perTestProvider() {
  const state: { provider?: TestProvider } = {};
  afterEach(async () => { await state.provider?.close(); state.provider = undefined; });
  return {
    get provider(): TestProvider { return state.provider!; },
    setup(p: TestProvider) {
      state.provider = p;
      const db = join(tempDir(), 'store.db');
      return { db, env: cleanEnv({ ...p.env, SMS_OPS_DB: db }) };
    },
  };
}
