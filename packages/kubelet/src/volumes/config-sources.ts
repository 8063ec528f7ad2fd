// The kubelet's view of the objects pods draw configuration from: ConfigMaps and Secrets (env and
// volumes) and Services (service env vars), each kept by an informer over all namespaces. A
// lookup the cache cannot answer falls back to one GET, because a ConfigMap created just before
// its pod may not have arrived through the watch yet (Kubernetes' watch-based manager waits for
// the same reason). Changes are reported so the kubelet can refresh the pods that use them.
import { ApiError, Informer, defaultCatalog, resourcePath } from '@kctl/shared';
import type { ApiClient } from '@kctl/shared';
import type { ConfigMap, Secret, Service } from './api-objects.js';

export interface SourceObjects {
  ConfigMap: ConfigMap;
  Secret: Secret;
  Service: Service;
}
export type SourceKind = keyof SourceObjects;

export type SourceChangeListener = (kind: SourceKind, namespace: string, name: string) => void;

/** What the env and volume code reads; the informer-backed cache below or a test fake. */
export interface ConfigSources {
  /** undefined when the object does not exist; throws when the API server cannot say */
  get<K extends SourceKind>(kind: K, namespace: string, name: string): Promise<SourceObjects[K] | undefined>;
  /** every cached object of KIND, all namespaces */
  list<K extends SourceKind>(kind: K): readonly SourceObjects[K][];
}

const RESOURCES: Record<SourceKind, string> = { ConfigMap: 'configmaps', Secret: 'secrets', Service: 'services' };

export class ConfigSourceCache implements ConfigSources {
  private readonly informers: { [K in SourceKind]: Informer<SourceObjects[K]> };
  private readonly listeners: SourceChangeListener[] = [];

  constructor(
    private readonly client: ApiClient,
    opts: { onHandlerError?: (err: unknown) => void } = {},
  ) {
    const informer = <K extends SourceKind>(kind: K): Informer<SourceObjects[K]> => {
      const created = new Informer<SourceObjects[K]>(client, defaultCatalog.byPath('', 'v1', RESOURCES[kind])!, {
        ...(opts.onHandlerError ? { onHandlerError: opts.onHandlerError } : {}),
      });
      const report = (obj: SourceObjects[K]) => this.emit(kind, obj.metadata?.namespace ?? '', obj.metadata?.name ?? '');
      created.onAdd(report);
      created.onUpdate(report);
      created.onDelete(report);
      return created;
    };
    this.informers = { ConfigMap: informer('ConfigMap'), Secret: informer('Secret'), Service: informer('Service') };
  }

  /** Resolves once every informer listed its kind. */
  async start(): Promise<void> {
    await Promise.all(Object.values(this.informers).map((i) => i.start()));
  }

  stop(): void {
    for (const informer of Object.values(this.informers)) informer.stop();
  }

  onChange(listener: SourceChangeListener): void {
    this.listeners.push(listener);
  }

  list<K extends SourceKind>(kind: K): readonly SourceObjects[K][] {
    return (this.informers[kind] as Informer<SourceObjects[K]>).list();
  }

  async get<K extends SourceKind>(kind: K, namespace: string, name: string): Promise<SourceObjects[K] | undefined> {
    const cached = (this.informers[kind] as Informer<SourceObjects[K]>).get(namespace, name);
    if (cached) return cached;
    try {
      const type = defaultCatalog.byPath('', 'v1', RESOURCES[kind])!;
      return await this.client.request<SourceObjects[K]>('GET', resourcePath(type, namespace, name));
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) return undefined;
      throw err;
    }
  }

  private emit(kind: SourceKind, namespace: string, name: string): void {
    for (const listener of this.listeners) listener(kind, namespace, name);
  }
}
