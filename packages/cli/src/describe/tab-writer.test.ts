import { describe, expect, it } from 'vitest';
import { TabWriter } from './tab-writer.js';

function render(text: string): string {
  const w = new TabWriter();
  w.write(text);
  return w.toString();
}

describe('TabWriter (Go text/tabwriter, minwidth 0, padding 2)', () => {
  it('pads a column to its widest cell plus two spaces', () => {
    expect(render('Name:\tweb\nNamespace:\tdefault\n')).toBe('Name:       web\nNamespace:  default\n');
  });

  it('starts a new column block after a line without a tab', () => {
    expect(render('A:\t1\nSection:\nLonger key:\t2\n')).toBe('A:  1\nSection:\nLonger key:  2\n');
  });

  it('aligns an inner column only across consecutive lines that have it', () => {
    expect(render('a\tb\tc\naaa\tbbbb\n\tx\n')).toBe('a    b  c\naaa  bbbb\n     x\n');
  });

  it('keeps trailing spaces of the last cell and pads empty cells', () => {
    expect(render('  Type\tStatus\n  Ready \tTrue \n')).toBe('  Type    Status\n  Ready   True \n');
  });

  it('counts characters, not bytes, for width', () => {
    expect(render('é:\tx\nab:\ty\n')).toBe('é:   x\nab:  y\n');
  });

  it('aligns text flushed earlier independently of later text', () => {
    const w = new TabWriter();
    w.write('Long label:\tx\n');
    w.flush();
    w.write('A:\ty\n');
    expect(w.toString()).toBe('Long label:  x\nA:  y\n');
  });
});
