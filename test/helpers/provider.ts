import { Dataset, arraySequence, type ProviderMessage } from '../../src/provider/dataset.js';
import { DEMO_FIXTURES, loadFixtureMessages, loadFixtureDataset } from '../../src/provider/fixtures.js';
import { startProvider, type RunningProvider } from '../../src/provider/server.js';
import { syntheticSequence } from '../../src/provider/synthetic.js';
import { SYNTHETIC_ACCOUNT } from '../../src/provider/launch.js';
import type { FaultSettings } from '../../src/provider/faults.js';

export const TOKEN = 'tok-' + 'c0ffee'.repeat(5);

export interface TestProvider extends RunningProvider { accountSid: string; env: Record<string, string> }

async function start(data: Dataset, accountSid: string, faults?: Partial<FaultSettings>): Promise<TestProvider> {
  const p = await startProvider(data, { accountSid, authToken: TOKEN }, { faults });
  return Object.assign(p, { accountSid, env: { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: TOKEN, SMS_OPS_API_BASE: p.url } });
}

export async function demoProvider(faults?: Partial<FaultSettings>): Promise<TestProvider> {
  const { data, account } = loadFixtureDataset(DEMO_FIXTURES);
  return start(data, account.accountSid, faults);
}

export function demoMessages(): ProviderMessage[] {
  return loadFixtureMessages(DEMO_FIXTURES);
}

/** Synthetic messages whose newest date_sent is `end` (default: now). */
export async function syntheticProvider(opts: { total: number; days: number; undated?: number; end?: number; faults?: Partial<FaultSettings> }): Promise<TestProvider> {
  const seq = syntheticSequence({ total: opts.total, days: opts.days, undated: opts.undated ?? 0, end: opts.end ?? Date.now(), accountSid: SYNTHETIC_ACCOUNT });
  return start(new Dataset(seq), SYNTHETIC_ACCOUNT, opts.faults);
}

export async function arrayProvider(messages: ProviderMessage[], accountSid: string): Promise<TestProvider> {
  return start(new Dataset(arraySequence(messages)), accountSid);
}

/** Every message the provider currently holds, in provider order. */
export function allMessages(p: RunningProvider): ProviderMessage[] {
  return [...p.data.scan(null, null, () => true)];
}
