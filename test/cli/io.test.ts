import { describe, expect, it } from 'vitest';
import { colorAllowed } from '../../src/io.js';

describe('colour', () => {
  it.each([
    [{}, true, false, true],
    [{}, false, false, false],
    [{}, true, true, false],
    [{ NO_COLOR: '1' }, true, false, false],
    [{ NO_COLOR: '' }, true, false, true],
    [{ TERM: 'dumb' }, true, false, false],
  ])('env %j, tty %s, --no-color %s → %s', (env, tty, flag, expected) => {
    expect(colorAllowed(env as NodeJS.ProcessEnv, tty, flag)).toBe(expected);
  });
});
