// A pod's volumes on the host, under its pod directory the way the kubelet lays them out
// (volumes/kubernetes.io~<plugin>/<name>): set up before its containers start, re-projected when
// their ConfigMaps, Secrets or labels change, torn down after the pod is gone. mountsFor turns a
// container's volumeMounts into the bind mounts the runtime makes. hostPath and persistent
// volumes are bound from where they are and never live under the pod directory, so tearing the
// pod down cannot touch their data.
import { existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { ApiError, defaultCatalog, parseQuantity, quantityValue, resourcePath } from '@kctl/shared';
import type { ApiClient } from '@kctl/shared';
import { ContainerConfigError } from '../pods/container-launch.js';
import { expandVariables } from '../runtime/container-environment.js';
import type { Container, PersistentVolume, PersistentVolumeClaim, Pod, Volume, VolumeMountSpec } from './api-objects.js';
import { writeAtomically } from './atomic-writer.js';
import type { ConfigSources } from './config-sources.js';
import type { NodeAllocatable } from './downward-api.js';
import { checkHostPathType } from './host-path.js';
import { mountTmpfs, mountsUnder, unmount } from './mounts.js';
import { hostnameFileContent, hostsFileContent, podResolverConfig, resolvConfContent } from './pod-etc-files.js';
import type { ClusterDns } from './pod-etc-files.js';
import { volumePayload } from './volume-payloads.js';
import { VolumeSetUpError } from './volume-mount.js';
import type { VolumeMount } from './volume-mount.js';

export interface PodVolumesOptions {
  /** the kubelet's root dir: pods live in <rootDir>/pods/<ns>_<name>_<uid> */
  rootDir: string;
  sources: ConfigSources;
  client: ApiClient;
  /** resourceFieldRef limits a container does not set, and the size of an unbounded memory emptyDir */
  nodeAllocatable?: () => NodeAllocatable;
  /** the cluster domain of subdomain host names (default cluster.local) */
  clusterDomain?: string;
  onWarning?: (message: string, details: Record<string, unknown>) => void;
}

export interface VolumeContext {
  podIp: string;
  hostIp: string;
  /** every pod IP for /etc/hosts; default [podIp] */
  podIps?: string[];
  /** the cluster DNS for dnsPolicy ClusterFirst; without it such pods keep the host's resolv.conf */
  dns?: ClusterDns;
}

type VolumeKind = 'emptyDir' | 'hostPath' | 'configMap' | 'secret' | 'downwardAPI' | 'projected' | 'persistentVolumeClaim';
const VOLUME_KINDS: readonly VolumeKind[] = ['emptyDir', 'hostPath', 'configMap', 'secret', 'downwardAPI', 'projected', 'persistentVolumeClaim'];

/** The kinds whose files the kubelet writes: Kubernetes mounts them read-only. */
const PROJECTED_KINDS = new Set<VolumeKind>(['configMap', 'secret', 'downwardAPI', 'projected']);

/** Kinds Kubernetes keeps on a tmpfs (a wrapped emptyDir of medium Memory), so secrets never reach the disk. */
const MEMORY_BACKED_KINDS = new Set<VolumeKind>(['secret', 'downwardAPI', 'projected']);

/** The plugin directory names Kubernetes uses under pods/<uid>/volumes. */
const PLUGIN_DIRS: Partial<Record<VolumeKind, string>> = {
  emptyDir: 'kubernetes.io~empty-dir',
  configMap: 'kubernetes.io~configmap',
  secret: 'kubernetes.io~secret',
  downwardAPI: 'kubernetes.io~downward-api',
  projected: 'kubernetes.io~projected',
};

// The pod's /etc files sit in <podDir>/etc next to the per-container log directories; a
// container named "etc" only adds <n>.log files beside them.
const ETC_FILES = { hosts: '/etc/hosts', hostname: '/etc/hostname', 'resolv.conf': '/etc/resolv.conf' } as const;

function volumeKind(volume: Volume): VolumeKind | undefined {
  return VOLUME_KINDS.find((kind) => volume[kind] !== undefined);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** emptyDir's setupDir: rwx for everyone, changed only when the permission bits differ (a tmpfs keeps its sticky bit). */
async function ensureWorldWritable(dir: string): Promise<void> {
  if (((await stat(dir)).mode & 0o777) !== 0o777) await chmod(dir, 0o777);
}

/** Writes FILE only when its content differs, in place: a bind mount of it sees the new bytes. */
async function writeIfChanged(file: string, content: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current !== content) await writeFile(file, content, { mode: 0o644 });
}

export class PodVolumes {
  private readonly clusterDomain: string;
  /** per pod uid: persistentVolumeClaim volume name → the PV's host path, found at set-up */
  private readonly claims = new Map<string, Map<string, { path: string; readOnly: boolean }>>();
  /** per pod uid: the operation in progress, so set-up, refresh and tear-down never interleave */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: PodVolumesOptions) {
    this.clusterDomain = opts.clusterDomain ?? 'cluster.local';
  }

  /** <rootDir>/pods/<ns>_<name>_<uid>: the directory containerLogPath uses as well. */
  podDir(pod: Pod): string {
    const meta = pod.metadata ?? {};
    return join(this.opts.rootDir, 'pods', `${meta.namespace}_${meta.name}_${meta.uid}`);
  }

  private volumeDir(pod: Pod, kind: VolumeKind, name: string): string {
    return join(this.podDir(pod), 'volumes', PLUGIN_DIRS[kind] ?? kind, name);
  }

  private etcDir(pod: Pod): string {
    return join(this.podDir(pod), 'etc');
  }

  /** Every volume of the pod ready on the host, and its /etc files written. Idempotent. */
  setUp(pod: Pod, ctx: VolumeContext): Promise<void> {
    return this.serially(pod.metadata?.uid ?? '', async () => {
      await mkdir(this.podDir(pod), { recursive: true, mode: 0o750 });
      const failures: Array<{ volume: string; message: string }> = [];
      for (const volume of pod.spec?.volumes ?? []) {
        try {
          await this.setUpVolume(pod, volume);
        } catch (err) {
          // Claim errors come from the kubelet's volume manager before any SetUp, so they read as they are.
          const message = volumeKind(volume) === 'persistentVolumeClaim' ? errorMessage(err) : `MountVolume.SetUp failed for volume ${JSON.stringify(volume.name)} : ${errorMessage(err)}`;
          failures.push({ volume: volume.name, message });
        }
      }
      if (!pod.spec?.hostNetwork) {
        try {
          await this.writeEtcFiles(pod, ctx);
        } catch (err) {
          failures.push({ volume: 'etc-hosts', message: errorMessage(err) });
        }
      }
      if (failures.length) throw new VolumeSetUpError(failures);
    });
  }

  /** Re-projects configMap, secret, downwardAPI and projected volumes (atomically, unchanged files untouched). */
  refresh(pod: Pod, _ctx?: VolumeContext): Promise<void> {
    return this.serially(pod.metadata?.uid ?? '', async () => {
      const failures: Array<{ volume: string; message: string }> = [];
      for (const volume of pod.spec?.volumes ?? []) {
        const kind = volumeKind(volume);
        if (!kind || !PROJECTED_KINDS.has(kind)) continue;
        try {
          await this.project(pod, volume, kind);
        } catch (err) {
          failures.push({ volume: volume.name, message: `MountVolume.SetUp failed for volume ${JSON.stringify(volume.name)} : ${errorMessage(err)}` });
        }
      }
      if (failures.length) throw new VolumeSetUpError(failures);
    });
  }

  /** Unmounts the pod's tmpfs volumes and removes its volumes and /etc files; the pod directory
   * itself goes too when nothing else (logs) is left in it. */
  tearDown(podUid: string, pod?: Pod): Promise<void> {
    return this.serially(podUid, async () => {
      this.claims.delete(podUid);
      const dir = pod ? this.podDir(pod) : findPodDir(this.opts.rootDir, podUid);
      if (dir) await removePodVolumeDirs(dir, (message, details) => this.opts.onWarning?.(message, { podUid, ...details }));
    });
  }

  /** Whether the pod reads the ConfigMap / Secret, through a volume or its containers' env. */
  usesSource(pod: Pod, kind: 'ConfigMap' | 'Secret', namespace: string, name: string): boolean {
    if (pod.metadata?.namespace !== namespace) return false;
    const spec = pod.spec;
    const names = new Set<string | undefined>();
    for (const volume of spec?.volumes ?? []) {
      if (kind === 'ConfigMap') names.add(volume.configMap?.name);
      else names.add(volume.secret?.secretName);
      for (const source of volume.projected?.sources ?? []) names.add(kind === 'ConfigMap' ? source.configMap?.name : source.secret?.name);
    }
    for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])]) {
      for (const from of container.envFrom ?? []) names.add(kind === 'ConfigMap' ? from.configMapRef?.name : from.secretRef?.name);
      for (const env of container.env ?? []) names.add(kind === 'ConfigMap' ? env.valueFrom?.configMapKeyRef?.name : env.valueFrom?.secretKeyRef?.name);
    }
    return names.has(name);
  }

  /** The bind mounts CONTAINER needs: its volumeMounts (subPath / subPathExpr resolved against
   * ENV, the container's environment), then the pod's /etc files unless it mounts its own there.
   * Throws ContainerConfigError (CreateContainerConfigError) for a mount that cannot be made. */
  mountsFor(pod: Pod, container: Container, env: Readonly<Record<string, string>> = {}): VolumeMount[] {
    const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
    const mounts: VolumeMount[] = [];
    for (const mount of container.volumeMounts ?? []) {
      const volume = volumes.get(mount.name);
      if (!volume) throw new ContainerConfigError(`cannot find volume ${JSON.stringify(mount.name)} to mount into container ${JSON.stringify(container.name)}`);
      const host = this.hostSource(pod, volume);
      const subPath = expandSubPath(mount, container, env);
      mounts.push({
        source: subPath ? resolveSubPath(host.path, subPath, mount, container) : host.path,
        target: mount.mountPath,
        readOnly: host.readOnly || (mount.readOnly ?? false),
      });
    }
    if (!pod.spec?.hostNetwork) {
      const taken = new Set(mounts.map((m) => m.target));
      for (const [file, target] of Object.entries(ETC_FILES)) {
        const source = join(this.etcDir(pod), file);
        if (!taken.has(target) && existsSync(source)) mounts.push({ source, target, readOnly: false });
      }
    }
    return mounts;
  }

  private hostSource(pod: Pod, volume: Volume): { path: string; readOnly: boolean } {
    const kind = volumeKind(volume);
    if (kind === 'hostPath') return { path: volume.hostPath?.path ?? '', readOnly: false };
    if (kind === 'persistentVolumeClaim') {
      const claim = this.claims.get(pod.metadata?.uid ?? '')?.get(volume.name);
      if (!claim) throw new ContainerConfigError(`volume ${JSON.stringify(volume.name)} is not set up`);
      return claim;
    }
    if (!kind) throw new ContainerConfigError(unsupportedVolume(volume));
    return { path: this.volumeDir(pod, kind, volume.name), readOnly: PROJECTED_KINDS.has(kind) };
  }

  private async setUpVolume(pod: Pod, volume: Volume): Promise<void> {
    const kind = volumeKind(volume);
    switch (kind) {
      case 'emptyDir':
        return this.setUpEmptyDir(pod, volume);
      case 'hostPath':
        return checkHostPathType(volume.hostPath?.path ?? '', volume.hostPath?.type);
      case 'persistentVolumeClaim':
        return this.setUpClaim(pod, volume);
      case undefined:
        throw new Error(unsupportedVolume(volume));
      default:
        return this.project(pod, volume, kind);
    }
  }

  private async setUpEmptyDir(pod: Pod, volume: Volume): Promise<void> {
    const dir = this.volumeDir(pod, 'emptyDir', volume.name);
    await mkdir(dir, { recursive: true });
    const medium = volume.emptyDir?.medium ?? '';
    if (medium === 'Memory') {
      // Kubernetes sizes an unbounded memory emptyDir by the node's allocatable memory.
      await mountTmpfs(dir, this.memoryBytes(volume.emptyDir?.sizeLimit));
    } else if (medium !== '') {
      throw new Error(`emptyDir medium ${JSON.stringify(medium)} is not supported`);
    }
    await ensureWorldWritable(dir);
  }

  /** A tmpfs size: the limit asked for, else the node's allocatable memory (Kubernetes' default). */
  private memoryBytes(limit: string | number | undefined): number | undefined {
    const size = parseQuantity(limit ?? this.opts.nodeAllocatable?.().memory);
    return size ? quantityValue(size) : undefined;
  }

  /** Secret-bearing volumes go on a tmpfs; a kubelet that may not mount (not root) keeps them on disk and says so. */
  private async mountMemoryBacked(dir: string): Promise<void> {
    try {
      await mountTmpfs(dir, this.memoryBytes(undefined));
    } catch (err) {
      if (process.getuid?.() === 0) throw err;
      this.opts.onWarning?.('volume kept on disk: only root can mount the tmpfs Kubernetes uses for it', { dir, err: errorMessage(err) });
    }
  }

  /** The claim must exist and be Bound to a PV whose hostPath or local path is on this host. */
  private async setUpClaim(pod: Pod, volume: Volume): Promise<void> {
    const source = volume.persistentVolumeClaim!;
    const namespace = pod.metadata?.namespace ?? '';
    const claimType = defaultCatalog.byPath('', 'v1', 'persistentvolumeclaims')!;
    const claim = await this.fetch<PersistentVolumeClaim>(resourcePath(claimType, namespace, source.claimName));
    if (!claim) throw new Error(`persistentvolumeclaim ${JSON.stringify(source.claimName)} not found`);
    if (claim.metadata?.deletionTimestamp) throw new Error(`error processing PVC ${namespace}/${source.claimName}: PVC is being deleted`);
    const pvName = claim.spec?.volumeName;
    if (claim.status?.phase !== 'Bound' || !pvName) throw new Error('pod has unbound immediate PersistentVolumeClaims');
    const pv = await this.fetch<PersistentVolume>(resourcePath(defaultCatalog.byPath('', 'v1', 'persistentvolumes')!, undefined, pvName));
    if (!pv) throw new Error(`persistentvolume ${JSON.stringify(pvName)} not found`);
    const hostPath = pv.spec?.hostPath;
    const localPath = pv.spec?.local?.path;
    let path: string;
    if (hostPath) {
      checkHostPathType(hostPath.path, hostPath.type);
      path = hostPath.path;
    } else if (localPath) {
      if (!existsSync(localPath)) throw new Error(`MountVolume.NewMounter initialization failed for volume ${JSON.stringify(pvName)} : path ${JSON.stringify(localPath)} does not exist`);
      path = localPath;
    } else {
      throw new Error(`persistentvolume ${JSON.stringify(pvName)} has neither a hostPath nor a local path: the process runtime cannot mount it`);
    }
    const uid = pod.metadata?.uid ?? '';
    const claims = this.claims.get(uid) ?? new Map<string, { path: string; readOnly: boolean }>();
    claims.set(volume.name, { path, readOnly: source.readOnly ?? false });
    this.claims.set(uid, claims);
  }

  private async fetch<T>(path: string): Promise<T | undefined> {
    try {
      return await this.opts.client.request<T>('GET', path);
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) return undefined;
      throw err;
    }
  }

  private async project(pod: Pod, volume: Volume, kind: VolumeKind): Promise<void> {
    const payload = await volumePayload(volume, { pod, sources: this.opts.sources, node: this.opts.nodeAllocatable?.() ?? {} });
    if (!payload) return;
    const dir = this.volumeDir(pod, kind, volume.name);
    await mkdir(dir, { recursive: true });
    if (MEMORY_BACKED_KINDS.has(kind)) await this.mountMemoryBacked(dir);
    await ensureWorldWritable(dir);
    await writeAtomically(dir, payload);
  }

  private async writeEtcFiles(pod: Pod, ctx: VolumeContext): Promise<void> {
    const etc = this.etcDir(pod);
    await mkdir(etc, { recursive: true, mode: 0o755 });
    await writeIfChanged(join(etc, 'hosts'), hostsFileContent(pod, ctx.podIps ?? [ctx.podIp], this.clusterDomain));
    await writeIfChanged(join(etc, 'hostname'), hostnameFileContent(pod, this.clusterDomain));
    const resolver = podResolverConfig(pod, ctx.dns);
    if (resolver) await writeIfChanged(join(etc, 'resolv.conf'), resolvConfContent(resolver));
    else await rm(join(etc, 'resolv.conf'), { force: true });
  }

  /** A pod dir by uid alone: names and namespaces never hold '_', so the uid is what follows the last one. */
  private serially<T>(uid: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(uid) ?? Promise.resolve();
    const next = previous.then(operation, operation);
    const settled = next.catch(() => {});
    this.queues.set(uid, settled);
    void settled.then(() => {
      if (this.queues.get(uid) === settled) this.queues.delete(uid);
    });
    return next;
  }
}

