import { describe, expect, it } from 'vitest';
import { cellText, goSprint } from './cell-text.js';

describe('cellText', () => {
  it('prints strings verbatim and null as nothing', () => {
    expect(cellText('Running')).toBe('Running');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
  });

  it('cuts strings at the first newline, carriage return or form feed and marks the cut', () => {
    expect(cellText('first\nsecond')).toBe('first...');
    expect(cellText('a\rb')).toBe('a...');
    expect(cellText('a\fb\nc')).toBe('a...');
  });

  it('defuses terminal escape sequences', () => {
    expect(cellText('\x1b[31mred')).toBe('^[[31mred');
  });

  it('prints other JSON values the way Go fmt.Sprint does', () => {
    expect(cellText(3)).toBe('3');
    expect(cellText(false)).toBe('false');
    expect(cellText(1.5)).toBe('1.5');
  });
});

describe('goSprint', () => {
  it('uses exponent form only below 1e-4 or from 1e21, with two exponent digits', () => {
    expect(goSprint(0.0001)).toBe('0.0001');
    expect(goSprint(0.00001)).toBe('1e-05');
    expect(goSprint(1.5e-7)).toBe('1.5e-07');
    expect(goSprint(1e21)).toBe('1e+21');
    expect(goSprint(123456789012)).toBe('123456789012');
  });

  it('prints maps with sorted keys and lists space-separated', () => {
    expect(goSprint({ b: 1, a: ['x', true] })).toBe('map[a:[x true] b:1]');
    expect(goSprint(null)).toBe('<nil>');
  });
});
