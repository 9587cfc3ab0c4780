import { join } from 'node:path';
import { demoProvider, type TestProvider } from './provider.js';
import { cleanEnv, runCli, tempDir } from './cli.js';

/** A store synced from the demo fixtures through the real path, and an env pointing at it. */
export async function syncedDemoStore(): Promise<{ db: string; env: NodeJS.ProcessEnv; provider: TestProvider }> {
  const provider = await demoProvider();
  const db = join(tempDir(), 'store.db');
  const env = cleanEnv({ ...provider.env, SMS_OPS_DB: db, USER: 'tester' });
  const r = await runCli(['sync', '--quiet'], env);
  if (r.code !== 0) throw new Error(`sync failed: ${r.stderr}`);
  return { db, env, provider };
}
