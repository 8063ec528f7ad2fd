import { describe, expect, it } from 'vitest';
import { conditionMet, jsonPathMet, parseWaitTarget } from './wait-conditions.js';
import { parseGoDuration } from './go-duration.js';

const ready = (extra: object = {}, status: object = {}) => ({
  metadata: { name: 'x', generation: 3 },
  status: { conditions: [{ type: 'Ready', status: 'True', ...extra }], ...status },
});

describe('wait conditions', () => {
  it('parses --for forms, defaulting the condition status to true', () => {
    expect(parseWaitTarget('delete')).toEqual({ kind: 'delete' });
    expect(parseWaitTarget('condition=Ready')).toEqual({ kind: 'condition', name: 'Ready', status: 'true' });
    expect(parseWaitTarget('condition=Ready=false')).toEqual({ kind: 'condition', name: 'Ready', status: 'false' });
    expect(parseWaitTarget("jsonpath={.status.phase}='Running'")).toEqual({ kind: 'jsonpath', expression: '{.status.phase}', value: 'Running' });
    expect(parseWaitTarget('jsonpath={.items[?(@.a=="b")].c}=1')).toMatchObject({ expression: '{.items[?(@.a=="b")].c}', value: '1' });
    expect(() => parseWaitTarget('foo')).toThrow('unrecognized condition: "foo"');
  });

  it('matches the condition type and status case-insensitively', () => {
    expect(conditionMet(ready(), 'ready', 'true')).toBe(true);
    expect(conditionMet(ready(), 'Ready', 'False')).toBe(false);
    expect(conditionMet(ready(), 'Available', 'true')).toBe(false);
  });

  it('treats a condition observed for an older generation as not met', () => {
    expect(conditionMet(ready({ observedGeneration: 2 }), 'Ready', 'true')).toBe(false);
    expect(conditionMet(ready({}, { observedGeneration: 2 }), 'Ready', 'true')).toBe(false);
    // The condition's own observedGeneration wins over the status one.
    expect(conditionMet(ready({ observedGeneration: 3 }, { observedGeneration: 2 }), 'Ready', 'true')).toBe(true);
    expect(conditionMet(ready(), 'Ready', 'true')).toBe(true);
  });

  it('compares one jsonpath value, or only its presence when no value is given', () => {
    const pod = { status: { phase: 'Running', podIP: '' } };
    expect(jsonPathMet(pod, '{.status.phase}', 'Running')).toBe(true);
    expect(jsonPathMet(pod, '{.status.phase}', 'Pending')).toBe(false);
    expect(jsonPathMet(pod, '{.status.hostIP}', undefined)).toBe(false);
    expect(() => jsonPathMet(pod, '{.status}', 'x')).toThrow('jsonpath leads to a nested object or list which is not supported');
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('30s')).toBe(30_000);
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('-1s')).toBe(-1000);
    expect(parseGoDuration('0')).toBe(0);
    expect(() => parseGoDuration('10')).toThrow('time: invalid duration "10"');
  });
});
