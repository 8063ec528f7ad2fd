// What every verb needs: the connection from kubeconfig + global flags, the API client and the
// catalog. Built lazily so verbs that never talk to a server (config, completion) stay fast.
import { ApiClient, connectionFromKubeconfig, defaultCatalog, loadKubeconfig } from '@kctl/shared';
import type { ClusterConnection, ResourceCatalog } from '@kctl/shared';

export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  server?: string;
  token?: string;
  allNamespaces?: boolean;
}

export class CliContext {
  private clientInstance?: ApiClient;
  readonly catalog: ResourceCatalog = defaultCatalog;

  constructor(readonly globals: GlobalOptions) {}

  connection(): ClusterConnection {
    const cfg = loadKubeconfig(this.globals.kubeconfig);
    return connectionFromKubeconfig(cfg, {
      ...(this.globals.context ? { context: this.globals.context } : {}),
      ...(this.globals.namespace ? { namespace: this.globals.namespace } : {}),
      ...(this.globals.server ? { server: this.globals.server } : {}),
      ...(this.globals.token ? { token: this.globals.token } : {}),
    });
  }

  get client(): ApiClient {
    // One request per invocation mostly: no keep-alive, so the process exits at once.
    this.clientInstance ??= new ApiClient(this.connection(), { keepAlive: false, userAgent: 'kctl/v1.32.0 (linux/amd64)' });
    return this.clientInstance;
  }

  /** The namespace a namespaced request goes to: -n, else the context's, else "default". */
  get namespace(): string {
    return this.globals.namespace ?? this.client.namespace;
  }

  /** True when the user named the namespace on the command line. */
  get namespaceExplicit(): boolean {
    return this.globals.namespace !== undefined;
  }

  close(): void {
    this.clientInstance?.close();
  }
}
