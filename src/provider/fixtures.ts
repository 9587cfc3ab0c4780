/** Loads recorded Messages list pages (fixtures/twilio/<name>/messages-page-*.json) into a dataset. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { arraySequence, Dataset, type ProviderMessage } from './dataset.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export interface FixtureAccount {
  accountSid: string;
  messagingServiceSid: string;
  organization: string;
  sender: string;
}

export function loadFixtureMessages(dir: string): ProviderMessage[] {
  const files = readdirSync(dir).filter((f) => /^messages-page-\d+\.json$/.test(f)).sort();
  const out: ProviderMessage[] = [];
  for (const f of files) {
    const page = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { messages: ProviderMessage[] };
    out.push(...page.messages);
  }
  return out;
}

export function loadFixtureDataset(dir: string): { data: Dataset; account: FixtureAccount } {
  const account = JSON.parse(readFileSync(`${dir}/account.json`, 'utf8')) as FixtureAccount;
  return { data: new Dataset(arraySequence(loadFixtureMessages(dir))), account };
}

export const DEMO_FIXTURES = `${FIXTURES_DIR}twilio/demo`;
