import { describe, expect, it } from 'vitest';
import type { Pod } from '@kctl/shared';
import { firstPendingIndexes, formatIndexes, parseIndexes } from './job-indexes.js';

const podAt = (index: number): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { annotations: { 'batch.kubernetes.io/job-completion-index': String(index) } } });

describe('completed indexes', () => {
  it('formats sorted, de-duplicated intervals and parses them back', () => {
    expect(formatIndexes([5, 0, 1, 2, 7, 3, 1])).toBe('0-3,5,7');
    expect(formatIndexes([])).toBe('');
    expect([...parseIndexes('0-3,5,7')]).toEqual([0, 1, 2, 3, 5, 7]);
    expect([...parseIndexes('')]).toEqual([]);
  });

  it('picks the lowest indexes neither succeeded nor running', () => {
    expect(firstPendingIndexes([podAt(1)], new Set([0, 3]), 2, 6)).toEqual([2, 4]);
    expect(firstPendingIndexes([], new Set([0, 1]), 5, 2)).toEqual([]);
  });
});
