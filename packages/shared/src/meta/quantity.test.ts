import { describe, expect, it } from 'vitest';
import {
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantityMilliValue,
  quantityValue,
} from './quantity.js';

const q = (s: string) => {
  const parsed = parseQuantity(s);
  if (!parsed) throw new Error(`unparsable ${s}`);
  return parsed;
};

describe('quantity (resource.Quantity canonical form)', () => {
  it.each([
    ['0.5', '500m'],
    ['100m', '100m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['2048Mi', '2Gi'],
    ['7864320Ki', '7680Mi'],
    ['1536', '1536'],
    ['1.5Gi', '1536Mi'],
    ['512', '512'],
    ['1000', '1k'],
    ['128974848', '128974848'],
    ['1e3', '1e3'],
    ['0', '0'],
    ['-100m', '-100m'],
    ['+1', '1'],
    ['.5', '500m'],
    ['5.', '5'],
    ['1E', '1E'],
  ])('%s prints as %s', (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it('keeps the left operand format when adding', () => {
    expect(formatQuantity(addQuantities(q('128Mi'), q('70Mi')))).toBe('198Mi');
    expect(formatQuantity(addQuantities(q('100m'), q('0.25')))).toBe('350m');
  });

  it('rounds Value and MilliValue up like Go', () => {
    expect(quantityValue(q('1500m'))).toBe(2);
    expect(quantityMilliValue(q('1Gi'))).toBe(1073741824000);
  });

  it('shows unparsable text unchanged', () => {
    expect(canonicalQuantity('lots')).toBe('lots');
  });
});

describe('parseQuantity', () => {
  it('is exact to the nano unit', () => {
    expect(q('500m').nanos).toBe(500_000_000n);
    expect(q('1.5Gi').nanos).toBe(1_610_612_736_000_000_000n);
    expect(q('2e3').nanos).toBe(2_000_000_000_000n);
    expect(q('2e-3').nanos).toBe(2_000_000n);
    expect(parseQuantity(4)?.nanos).toBe(4_000_000_000n);
  });

  it('rounds precision finer than a nano up, away from zero', () => {
    expect(q('0.0000000001').nanos).toBe(1n);
    expect(q('1.5n').nanos).toBe(2n);
    expect(q('-1.5n').nanos).toBe(-2n);
    expect(q('1e-30').nanos).toBe(1n);
  });

  it('caps magnitudes at the largest int64 number of units', () => {
    expect(canonicalQuantity('1e30')).toBe('9223372036854775807');
    expect(canonicalQuantity('1e999999999')).toBe('9223372036854775807');
  });

  it('records the format the quantity was written in', () => {
    expect(q('1Gi').format).toBe('BinarySI');
    expect(q('1G').format).toBe('DecimalSI');
    expect(q('1e9').format).toBe('DecimalExponent');
  });

  it('trims surrounding space as JSON decoding does, and rejects malformed text', () => {
    expect(q(' 1Gi ').nanos).toBe(q('1Gi').nanos);
    for (const bad of ['', '.', 'Gi', '1 Gi', '1Ki1', '1K', '1e', '--1', '1.2.3', 'abc']) expect(parseQuantity(bad)).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
    expect(parseQuantity(null)).toBeUndefined();
  });

  it('compares across suffixes', () => {
    expect(compareQuantities(q('500Mi'), q('2Gi'))).toBe(-1);
    expect(compareQuantities(q('1G'), q('1Gi'))).toBe(-1);
    expect(compareQuantities(q('500m'), q('0.5'))).toBe(0);
    expect(compareQuantities(q('1k'), q('999'))).toBe(1);
  });
});
