// Services (issue 4, "What must be shown"), through the real kubectl: a NodePort Service in front
// of two pods answers from the host on its ClusterIP and on 127.0.0.1:nodePort, and from a third
// pod by its DNS name (full and short); a pod whose readiness probe fails drops out of the
// endpoints and gets no more traffic.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { V1Service } from '@kubernetes/client-node';
import { httpText } from '../harness/http.js';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { fixture, POD_WAIT, readPod } from '../harness/pods.js';
import { canMakePodNetworks } from '../harness/privileges.js';
import { hasKubectl, kubectl } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;
let service: V1Service;

const run = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);

async function answers(host: string, port: number, count = 12): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) seen.add(await httpText(host, port));
  return seen;
}

describe.skipIf(!hasKubectl || !canMakePodNetworks())('Services', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    const applied = await run(['apply', '-f', '-'], fixture('pod-context/services.yaml'));
    expect(applied.exitCode, applied.stderr).toBe(0);
    const waited = await run(['wait', '--for=condition=Ready', 'pod/echo-1', 'pod/echo-2', 'pod/client', '--timeout=60s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
    service = await cluster.client.get<V1Service>('/api/v1/namespaces/default/services/echo');
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 90_000);

  it('answers on its ClusterIP from the host, spreading over both pods', async () => {
    const clusterIp = service.spec!.clusterIP!;
    await vi.waitFor(async () => expect(await answers(clusterIp, 80)).toEqual(new Set(['echo-1', 'echo-2'])), POD_WAIT);
  });

  it('answers on 127.0.0.1:nodePort from the host', async () => {
    const nodePort = service.spec!.ports![0]!.nodePort!;
    await vi.waitFor(async () => expect(await answers('127.0.0.1', nodePort)).toEqual(new Set(['echo-1', 'echo-2'])), POD_WAIT);
  });

  it('answers a third pod by its DNS names', async () => {
    for (const name of ['echo.default.svc.cluster.local', 'echo.default', 'echo']) {
      const result = await run(['exec', 'client', '--', 'wget', '-qO-', '-T', '5', `http://${name}/`]);
      expect(result.exitCode, `${name}: ${result.stderr}`).toBe(0);
      expect(result.stdout.trim()).toMatch(/^echo-[12]$/);
    }
    const lookup = await run(['exec', 'client', '--', 'getent', 'hosts', 'echo.default.svc.cluster.local']);
    expect(lookup.stdout.trim().split(/\s+/)[0]).toBe(service.spec!.clusterIP);
  });

  it('drops a pod whose readiness probe fails from the endpoints and from the traffic', async () => {
    const echo2 = await readPod(cluster!.client, 'echo-2');
    const removed = await run(['exec', 'echo-1', '--', 'rm', '/tmp/ready']);
    expect(removed.exitCode, removed.stderr).toBe(0);
    await vi.waitFor(async () => {
      const endpoints = await run(['get', 'endpoints', 'echo', '-o', 'jsonpath={.subsets[*].addresses[*].ip}']);
      expect(endpoints.stdout).toBe(echo2.status!.podIP);
    }, POD_WAIT);
    expect(await answers(service.spec!.clusterIP!, 80)).toEqual(new Set(['echo-2']));
    const table = await run(['get', 'pod', 'echo-1', '--no-headers']);
    expect(table.stdout.split(/\s+/)[1]).toBe('0/1');
  });
});
