import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ListenerSet } from './listener-set.js';
import type { Listener } from './listener-set.js';
import type { ListenerSpec } from './service-table.js';

const spec = (port: number, backend = 'ns/web:'): ListenerSpec => ({ key: `TCP/127.0.0.1:${port}`, protocol: 'TCP', address: '127.0.0.1', port, route: { backend } });

interface FakeListener extends Listener {
  port: number;
  state: 'open' | 'draining' | 'closed' | 'destroyed';
  drain: () => void;
}

function fakes(busy: Set<number> = new Set()) {
  const opened: FakeListener[] = [];
  const open = async (s: ListenerSpec): Promise<Listener> => {
    if (busy.has(s.port)) throw new Error('listen EADDRINUSE');
    let drained = () => {};
    const listener: FakeListener = {
      port: s.port,
      route: s.route,
      state: 'open',
      drain: () => drained(),
      close: () => {
        listener.state = 'draining';
        return new Promise<void>((resolve) => (drained = () => ((listener.state = 'closed'), resolve())));
      },
      destroy: () => void (listener.state = 'destroyed'),
    };
    opened.push(listener);
    return listener;
  };
  return { opened, set: new ListenerSet({ open, logger: pino({ level: 'silent' }), retryMs: 20 }) };
}

describe('ListenerSet', () => {
  it('opens what is wanted, re-routes in place and closes what is no longer wanted', async () => {
    const { opened, set } = fakes();
    await set.sync([spec(1), spec(2)]);
    expect(set.keys()).toEqual(['TCP/127.0.0.1:1', 'TCP/127.0.0.1:2']);
    await set.sync([spec(1, 'ns/other:'), spec(3)]);
    expect(opened.map((l) => [l.port, l.state, l.route.backend])).toEqual([
      [1, 'open', 'ns/other:'],
      [2, 'draining', 'ns/web:'],
      [3, 'open', 'ns/web:'],
    ]);
    // Stopping drops draining listeners' connections too.
    await set.destroyAll();
    expect(opened.map((l) => l.state)).toEqual(['destroyed', 'destroyed', 'destroyed']);
  });

  it('forgets a listener once it has drained', async () => {
    const { opened, set } = fakes();
    await set.sync([spec(1)]);
    await set.sync([]);
    opened[0]!.drain();
    await new Promise((resolve) => setImmediate(resolve));
    await set.destroyAll();
    expect(opened[0]!.state).toBe('closed');
  });

  it('retries a failed bind on a timer until it succeeds', async () => {
    const busy = new Set([5]);
    const { set } = fakes(busy);
    await set.sync([spec(4), spec(5)]);
    expect(set.keys()).toEqual(['TCP/127.0.0.1:4']);
    busy.clear();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(set.keys()).toEqual(['TCP/127.0.0.1:4', 'TCP/127.0.0.1:5']);
    await set.destroyAll();
  });
});
