import { describe, expect, it } from 'vitest';
import { isFinal, nextCurrentStatus } from '../../src/core/status.js';

describe('message status order', () => {
  it.each([
    ['queued', 'sent', 'sent'],
    ['sent', 'delivered', 'delivered'],
    ['delivered', 'sent', 'delivered'],
    ['delivered', 'queued', 'delivered'],
    ['undelivered', 'sending', 'undelivered'],
    ['delivered', 'read', 'read'],
    ['delivered', 'undelivered', 'undelivered'],
    ['accepted', 'queued', 'queued'],
  ])('current %s, observed %s → %s', (current, observed, expected) => {
    expect(nextCurrentStatus(current, observed)).toBe(expected);
  });
  it.each([['delivered', true], ['received', true], ['canceled', true], ['sent', false], ['queued', false], ['scheduled', false]])('%s final: %s', (s, f) => {
    expect(isFinal(s)).toBe(f);
  });
});
