// Structural guarantees every printer must keep: a printer per catalog resource, complete
// column definitions, and exactly one cell per column even for an empty object.
import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '../api/resource-catalog.js';
import { defaultPrinter } from './default-printer.js';
import { printerFor } from './printer-registry.js';

const now = new Date('2025-01-10T12:00:00Z');

describe.each(RESOURCE_TYPES.map((type) => [`${type.group || 'core'}/${type.resource}`, type] as const))('%s printer', (_, type) => {
  const printer = printerFor(type.group, type.resource);

  it('is a dedicated printer', () => {
    expect(printer).not.toBe(defaultPrinter);
  });

  it('declares every column with all five keys and upstream priorities', () => {
    for (const column of printer.columns) {
      expect(Object.keys(column).sort()).toEqual(['description', 'format', 'name', 'priority', 'type']);
      expect([0, 1]).toContain(column.priority);
      expect(column.description).not.toBe('');
    }
    const nameColumns = printer.columns.filter((c) => c.name === 'Name');
    expect(nameColumns).toHaveLength(1);
    expect(nameColumns[0]?.format).toBe('name');
  });

  it('emits one cell per column, even for an object with nothing but metadata', () => {
    expect(printer.cells({ metadata: { name: 'n' } }, now)).toHaveLength(printer.columns.length);
    expect(printer.cells({}, now)).toHaveLength(printer.columns.length);
  });
});

describe('printerFor', () => {
  it('serves events.k8s.io events with the core Event printer', () => {
    expect(printerFor('events.k8s.io', 'events')).toBe(printerFor('', 'events'));
  });

  it('keys by group as well as resource', () => {
    expect(printerFor('example.com', 'pods')).toBe(defaultPrinter);
  });
});
