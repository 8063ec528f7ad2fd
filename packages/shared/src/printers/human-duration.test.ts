import { describe, expect, it } from 'vitest';
import { age, humanDuration } from './human-duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [-1.5 * S, '0s'],
    [-3 * S, '<invalid>'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [125 * S, '2m5s'],
    [599 * S, '9m59s'],
    [600 * S, '10m'],
    [2 * H + 59 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [7 * H + 59 * M + 59 * S, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [48 * H, '2d'],
    [53 * H, '2d5h'],
    [191 * H, '7d23h'],
    [8 * D, '8d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [740 * D, '2y10d'],
    [2919 * D, '7y364d'],
    [2920 * D, '8y'],
    [12 * 365 * D + 100 * D, '12y'],
  ])('%d ms → %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });

  it('truncates sub-second remainders instead of rounding', () => {
    expect(humanDuration(119_999)).toBe('119s');
  });
});

describe('age', () => {
  const now = new Date('2025-01-10T12:00:00Z');

  it('measures from the timestamp to the injected clock', () => {
    expect(age('2025-01-10T11:57:55Z', now)).toBe('2m5s');
  });

  it('accepts MicroTime timestamps with fractional seconds', () => {
    expect(age('2025-01-10T11:59:48.123456Z', now)).toBe('11s');
  });

  it.each([[undefined], [''], ['0001-01-01T00:00:00Z'], ['not a time']])('is <unknown> for %j', (timestamp) => {
    expect(age(timestamp, now)).toBe('<unknown>');
  });
});
