import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProvider, TOKEN, type TestProvider } from '../helpers/provider.js';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';

let provider: TestProvider;
beforeAll(async () => { provider = await demoProvider(); });
afterAll(async () => provider.close());

function withConfig(mode: number) {
  const env = cleanEnv({ SMS_OPS_DB: join(tempDir(), 's.db') });
  const dir = join(env.XDG_CONFIG_HOME!, 'sms-ops');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ activeProfile: 'grace', profiles: { grace: { accountSid: provider.accountSid, authToken: TOKEN, apiBase: provider.url } } }));
  chmodSync(file, mode);
  return { env, file };
}

describe('profiles', () => {
  it('syncs with the credentials and API base of the active profile', async () => {
    const { env } = withConfig(0o600);
    const r = await runCli(['sync', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).messagesNew).toBe(485);
  });

  it('refuses a config file that others can read, naming the fix', async () => {
    const { env, file } = withConfig(0o644);
    const r = await runCli(['sync'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`chmod 600 ${file}`);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('an unknown --profile is a usage error; the environment wins over the profile', async () => {
    const { env } = withConfig(0o600);
    expect((await runCli(['sync', '--profile', 'nope'], env)).code).toBe(2);
    const r = await runCli(['sync'], { ...env, TWILIO_ACCOUNT_SID: provider.accountSid, TWILIO_AUTH_TOKEN: 'env-token-wrong' });
    expect(r.code).toBe(4);
  });
});