/** <rootDir>/pods/<ns>_<name>_<uid> of the pod with this uid, if it has one. */
function findPodDir(rootDir: string, podUid: string): string | undefined {
  const pods = join(rootDir, 'pods');
  const name = existsSync(pods) ? readdirSync(pods).find((entry) => entry.endsWith(`_${podUid}`)) : undefined;
  return name ? join(pods, name) : undefined;
}

/**
 * Unmounts a pod directory's tmpfs volumes and removes its volumes and /etc files; the directory
 * itself goes too when nothing else (logs) is left in it. Also what `--stop-all-containers`
 * runs for every pod directory of a node, with no API at hand.
 */
export async function removePodVolumeDirs(dir: string, onWarning?: (message: string, details: Record<string, unknown>) => void): Promise<void> {
  const volumesDir = join(dir, 'volumes');
  for (const mountPoint of mountsUnder(volumesDir)) {
    await unmount(mountPoint).catch((err: unknown) => onWarning?.('could not unmount a pod volume', { mountPoint, err: errorMessage(err) }));
  }
  const left = mountsUnder(volumesDir);
  // Never delete recursively through a mount: whatever is mounted there is not ours to erase.
  if (left.length) throw new Error(`cannot remove the volumes in ${dir}: still mounted: ${left.join(', ')}`);
  await rm(volumesDir, { recursive: true, force: true });
  const etc = join(dir, 'etc');
  await Promise.all(Object.keys(ETC_FILES).map((name) => rm(join(etc, name), { force: true })));
  await rmdir(etc).catch(() => {});
  if ((await readdir(dir).catch(() => ['?'])).length === 0) await rmdir(dir).catch(() => {});
}

