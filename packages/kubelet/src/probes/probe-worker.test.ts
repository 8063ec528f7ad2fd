import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.test-support.js';
import { ProbeWorker } from './probe-worker.js';
import type { ProbeKind, RunningInstance } from './probe-worker.js';

function worker(kind: ProbeKind, probe: Record<string, number>, outcomes: boolean[], started = () => true) {
  const clock = new FakeClock();
  let instance: RunningInstance | undefined = { id: 'c1', startedAtMs: clock.now() };
  const failures: string[] = [];
  let changes = 0;
  const w = new ProbeWorker({
    kind,
    probe: { exec: { command: ['check'] }, ...probe },
    clock,
    current: () => instance,
    isStarted: started,
    run: async () => ({ ok: outcomes.shift() ?? true, output: 'boom' }),
    onFailedAttempt: (output) => failures.push(output),
    onResultChanged: () => changes++,
  });
  return { w, clock, failures, changes: () => changes, replace: (id: string) => (instance = { id, startedAtMs: clock.now() }) };
}

describe('ProbeWorker', () => {
  it('fails liveness only after failureThreshold failures in a row, then holds until a new instance', async () => {
    const { w, failures, replace } = worker('liveness', {}, [false, false, true, false, false, false, false]);
    for (let i = 0; i < 3; i++) await w.probeOnce();
    expect(w.resultFor('c1')).toBe('success'); // two failures, then a success broke the run
    for (let i = 0; i < 3; i++) await w.probeOnce();
    expect(w.resultFor('c1')).toBe('failure');
    expect(failures).toHaveLength(5);
    await w.probeOnce(); // on hold: no probe runs
    expect(failures).toHaveLength(5);
    replace('c2');
    expect(w.resultFor('c2')).toBe('success');
  });

  it('keeps readiness false before the first success and during the initial delay', async () => {
    const { w, clock } = worker('readiness', { initialDelaySeconds: 5 }, [true]);
    expect(w.resultFor('c1')).toBe('failure');
    await w.probeOnce();
    expect(w.resultFor('c1')).toBe('failure');
    clock.advance(5000);
    await w.probeOnce();
    expect(w.resultFor('c1')).toBe('success');
  });

  it('does not probe liveness until the startup probe passed', async () => {
    let started = false;
    const { w, failures } = worker('liveness', { failureThreshold: 1 }, [false], () => started);
    await w.probeOnce();
    expect(failures).toHaveLength(0);
    started = true;
    await w.probeOnce();
    expect(w.resultFor('c1')).toBe('failure');
  });

  it('probes every periodSeconds on the clock', async () => {
    const { w, clock, failures } = worker('readiness', { periodSeconds: 3 }, [false, false, false]);
    w.start();
    clock.advance(0);
    await Promise.resolve();
    await Promise.resolve();
    const afterFirst = failures.length;
    clock.advance(3000);
    await new Promise((r) => setImmediate(r));
    expect(afterFirst).toBe(1);
    expect(failures.length).toBe(2);
    w.stop();
  });
});
