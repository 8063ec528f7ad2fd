// `kctl config view`: the merged kubeconfig, minified to the current context on request, with
// secrets replaced the way kubectl does unless --raw.
import type { Kubeconfig, NamedCluster, NamedContext, NamedUser } from '@kctl/shared';
import { UsageError } from '../../resource-arguments.js';
import { toYaml } from '../../output/object-output.js';

export interface ViewOptions {
  minify?: boolean;
  raw?: boolean;
  output?: string;
  /** --context on the command line: the context --minify keeps */
  context?: string;
}

const OMITTED_DATA = ['certificate-authority-data', 'client-certificate-data', 'client-key-data'];
const REDACTED = ['token', 'password'];

/** Keeps only the (current or chosen) context, its cluster and its user. */
export function minify(config: Kubeconfig, contextName: string | undefined): Kubeconfig {
  const name = contextName ?? config['current-context'];
  if (!name) throw new UsageError('current-context must exist in order to minify');
  const context = config.contexts.find((c) => c.name === name);
  if (!context) throw new UsageError(`cannot locate context ${name}`);
  return {
    ...config,
    'current-context': name,
    contexts: [context],
    clusters: config.clusters.filter((c) => c.name === context.context.cluster),
    users: config.users.filter((u) => u.name === context.context.user),
  };
}

function redactFields<T extends object>(entry: T): T {
  const copy = { ...entry } as Record<string, unknown>;
  for (const key of OMITTED_DATA) if (copy[key]) copy[key] = 'DATA+OMITTED';
  for (const key of REDACTED) if (copy[key]) copy[key] = 'REDACTED';
  return copy as T;
}

export function redact(config: Kubeconfig): Kubeconfig {
  return {
    ...config,
    clusters: config.clusters.map((c) => ({ ...c, cluster: redactFields(c.cluster) })),
    users: config.users.map((u) => ({ ...u, user: redactFields(u.user) })),
  };
}

/** Orders keys like the Go structs kubectl marshals (-o json keeps struct order). */
function inStructOrder<T extends object>(value: T, order: string[]): T {
  const source = value as Record<string, unknown>;
  const known = order.filter((k) => source[k] !== undefined && source[k] !== '');
  const rest = Object.keys(source).filter((k) => !order.includes(k));
  return Object.fromEntries([...known, ...rest].map((k) => [k, source[k]])) as T;
}

const CLUSTER_ORDER = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression'];
const USER_ORDER = ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'username', 'password', 'exec', 'auth-provider'];
const CONTEXT_ORDER = ['cluster', 'user', 'namespace'];

/** The v1 Config document; empty lists are nil in kubectl and print as null. */
function toDocument(config: Kubeconfig): Record<string, unknown> {
  const list = <T>(items: T[]) => (items.length > 0 ? items : null);
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: config.preferences ?? {},
    clusters: list(config.clusters.map((c: NamedCluster) => ({ name: c.name, cluster: inStructOrder(c.cluster, CLUSTER_ORDER) }))),
    users: list(config.users.map((u: NamedUser) => ({ name: u.name, user: inStructOrder(u.user, USER_ORDER) }))),
    contexts: list(config.contexts.map((c: NamedContext) => ({ name: c.name, context: inStructOrder(c.context, CONTEXT_ORDER) }))),
    'current-context': config['current-context'] ?? '',
  };
}

export function renderConfigView(merged: Kubeconfig, opts: ViewOptions): string {
  const output = opts.output ?? 'yaml';
  if (output !== 'yaml' && output !== 'json') throw new UsageError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
  let config = opts.minify ? minify(merged, opts.context) : merged;
  if (!opts.raw) config = redact(config);
  const document = toDocument(config);
  return output === 'json' ? `${JSON.stringify(document, null, 4)}\n` : toYaml(document);
}