function unsupportedVolume(volume: Volume): string {
  return `volume ${JSON.stringify(volume.name)} has a source the process runtime does not support (supported: ${VOLUME_KINDS.join(', ')})`;
}

function subPathError(mount: VolumeMountSpec, container: Container, reason: string): ContainerConfigError {
  return new ContainerConfigError(`failed to prepare subPath for volumeMount ${JSON.stringify(mount.name)} of container ${JSON.stringify(container.name)}: ${reason}`);
}

/** subPath, or subPathExpr with $(VAR) from the container's env (kubecontainer.ExpandContainerVolumeMounts). */
function expandSubPath(mount: VolumeMountSpec, container: Container, env: Readonly<Record<string, string>>): string {
  if (!mount.subPathExpr) return mount.subPath ?? '';
  const missing = new Set<string>();
  const expanded = expandVariables(mount.subPathExpr, (name) => {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (!value) missing.add(name);
    return value ?? '';
  });
  if (missing.size) throw subPathError(mount, container, `missing value for ${[...missing].sort().join(', ')}`);
  return expanded;
}

function within(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The host path a subPath mount binds: inside the volume even after symlinks (a container must
 * not reach the host through a link it planted), created as a directory when missing, like the
 * kubelet's SafeMakeDir. Symlinks are resolved so configMap keys bind their current file. */
function resolveSubPath(volumePath: string, subPath: string, mount: VolumeMountSpec, container: Container): string {
  if (isAbsolute(subPath) || subPath.split('/').includes('..')) throw subPathError(mount, container, `subPath ${JSON.stringify(subPath)} must be a relative path without '..'`);
  let base: string;
  try {
    base = realpathSync(volumePath);
  } catch (err) {
    throw subPathError(mount, container, errorMessage(err));
  }
  const wanted = join(base, subPath);
  let existing = wanted;
  let resolved = realPathOrUndefined(existing);
  while (resolved === undefined) {
    existing = dirname(existing);
    resolved = realPathOrUndefined(existing);
  }
  const escape = () => subPathError(mount, container, `subpath ${JSON.stringify(wanted)} not within volume path ${JSON.stringify(base)}`);
  if (!within(base, resolved)) throw escape();
  if (existing === wanted) return resolved;
  try {
    mkdirSync(join(resolved, relative(existing, wanted)), { recursive: true, mode: 0o755 });
  } catch (err) {
    throw subPathError(mount, container, errorMessage(err));
  }
  const created = realpathSync(wanted);
  if (!within(base, created)) throw escape();
  return created;
}

function realPathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
