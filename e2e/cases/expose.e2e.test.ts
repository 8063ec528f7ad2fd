// kctl expose against a real cluster: the Service it creates for a pod is the one real kubectl
// generates (its client dry run is the judge; only the fields the server allocates or defaults
// differ), and the host reaches the pod through the new ClusterIP.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { V1Service } from '@kubernetes/client-node';
import { httpText } from '../harness/http.js';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { POD_WAIT } from '../harness/pods.js';
import { canMakePodNetworks } from '../harness/privileges.js';
import { hasKubectl, kctl, kubectl } from '../harness/run-cli.js';

// The pod answers with its hostname (the pod's name), so the test knows who answered.
const WEB_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: { app: web, tier: frontend }
spec:
  containers:
    - name: server
      image: python:3.11
      command: ["sh", "-c", "mkdir -p /tmp/www && hostname > /tmp/www/index.html && exec python3 -m http.server 8080 --directory /tmp/www"]
      ports: [{ containerPort: 8080 }]
      readinessProbe:
        tcpSocket: { port: 8080 }
        periodSeconds: 1
`;

const EXPOSE_ARGS = ['expose', 'pod', 'web', '--port', '80', '--target-port', '8080', '--type', 'NodePort'];

let cluster: TestCluster | undefined;

/** What kubectl's generator put in, without what the server allocates (IPs, nodePort). */
function generatedPart(service: V1Service, generated: V1Service): unknown {
  const spec = service.spec ?? {};
  const keys = Object.keys(generated.spec ?? {});
  return {
    labels: service.metadata?.labels,
    spec: Object.fromEntries(keys.map((key) => [key, key === 'ports' ? spec.ports?.map(({ nodePort: _allocated, ...port }) => port) : spec[key as keyof typeof spec]])),
  };
}

describe.skipIf(!hasKubectl || !canMakePodNetworks())('kctl expose', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    const applied = await kubectl(cluster.kubeconfig, ['apply', '-f', '-'], WEB_POD);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const waited = await kubectl(cluster.kubeconfig, ['wait', '--for=condition=Ready', 'pod/web', '--timeout=60s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 90_000);

  it('prints the same client dry run as kubectl, byte for byte', async () => {
    const args = [...EXPOSE_ARGS, '--dry-run=client', '-o', 'json'];
    const ours = await kctl(cluster!.kubeconfig, args);
    const theirs = await kubectl(cluster!.kubeconfig, args);
    expect(theirs.exitCode, theirs.stderr).toBe(0);
    expect(ours).toEqual(theirs);
  });

  it('creates the Service kubectl would, and the host reaches the pod on its ClusterIP', async () => {
    const dryRun = await kubectl(cluster!.kubeconfig, [...EXPOSE_ARGS, '--dry-run=client', '-o', 'json']);
    const generated = JSON.parse(dryRun.stdout) as V1Service;
    const exposed = await kctl(cluster!.kubeconfig, EXPOSE_ARGS);
    expect(exposed, exposed.stderr).toMatchObject({ exitCode: 0, stdout: 'service/web exposed' });

    const service = await cluster!.client.get<V1Service>('/api/v1/namespaces/default/services/web');
    expect(generatedPart(service, generated)).toEqual({ labels: generated.metadata?.labels, spec: generated.spec });
    expect(service.metadata?.managedFields?.map((entry) => entry.manager)).toEqual(['kubectl-expose']);
    expect(service.spec?.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(service.spec?.ports?.[0]?.nodePort).toBeGreaterThan(0);

    await vi.waitFor(async () => expect(await httpText(service.spec!.clusterIP!, 80)).toBe('web'), POD_WAIT);
  });

  it("refuses a second Service of the same name in the server's words", async () => {
    const again = await kctl(cluster!.kubeconfig, EXPOSE_ARGS);
    expect(again).toEqual({ exitCode: 1, stdout: '', stderr: 'Error from server (AlreadyExists): services "web" already exists' });
  });
});
