// The endpoints controller against a real API server (memory store, loopback, port 0).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '@kctl/shared';
import type { KubernetesList, KubernetesObject, Pod } from '@kctl/shared';
import { EndpointsController } from './endpoints-controller.js';
import type { EndpointSubset, SliceEndpoint } from './desired-endpoints.js';
import { startTestApiServer, testControllerOptions, eventually } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

let server: TestApiServer;
let client: ApiClient;
let controller: EndpointsController;

interface Endpoints extends KubernetesObject {
  subsets?: EndpointSubset[];
}
interface Slice extends KubernetesObject {
  endpoints?: SliceEndpoint[];
  ports?: Array<{ name?: string; port: number; protocol: string }>;
  addressType: string;
}

beforeEach(async () => {
  server = await startTestApiServer();
  client = server.client;
  controller = new EndpointsController(testControllerOptions(client));
  await controller.start();
});

afterEach(async () => {
  await controller.stop();
  await server.close();
});

async function createPod(name: string, ip: string, ready: boolean, labels: Record<string, string> = { app: 'web' }): Promise<void> {
  const pod = await client.create<Pod>('/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox', ports: [{ name: 'http', containerPort: 8080 }] }] },
  });
  await setStatus(pod, ip, ready);
}

async function setStatus(pod: Pod, ip: string, ready: boolean): Promise<void> {
  await client.replace(`/api/v1/namespaces/default/pods/${pod.metadata!.name}/status`, {
    ...pod,
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
}

const getEndpoints = () => client.get<Endpoints>('/api/v1/namespaces/default/endpoints/web');
const getSlices = () => client.get<KubernetesList<Slice>>('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', { labelSelector: 'kubernetes.io/service-name=web' });

describe('the endpoints controller', () => {
  it('keeps Endpoints and the EndpointSlice in step with the selected pods and their readiness', async () => {
    const service = await client.create('/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', labels: { tier: 'front' } },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    });
    await createPod('web-1', '10.244.0.11', true);
    await createPod('web-2', '10.244.0.12', true);
    await createPod('other', '10.244.0.13', true, { app: 'other' });

    const ep = await eventually(getEndpoints, (e) => expect(e.subsets?.[0]?.addresses).toHaveLength(2));
    expect(ep.metadata?.labels).toEqual({ tier: 'front' });
    expect(ep.subsets).toEqual([
      {
        addresses: [
          { ip: '10.244.0.11', nodeName: 'node-1', targetRef: expect.objectContaining({ kind: 'Pod', namespace: 'default', name: 'web-1' }) },
          { ip: '10.244.0.12', nodeName: 'node-1', targetRef: expect.objectContaining({ kind: 'Pod', namespace: 'default', name: 'web-2' }) },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    const slices = await eventually(getSlices, (l) => expect(l.items[0]?.endpoints).toHaveLength(2));
    expect(slices.items).toHaveLength(1);
    const slice = slices.items[0]!;
    expect(slice.metadata?.name).toBe('web-kctl');
    expect(slice.addressType).toBe('IPv4');
    expect(slice.metadata?.labels).toEqual({
      tier: 'front',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice.metadata?.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Service', name: 'web', uid: service.metadata!.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(slice.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);

    // web-2 fails its readiness probe.
    await setStatus(await client.get<Pod>('/api/v1/namespaces/default/pods/web-2'), '10.244.0.12', false);
    const notReady = await eventually(getEndpoints, (e) => expect(e.subsets?.[0]?.notReadyAddresses).toHaveLength(1));
    expect(notReady.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual(['10.244.0.11']);
    expect(notReady.subsets?.[0]?.notReadyAddresses?.map((a) => a.ip)).toEqual(['10.244.0.12']);
    await eventually(getSlices, (l) =>
      expect(l.items[0]?.endpoints?.map((e) => [e.addresses[0], e.conditions.ready])).toEqual([['10.244.0.11', true], ['10.244.0.12', false]]),
    );

    // web-1 goes away.
    await client.delete('/api/v1/namespaces/default/pods/web-1');
    const afterDelete = await eventually(getEndpoints, (e) => expect(e.subsets?.[0]?.addresses ?? []).toHaveLength(0));
    expect(afterDelete.subsets?.[0]?.notReadyAddresses?.map((a) => a.ip)).toEqual(['10.244.0.12']);
    await eventually(getSlices, (l) => expect(l.items[0]?.endpoints?.map((e) => e.targetRef.name)).toEqual(['web-2']));

    // The Service goes away: so do its Endpoints and slices.
    await client.delete('/api/v1/namespaces/default/services/web');
    await eventually(
      () => getEndpoints().then(() => 'present', (err: unknown) => (err instanceof ApiError && err.code === 404 ? 'gone' : 'error')),
      (state) => expect(state).toBe('gone'),
    );
    await eventually(getSlices, (l) => expect(l.items).toHaveLength(0));
  });

  it('leaves Services without a selector alone and skips pods without an IP', async () => {
    await client.create('/api/v1/namespaces/default/services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] },
    });
    await client.create('/api/v1/namespaces/default/services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9000 }] },
    });
    await client.create('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] },
    });
    await createPod('web-1', '10.244.0.21', true);
    const ep = await eventually(getEndpoints, (e) => expect(e.subsets?.[0]?.addresses).toHaveLength(1));
    expect(ep.subsets?.[0]?.ports).toEqual([{ port: 9000, protocol: 'TCP' }]);
    await expect(client.get('/api/v1/namespaces/default/endpoints/manual')).rejects.toMatchObject({ code: 404 });
  });
});
