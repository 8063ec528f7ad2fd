// The kubeconfigs `up` writes: the data dir's own single-cluster file, and (like kind and k3d)
// a context merged into the user's kubeconfig so plain `kubectl` finds the cluster.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { kubeconfigPaths, readKubeconfigFile, singleClusterKubeconfig, emptyKubeconfig } from '@kctl/shared';
import type { Kubeconfig } from '@kctl/shared';

export const DEFAULT_CLUSTER_NAME = 'kctl';

export function apiServerUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Kubeconfigs hold credentials (later), so they are private to the user, as kubectl makes them. */
function writePrivateFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  // rename keeps readers from ever seeing a half-written file.
  renameSync(temporary, path);
}

export function writeClusterKubeconfig(path: string, name: string, server: string): void {
  writePrivateFileAtomically(path, stringify(singleClusterKubeconfig(name, server)));
}

/** The file kubectl would write to: the first KUBECONFIG entry, else ~/.kube/config. */
export function userKubeconfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const [first] = kubeconfigPaths(undefined, env);
  if (!first) throw new Error('no kubeconfig path to merge into');
  return first;
}

function replaceByName<T extends { name: string }>(entries: T[], replacement: T): T[] {
  return [...entries.filter((entry) => entry.name !== replacement.name), replacement];
}

/** Adds (or replaces) the cluster, user and context called `name`, and makes it current. */
export function mergeClusterIntoKubeconfig(existing: Kubeconfig, name: string, server: string): Kubeconfig {
  const ours = singleClusterKubeconfig(name, server);
  const merged: Kubeconfig = { ...existing, 'current-context': name };
  merged.clusters = ours.clusters.reduce(replaceByName, existing.clusters);
  merged.users = ours.users.reduce(replaceByName, existing.users);
  merged.contexts = ours.contexts.reduce(replaceByName, existing.contexts);
  return merged;
}

/** Merges into the user's kubeconfig file, creating it when missing; returns its path. */
export function mergeIntoUserKubeconfig(name: string, server: string, env: NodeJS.ProcessEnv = process.env): string {
  const path = userKubeconfigPath(env);
  const existing = existsSync(path) ? readKubeconfigFile(path) : emptyKubeconfig();
  writePrivateFileAtomically(path, stringify(mergeClusterIntoKubeconfig(existing, name, server)));
  return path;
}

/** The cluster name `up` recorded in the data dir's kubeconfig, for `status` and `down`. */
export function recordedClusterName(kubeconfigPath: string): string {
  try {
    return readKubeconfigFile(kubeconfigPath)['current-context'] ?? DEFAULT_CLUSTER_NAME;
  } catch {
    return DEFAULT_CLUSTER_NAME;
  }
}
