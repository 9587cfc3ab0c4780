/** Building a provider dataset from command-line style choices: recorded fixtures or synthetic. */
import { randomBytes } from 'node:crypto';
import { Dataset } from './dataset.js';
import { DEMO_FIXTURES, loadFixtureDataset } from './fixtures.js';
import { syntheticSequence } from './synthetic.js';

export interface DatasetChoice {
  fixtures?: string;
  synthetic?: number;
  days?: number;
  undated?: number;
  seed?: number;
  end?: number;
}

export function randomSecret(): string {
  return randomBytes(16).toString('hex');
}

export const SYNTHETIC_ACCOUNT = 'AC' + '5e'.repeat(16);

export function buildDataset(choice: DatasetChoice, now: number): { data: Dataset; accountSid: string } {
  if (choice.synthetic !== undefined) {
    const data = new Dataset(syntheticSequence({
      total: choice.synthetic, days: choice.days ?? 100, undated: choice.undated ?? 0, seed: choice.seed ?? 1,
      end: choice.end ?? now, accountSid: SYNTHETIC_ACCOUNT,
    }));
    return { data, accountSid: SYNTHETIC_ACCOUNT };
  }
  const dir = !choice.fixtures || choice.fixtures === 'demo' ? DEMO_FIXTURES : choice.fixtures;
  const { data, account } = loadFixtureDataset(dir);
  return { data, accountSid: account.accountSid };
}
