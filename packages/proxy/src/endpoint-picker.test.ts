import { describe, expect, it } from 'vitest';
import { EndpointPicker } from './endpoint-picker.js';

const a = { ip: '10.0.0.1', port: 80 };
const b = { ip: '10.0.0.2', port: 80 };
const c = { ip: '10.0.0.3', port: 80 };

describe('EndpointPicker', () => {
  it('round-robins per backend and gives nothing without endpoints', () => {
    const picker = new EndpointPicker();
    const route = { backend: 'ns/web:http' };
    expect([1, 2, 3, 4].map(() => picker.pick(route, [a, b, c], '1.1.1.1'))).toEqual([a, b, c, a]);
    expect(picker.pick({ backend: 'ns/other:' }, [a, b], '1.1.1.1')).toEqual(a);
    expect(picker.pick(route, [], '1.1.1.1')).toBeUndefined();
  });

  it('keeps a client on its endpoint with ClientIP affinity until it times out or the endpoint goes', () => {
    let now = 0;
    const picker = new EndpointPicker(() => now);
    const route = { backend: 'ns/web:', affinityTimeoutMs: 1_000 };
    const first = picker.pick(route, [a, b], '1.1.1.1');
    const other = picker.pick(route, [a, b], '2.2.2.2');
    expect(other).not.toEqual(first);
    now = 900;
    expect([1, 2, 3].map(() => picker.pick(route, [a, b], '1.1.1.1'))).toEqual([first, first, first]);
    now = 2_000; // idle for more than the timeout
    expect(picker.pick(route, [a, b], '1.1.1.1')).toEqual(a);
    expect(picker.pick(route, [b, c], '1.1.1.1')).not.toEqual(a); // its endpoint is gone
  });

  it('prunes the state of removed backends and expired affinities', () => {
    let now = 0;
    const picker = new EndpointPicker(() => now);
    const route = { backend: 'ns/web:', affinityTimeoutMs: 1_000 };
    picker.pick(route, [a, b], '1.1.1.1');
    picker.prune(new Set(), () => undefined);
    expect(picker.pick(route, [a, b], '2.2.2.2')).toEqual(a); // the cursor started over
    now = 5_000;
    picker.prune(new Set(['ns/web:']), () => 1_000);
    expect(picker.pick(route, [a, b], '2.2.2.2')).toEqual(b);
  });
});
