import { describe, expect, it } from 'vitest';
import { goSort } from './go-sort.js';

/** A small deterministic generator so failures reproduce. */
function numbers(count: number, seed: number, range: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % range;
  });
}

describe("Go's sort.Sort", () => {
  it('sorts any input, through every branch (insertion, partitions, pattern breaking, heap)', () => {
    for (const [count, range] of [[5, 3], [13, 2], [60, 5], [300, 1000], [1000, 3], [2000, 2000]] as const) {
      const input = numbers(count, count, range);
      expect(goSort([...input], (a, b) => a < b)).toEqual([...input].sort((a, b) => a - b));
    }
    const descending = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(goSort(descending, (a, b) => a < b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('keeps equal keys in order up to 12 items (insertion sort), like Go', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => ({ key: i % 3, id: i }));
    expect(goSort([...twelve], (a, b) => a.key < b.key).map((e) => e.id)).toEqual([0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]);
  });
  // Beyond 12 items the order of equal keys is pdqsort's; it was checked against kubectl describe
  // on a Deployment with 34 events, many within one second (identical order).
});
