import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from './api-types.js';
import { getPhase } from './pod-phase.js';

const pod = (restartPolicy: 'Always' | 'OnFailure' | 'Never', init: string[] = []): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', uid: 'u1' },
  spec: { restartPolicy, initContainers: init.map((name) => ({ name })), containers: [{ name: 'a' }, { name: 'b' }] },
});
const running = (name: string): ContainerStatus => ({ name, state: { running: { startedAt: 't' } }, ready: true, restartCount: 0, image: '', imageID: '' });
const exited = (name: string, exitCode: number): ContainerStatus => ({
  name,
  state: { terminated: { exitCode, startedAt: 't', finishedAt: 't' } },
  ready: false,
  restartCount: 0,
  image: '',
  imageID: '',
});
const crashLooping = (name: string): ContainerStatus => ({
  name,
  state: { waiting: { reason: 'CrashLoopBackOff' } },
  lastState: { terminated: { exitCode: 1, startedAt: 't', finishedAt: 't' } },
  ready: false,
  restartCount: 2,
  image: '',
  imageID: '',
});
const creating = (name: string): ContainerStatus => ({ name, state: { waiting: { reason: 'ContainerCreating' } }, ready: false, restartCount: 0, image: '', imageID: '' });

describe('getPhase', () => {
  it('is Pending while a container has not started, Running once all run', () => {
    expect(getPhase(pod('Always'), [], [running('a'), creating('b')], false)).toBe('Pending');
    expect(getPhase(pod('Always'), [], [running('a'), running('b')], false)).toBe('Running');
  });

  it('keeps a crash-looping pod Running (it has run before)', () => {
    expect(getPhase(pod('Always'), [], [crashLooping('a'), crashLooping('b')], false)).toBe('Running');
  });

  it('ends per restart policy when every container stopped', () => {
    expect(getPhase(pod('Never'), [], [exited('a', 0), exited('b', 0)], false)).toBe('Succeeded');
    expect(getPhase(pod('Never'), [], [exited('a', 0), exited('b', 1)], false)).toBe('Failed');
    expect(getPhase(pod('OnFailure'), [], [exited('a', 0), exited('b', 0)], false)).toBe('Succeeded');
    expect(getPhase(pod('OnFailure'), [], [exited('a', 0), exited('b', 1)], false)).toBe('Running');
    expect(getPhase(pod('Always'), [], [exited('a', 0), exited('b', 0)], false)).toBe('Running');
  });

  it('is Pending during init and Failed when an init container fails under Never', () => {
    expect(getPhase(pod('Always', ['i']), [running('i')], [creating('a'), creating('b')], false)).toBe('Pending');
    expect(getPhase(pod('Never', ['i']), [exited('i', 1)], [creating('a'), creating('b')], false)).toBe('Failed');
    expect(getPhase(pod('Always', ['i']), [crashLooping('i')], [creating('a'), creating('b')], false)).toBe('Pending');
  });

  it('gives a deleted pod a terminal phase', () => {
    expect(getPhase(pod('Always'), [], [exited('a', 0), exited('b', 0)], true)).toBe('Succeeded');
    expect(getPhase(pod('Always'), [], [exited('a', 143), exited('b', 0)], true)).toBe('Failed');
  });
});
