// The endpoints controller: keeps each selector Service's Endpoints and EndpointSlices in step
// with the pods it selects, ready ones as addresses and the others as notReadyAddresses. Level
// based: a work queue of service keys (namespace/name), each reconciled from the informer caches.
import { WorkQueue, defaultCatalog, resourcePath, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, KubernetesList, KubernetesObject, ObjectMeta, Pod, Service } from '@kctl/shared';
import type { Logger } from 'pino';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import {
  MANAGED_BY,
  MANAGED_BY_LABEL,
  SERVICE_NAME_LABEL,
  desiredSlices,
  desiredSubsets,
  endpointsLabels,
  managesEndpoints,
  serviceSelects,
  sliceLabels,
  sliceName,
} from './desired-endpoints.js';
import { splitKey, isNotFound } from '../controller-runtime.js';

export interface EndpointsControllerOptions {
  client: ApiClient;
  logger: Logger;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
}

const ENDPOINTS = defaultCatalog.resolve('endpoints')!;
const SLICES = defaultCatalog.resolve('endpointslices')!;

interface Managed extends KubernetesObject {
  metadata: ObjectMeta & { name: string };
}

function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Order-insensitive for object keys: the server may return fields in another order. */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, canonical(x)]))
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export class EndpointsController {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly workers: number;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly queue = new WorkQueue<string>();
  private loop: Promise<void> | undefined;
  private readonly releaseInformers: () => void;

  constructor(opts: EndpointsControllerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.workers = opts.workers ?? 5;
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.services = factory.informerFor<Service>(defaultCatalog.resolve('services')!);
    this.pods = factory.informerFor<Pod>(defaultCatalog.resolve('pods')!);
    const enqueueService = (svc: Service) => this.queue.add(keyOf(svc.metadata?.namespace ?? '', svc.metadata?.name ?? ''));
    this.services.onAdd(enqueueService);
    this.services.onUpdate(enqueueService);
    this.services.onDelete(enqueueService);
    this.pods.onAdd((pod) => this.podChanged(pod));
    this.pods.onUpdate((pod, old) => this.podChanged(pod, old));
    this.pods.onDelete((pod) => this.podChanged(pod));
  }

  /** Resolves once both caches are synced and the workers run. */
  async start(): Promise<void> {
    await Promise.all([this.services.start(), this.pods.start()]);
    this.log.info({ services: this.services.list().length, pods: this.pods.list().length }, 'endpoints controller synced');
    this.loop = runWorkers(this.queue, this.workers, (key) => this.reconcile(key), {
      onError: (key, err) => this.log.warn({ service: key, err: (err as Error).message }, 'syncing endpoints failed, will retry'),
    });
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.queue.shutDown();
    await this.loop;
  }

  /** Every Service of the pod's namespace that selects its old or new labels. */
  private podChanged(pod: Pod, old?: Pod): void {
    const namespace = pod.metadata?.namespace ?? '';
    for (const svc of this.services.list()) {
      if ((svc.metadata?.namespace ?? '') !== namespace) continue;
      if (serviceSelects(svc, pod.metadata?.labels) || (old && serviceSelects(svc, old.metadata?.labels))) {
        this.queue.add(keyOf(namespace, svc.metadata?.name ?? ''));
      }
    }
  }

  async reconcile(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const service = this.services.get(namespace, name);
    if (!service) {
      await this.deleteIgnoringMissing(resourcePath(ENDPOINTS, namespace, name));
      await this.syncSlices(namespace, name, []);
      return;
    }
    // Services without a selector have Endpoints managed by someone else: leave them alone.
    if (!managesEndpoints(service)) return;
    const pods = this.pods.list().filter((pod) => (pod.metadata?.namespace ?? '') === namespace);
    await this.syncEndpoints(service, pods);
    const owner = {
      apiVersion: 'v1',
      kind: 'Service',
      name,
      uid: service.metadata?.uid ?? '',
      controller: true,
      blockOwnerDeletion: true,
    };
    const labels = sliceLabels(service);
    const slices = desiredSlices(service, pods).map((slice, i) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: sliceName(name, i), namespace, labels, ownerReferences: [owner] },
      addressType: 'IPv4',
      endpoints: slice.endpoints,
      ports: slice.ports,
    }));
    await this.syncSlices(namespace, name, slices);
  }

  private async syncEndpoints(service: Service, pods: Pod[]): Promise<void> {
    const namespace = service.metadata?.namespace ?? '';
    const name = service.metadata?.name ?? '';
    const labels = endpointsLabels(service);
    const subsets = desiredSubsets(service, pods);
    const path = resourcePath(ENDPOINTS, namespace, name);
    const existing = await this.getIgnoringMissing(path);
    if (!existing) {
      await this.client.create(resourcePath(ENDPOINTS, namespace), { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels }, subsets });
      this.log.debug({ service: keyOf(namespace, name) }, 'created endpoints');
      return;
    }
    if (sameJson(existing.metadata.labels ?? {}, labels) && sameJson(existing.subsets ?? [], subsets)) return;
    await this.client.replace(path, { ...existing, metadata: { ...existing.metadata, labels }, subsets });
    this.log.debug({ service: keyOf(namespace, name) }, 'updated endpoints');
  }

  /** Creates or updates the wanted slices and deletes the Service's other managed ones. */
  private async syncSlices(namespace: string, service: string, wanted: Managed[]): Promise<void> {
    const list = await this.client.get<KubernetesList<Managed>>(resourcePath(SLICES, namespace), {
      labelSelector: `${SERVICE_NAME_LABEL}=${service},${MANAGED_BY_LABEL}=${MANAGED_BY}`,
    });
    const existing = new Map(list.items.map((s) => [s.metadata.name, s]));
    for (const slice of wanted) {
      const current = existing.get(slice.metadata.name);
      existing.delete(slice.metadata.name);
      if (!current) {
        await this.client.create(resourcePath(SLICES, namespace), slice);
        continue;
      }
      const { apiVersion: _a, kind: _k, metadata, ...body } = slice;
      const { apiVersion: _ca, kind: _ck, metadata: currentMeta, ...currentBody } = current;
      if (
        sameJson(currentMeta.labels ?? {}, metadata.labels) &&
        sameJson(currentMeta.ownerReferences ?? [], metadata.ownerReferences) &&
        sameJson({ endpoints: [], ports: [], ...currentBody }, body)
      ) {
        continue;
      }
      await this.client.replace(resourcePath(SLICES, namespace, slice.metadata.name), {
        ...slice,
        metadata: { ...currentMeta, labels: metadata.labels, ownerReferences: metadata.ownerReferences },
      });
    }
    for (const stale of existing.keys()) await this.deleteIgnoringMissing(resourcePath(SLICES, namespace, stale));
  }

  private async getIgnoringMissing(path: string): Promise<Managed | undefined> {
    try {
      return await this.client.get<Managed>(path);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async deleteIgnoringMissing(path: string): Promise<void> {
    try {
      await this.client.delete(path);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
