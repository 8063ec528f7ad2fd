import { describe, expect, it } from 'vitest';
import { smartLabelFor, splitCamelCase } from './smart-label.js';

describe('smartLabelFor', () => {
  it.each([
    ['apiVersion', 'API Version'],
    ['kind', 'Kind'],
    ['holderIdentity', 'Holder Identity'],
    // camelcase.Split hands the R of CIDR to the trailing s, and kubectl prints exactly that.
    ['podCIDRs', 'Pod CID Rs'],
    ['uid', 'UID'],
    ['leaseDurationSeconds', 'Lease Duration Seconds'],
    ['node-role', 'Node - Role'],
    ['example.com/key', 'example.com/key'],
  ])('%s → %s', (field, label) => {
    expect(smartLabelFor(field)).toBe(label);
  });

  it('splits like fatih/camelcase, giving an upper-case run its last letter to the next word', () => {
    expect(splitCamelCase('PDFLoader')).toEqual(['PDF', 'Loader']);
    expect(splitCamelCase('GL11Version')).toEqual(['GL', '11', 'Version']);
  });
});
