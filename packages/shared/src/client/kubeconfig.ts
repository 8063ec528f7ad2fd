// kubeconfig files as kubectl reads them: KUBECONFIG (a colon-separated list, first file wins
// per key), --kubeconfig, --context. Every client connects through this, so credentials and
// TLS added later change no call site.
import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, delimiter } from 'node:path';
// js-yaml loads in ~4 ms where `yaml` takes ~25 ms: kubeconfig is read by every kctl command.
import { load as parseYaml } from 'js-yaml';

export interface NamedCluster {
  name: string;
  cluster: { server: string; 'insecure-skip-tls-verify'?: boolean; 'certificate-authority-data'?: string; 'certificate-authority'?: string };
}
export interface NamedUser {
  name: string;
  user: { token?: string; 'client-certificate-data'?: string; 'client-key-data'?: string; username?: string; password?: string };
}
export interface NamedContext {
  name: string;
  context: { cluster: string; user?: string; namespace?: string };
}
export interface Kubeconfig {
  apiVersion: 'v1';
  kind: 'Config';
  preferences?: Record<string, unknown>;
  clusters: NamedCluster[];
  users: NamedUser[];
  contexts: NamedContext[];
  'current-context'?: string;
}

/** What a client needs to reach one API server. */
export interface ClusterConnection {
  server: string;
  namespace: string;
  token?: string;
  insecureSkipTlsVerify?: boolean;
  caData?: string;
  clientCertData?: string;
  clientKeyData?: string;
  contextName?: string;
}

export function emptyKubeconfig(): Kubeconfig {
  return { apiVersion: 'v1', kind: 'Config', preferences: {}, clusters: [], users: [], contexts: [] };
}

export function defaultKubeconfigPath(): string {
  return join(homedir(), '.kube', 'config');
}

/** The files kubectl would read, in precedence order. */
export function kubeconfigPaths(explicit?: string, env = process.env): string[] {
  if (explicit) return [explicit];
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter(Boolean);
  return [defaultKubeconfigPath()];
}

export function readKubeconfigFile(path: string): Kubeconfig {
  const text = readFileSync(path, 'utf8');
  const parsed = (parseYaml(text) ?? {}) as Partial<Kubeconfig>;
  return {
    ...emptyKubeconfig(),
    ...parsed,
    clusters: parsed.clusters ?? [],
    users: parsed.users ?? [],
    contexts: parsed.contexts ?? [],
  };
}

/** Merges several kubeconfigs the way kubectl does: the first file to define a name wins. */
export function loadKubeconfig(explicit?: string, env = process.env): Kubeconfig {
  const merged = emptyKubeconfig();
  const paths = kubeconfigPaths(explicit, env);
  for (const path of paths) {
    if (!existsSync(path)) {
      if (explicit) throw new Error(`stat ${path}: no such file or directory`);
      continue;
    }
    const cfg = readKubeconfigFile(path);
    for (const key of ['clusters', 'users', 'contexts'] as const) {
      const have = new Set(merged[key].map((e) => e.name));
      for (const entry of cfg[key] as Array<{ name: string }>) {
        if (!have.has(entry.name)) (merged[key] as Array<{ name: string }>).push(entry);
      }
    }
    if (!merged['current-context'] && cfg['current-context']) merged['current-context'] = cfg['current-context'];
  }
  return merged;
}

export interface ConnectionOverrides {
  context?: string;
  namespace?: string;
  server?: string;
  token?: string;
}

export function connectionFromKubeconfig(cfg: Kubeconfig, overrides: ConnectionOverrides = {}): ClusterConnection {
  const contextName = overrides.context ?? cfg['current-context'];
  const context = cfg.contexts.find((c) => c.name === contextName)?.context;
  if (overrides.context && !context) throw new Error(`context was not found for specified context: ${overrides.context}`);
  const cluster = context ? cfg.clusters.find((c) => c.name === context.cluster)?.cluster : undefined;
  const user = context?.user ? cfg.users.find((u) => u.name === context.user)?.user : undefined;
  const server = overrides.server ?? cluster?.server;
  if (!server) {
    throw new Error('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
  }
  const token = overrides.token ?? user?.token;
  return {
    server: server.replace(/\/+$/, ''),
    namespace: overrides.namespace ?? context?.namespace ?? 'default',
    ...(token ? { token } : {}),
    ...(cluster?.['insecure-skip-tls-verify'] ? { insecureSkipTlsVerify: true } : {}),
    ...(cluster?.['certificate-authority-data'] ? { caData: cluster['certificate-authority-data'] } : {}),
    ...(user?.['client-certificate-data'] ? { clientCertData: user['client-certificate-data'] } : {}),
    ...(user?.['client-key-data'] ? { clientKeyData: user['client-key-data'] } : {}),
    ...(contextName ? { contextName } : {}),
  };
}

/** A kubeconfig with a single cluster/user/context, as `kctl cluster up` writes it. */
export function singleClusterKubeconfig(name: string, server: string, namespace = 'default'): Kubeconfig {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    // insecure-skip-tls-verify lets @kubernetes/client-node talk to an http:// server.
    clusters: [{ name, cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name, user: {} }],
    contexts: [{ name, context: { cluster: name, user: name, namespace } }],
    'current-context': name,
  };
}
