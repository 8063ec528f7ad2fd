import { describe, expect, it } from 'vitest';
import { podForRun, validateRunFlags } from './pod-for-run.js';

const base = { image: 'busybox', restart: 'Always', env: [] as string[] };

describe('kctl run pod', () => {
  it('builds the body kubectl run posts', () => {
    expect(podForRun('tmp', { ...base, restart: 'Never' }, ['sleep', '100'])).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'tmp', creationTimestamp: null, labels: { run: 'tmp' } },
      spec: { containers: [{ name: 'tmp', image: 'busybox', args: ['sleep', '100'], resources: {} }], restartPolicy: 'Never', dnsPolicy: 'ClusterFirst' },
      status: {},
    });
  });

  it('uses the arguments as the command with --command, and sets env, labels, stdin and tty', () => {
    const pod = podForRun('x', { ...base, command: true, env: ['A=1', 'B=x=y'], labels: 'app=a,tier=b', stdin: true, tty: true }, ['sh']) as any;
    expect(pod.metadata.labels).toEqual({ app: 'a', tier: 'b' });
    expect(pod.spec.containers[0]).toMatchObject({ command: ['sh'], env: [{ name: 'A', value: '1' }, { name: 'B', value: 'x=y' }], stdin: true, stdinOnce: true, tty: true });
    expect(pod.spec.containers[0].args).toBeUndefined();
  });

  it('rejects what kubectl rejects, with its words', () => {
    expect(() => validateRunFlags(undefined, base)).toThrow('NAME is required for run');
    expect(() => validateRunFlags('x', { ...base, image: undefined })).toThrow('--image is required');
    expect(() => validateRunFlags('x', { ...base, restart: 'Sometimes' })).toThrow('invalid restart policy: Sometimes');
    expect(() => validateRunFlags('x', { ...base, tty: true })).toThrow('-i/--stdin is required for containers with -t/--tty=true');
    expect(() => validateRunFlags('x', { ...base, rm: true })).toThrow('--rm should only be used for attached containers');
  });
});
