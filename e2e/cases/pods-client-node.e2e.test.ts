// Logs, exec and watch of running pods through @kubernetes/client-node 1.4.0 (`Log`, `Exec`,
// `Watch`), the way a program rather than a terminal uses the cluster.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { podFixture, POD_WAIT } from '../harness/pods.js';
import { kctl } from '../harness/run-cli.js';
import { stopClusterAndFindLeftovers, workloadMarkers } from '../harness/workload-markers.js';
import type { WorkloadMarkers } from '../harness/workload-markers.js';

let cluster: TestCluster;
let markers: WorkloadMarkers;
let kc: k8s.KubeConfig;

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

describe('pods through @kubernetes/client-node', () => {
  beforeAll(async () => {
    markers = workloadMarkers();
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
  }, 60_000);

  afterAll(async () => {
    const leftovers = await stopClusterAndFindLeftovers(cluster && (() => cluster.stop()), markers);
    expect(leftovers).toEqual([]);
  }, 90_000);

  it('watches a pod go from Pending to Running', async () => {
    const watch = new k8s.Watch(kc);
    const phases: string[] = [];
    let request: AbortController | undefined;
    const running = new Promise<void>((resolve) => {
      void watch
        .watch('/api/v1/namespaces/default/pods', { fieldSelector: 'metadata.name=hello' }, (_type, pod: k8s.V1Pod) => {
          const phase = pod.status?.phase ?? '';
          if (phases.at(-1) !== phase) phases.push(phase);
          if (phase === 'Running') resolve();
        }, () => undefined)
        .then((controller) => (request = controller));
    });
    await vi.waitFor(() => expect(request).toBeDefined(), POD_WAIT);
    const applied = await kctl(cluster.kubeconfig, ['apply', '-f', '-'], podFixture('hello.yaml', markers.dir));
    expect(applied.exitCode, applied.stderr).toBe(0);
    await running;
    request?.abort();
    expect(phases[0]).toBe('Pending');
    expect(phases.at(-1)).toBe('Running');
  });

  it('follows the log with Log', async () => {
    const out = new PassThrough();
    const text = collect(out);
    const log = new k8s.Log(kc);
    const request = await log.log('default', 'hello', 'main', out, { follow: true });
    try {
      await vi.waitFor(() => expect(text()).toContain('second line'), POD_WAIT);
      expect(text().startsWith('hello from the pod\n')).toBe(true);
    } finally {
      request.abort();
    }
  });

  it('runs a command with Exec and reports its exit status', async () => {
    const exec = new k8s.Exec(kc);
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const status = await new Promise<k8s.V1Status>((resolve, reject) => {
      exec
        .exec('default', 'hello', 'main', ['sh', '-c', 'echo to-stdout; echo to-stderr >&2; exit 3'], stdout, stderr, null, false, resolve)
        .catch(reject);
    });
    expect(status.status).toBe('Failure');
    expect(status.reason).toBe('NonZeroExitCode');
    expect(status.details?.causes).toContainEqual({ reason: 'ExitCode', message: '3' });
    await vi.waitFor(() => expect(out()).toBe('to-stdout\n'), POD_WAIT);
    expect(err()).toBe('to-stderr\n');
  });

  it('feeds stdin through Exec', async () => {
    const exec = new k8s.Exec(kc);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const out = collect(stdout);
    const status = new Promise<k8s.V1Status>((resolve, reject) => {
      exec.exec('default', 'hello', 'main', ['cat'], stdout, null, stdin, false, resolve).catch(reject);
    });
    stdin.end('through stdin\n');
    expect((await status).status).toBe('Success');
    expect(out()).toBe('through stdin\n');
  });
});
