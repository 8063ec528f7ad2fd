// Volumes and configuration (issue 4, "What must be shown"), through the real kubectl: an edit of
// a ConfigMap reaches the file mounted from it; env from a ConfigMap, a Secret and the downward
// API; a Secret's file mode; a PersistentVolumeClaim of the default local-path class whose data
// outlives the pod that wrote it; a missing ConfigMap is CreateContainerConfigError.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { containerStatus, fixture, POD_WAIT, readPod, waitForPod } from '../harness/pods.js';
import { canMakePodNetworks } from '../harness/privileges.js';
import { hasKubectl, kubectl } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;

const run = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);

async function exec(pod: string, command: string[]): Promise<string> {
  const result = await run(['exec', pod, '--', ...command]);
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout;
}

describe.skipIf(!hasKubectl || !canMakePodNetworks())('volumes and configuration', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    const applied = await run(['apply', '-f', '-'], fixture('pod-context/config-and-storage.yaml'));
    expect(applied.exitCode, applied.stderr).toBe(0);
    const waited = await run(['wait', '--for=condition=Ready', 'pod/configured', '--timeout=60s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 90_000);

  it('brings a ConfigMap edit to the mounted file', async () => {
    expect(await exec('configured', ['cat', '/etc/greeting/message'])).toBe('hello');
    const patched = await run(['patch', 'configmap', 'greeting', '--type=merge', '-p', '{"data":{"message":"bonjour"}}']);
    expect(patched.exitCode, patched.stderr).toBe(0);
    await vi.waitFor(async () => expect(await exec('configured', ['cat', '/etc/greeting/message'])).toBe('bonjour'), POD_WAIT);
  });

  it('sets env from a ConfigMap, a Secret and the downward API, and mounts the Secret with its mode', async () => {
    const pod = await readPod(cluster!.client, 'configured');
    const env = new Map((await exec('configured', ['env'])).split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(env.get('COLOR')).toBe('blue');
    expect(env.get('PASSWORD')).toBe('s3cret');
    expect(env.get('MY_POD_IP')).toBe(pod.status?.podIP);
    expect(env.get('MY_NAMESPACE')).toBe('default');
    expect(await exec('configured', ['cat', '/etc/credentials/password'])).toBe('s3cret');
    expect((await exec('configured', ['stat', '-L', '-c', '%a', '/etc/credentials/password'])).trim()).toBe('400');
    expect(await exec('configured', ['cat', '/etc/podinfo/labels'])).toBe('tier="demo"');
    // Kubernetes mounts configuration volumes read-only.
    const write = await run(['exec', 'configured', '--', 'sh', '-c', 'echo x > /etc/greeting/new']);
    expect(write.exitCode).not.toBe(0);
  });

  it("binds the claim to a provisioned volume whose data outlives the pod", async () => {
    await vi.waitFor(async () => {
      const phase = await run(['get', 'pvc', 'data', '-o', 'jsonpath={.status.phase} {.spec.storageClassName}']);
      expect(phase.stdout).toBe('Bound local-path');
    }, POD_WAIT);
    const first = await run(['apply', '-f', '-'], fixture('pod-context/pvc-writer.yaml', { NAME: 'writer-a' }));
    expect(first.exitCode, first.stderr).toBe(0);
    await waitForPod(cluster!.client, 'writer-a', (p) => expect(p.status?.phase).toBe('Running'));
    await vi.waitFor(async () => expect(await exec('writer-a', ['cat', '/data/log'])).toBe('written by writer-a'), POD_WAIT);
    const deleted = await run(['delete', 'pod', 'writer-a', '--wait=true']);
    expect(deleted.exitCode, deleted.stderr).toBe(0);

    const second = await run(['apply', '-f', '-'], fixture('pod-context/pvc-writer.yaml', { NAME: 'writer-b' }));
    expect(second.exitCode, second.stderr).toBe(0);
    await waitForPod(cluster!.client, 'writer-b', (p) => expect(p.status?.phase).toBe('Running'));
    await vi.waitFor(async () => expect(await exec('writer-b', ['cat', '/data/log'])).toBe('written by writer-a\nwritten by writer-b'), POD_WAIT);
    const volumes = await run(['get', 'pv', '-o', 'jsonpath={.items[*].spec.claimRef.name} {.items[*].status.phase}']);
    expect(volumes.stdout).toBe('data Bound');
  });

  it('reports a missing ConfigMap as CreateContainerConfigError with Kubernetes’ message', async () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'misconfigured' },
      spec: {
        containers: [
          { name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'x' } } }] },
        ],
      },
    };
    const applied = await run(['apply', '-f', '-'], JSON.stringify(pod));
    expect(applied.exitCode, applied.stderr).toBe(0);
    const waiting = await waitForPod(cluster!.client, 'misconfigured', (p) =>
      expect(containerStatus(p, 'main')?.state?.waiting?.reason).toBe('CreateContainerConfigError'),
    );
    expect(containerStatus(waiting, 'main')?.state?.waiting?.message).toBe('configmap "nope" not found');
    const table = await run(['get', 'pod', 'misconfigured', '--no-headers']);
    expect(table.stdout.split(/\s+/)[2]).toBe('CreateContainerConfigError');
  });
});
