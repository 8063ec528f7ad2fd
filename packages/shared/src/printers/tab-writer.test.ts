import { describe, expect, it } from 'vitest';
import { TabWriter, tabWriter } from './tab-writer.js';

describe('tabWriter (kubectl: minwidth 6, padding 3)', () => {
  it('pads each column to its widest cell plus 3 and leaves the last column unpadded', () => {
    expect(tabWriter([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['nginx', '1/1', 'Running', '0', '5m'],
    ])).toBe('NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          5m\n');
  });

  it('never makes a column narrower than 6', () => {
    expect(tabWriter([['A', 'B'], ['x', 'y']])).toBe('A     B\nx     y\n');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(tabWriter([['✓✓✓✓✓', 'x'], ['😀', 'y']])).toBe(`✓✓✓✓✓   x\n😀${' '.repeat(7)}y\n`);
  });

  it('pads an empty cell that is followed by another cell, leaving trailing blanks as Go does', () => {
    expect(tabWriter([['NAME', 'APP', ''], ['web', '', '']])).toBe(`NAME   APP   \nweb${' '.repeat(10)}\n`);
  });

  it('sizes columns per block of consecutive lines that have them', () => {
    // The one-cell line ends the first block, which is printed before the wider second one is seen.
    expect(tabWriter([['a', 'b'], ['single'], ['longer-cell', 'c']])).toBe('a     b\nsingle\nlonger-cell   c\n');
  });

  it('never shrinks remembered widths on later flushes (watch output stays aligned)', () => {
    const writer = new TabWriter();
    expect(writer.format([['NAME', 'STATUS'], ['a-long-pod-name', 'Running']])).toBe('NAME              STATUS\na-long-pod-name   Running\n');
    expect(writer.format([['b', 'Pending']])).toBe('b                 Pending\n');
    writer.resetWidths();
    expect(writer.format([['b', 'Pending']])).toBe('b     Pending\n');
  });
});
