import { describe, expect, it } from 'vitest';
import { addQuantities, canonicalQuantity, formatQuantity, parseQuantity, quantityMilliValue, quantityValue } from './quantity.js';

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
