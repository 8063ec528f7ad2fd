import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@kctl/shared';
import type { ApiClient } from '@kctl/shared';
import { ContainerConfigError } from '../pods/container-launch.js';
import type { Container, Pod, Volume } from './api-objects.js';
import { FakeConfigSources, b64 } from './config-sources.test-support.js';
import { mountPoints, unmount } from './mounts.js';
import { PodVolumes } from './pod-volumes.js';
import { VolumeSetUpError } from './volume-mount.js';

let root: string;
let sources: FakeConfigSources;
let apiObjects: Map<string, unknown>;
let volumes: PodVolumes;
const ctx = { podIp: '10.1.0.7', hostIp: '192.168.0.2', dns: { nameserver: '10.96.0.10', searches: ['ns.svc.cluster.local'], options: ['ndots:5'] } };
const isRoot = process.getuid?.() === 0;

/** GETs answered from apiObjects by path; anything else is a 404 like the API server's. */
const fakeClient = {
  request: async (_method: string, path: string) => {
    if (apiObjects.has(path)) return apiObjects.get(path);
    throw new ApiError(404, 'NotFound', `not found: ${path}`);
  },
} as unknown as ApiClient;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kubelet-volumes-'));
  sources = new FakeConfigSources();
  apiObjects = new Map();
  volumes = new PodVolumes({ rootDir: root, sources, client: fakeClient, nodeAllocatable: () => ({ cpu: '2', memory: '1Gi' }) });
});

afterEach(async () => {
  // Whatever a failed test left mounted under the temp root goes before the directory does.
  for (const mountPoint of mountPoints().filter((m) => m.startsWith(root))) await unmount(mountPoint).catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

function makePod(volumeList: Volume[], container: Partial<Container> = {}, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  const uid = `uid-${Math.random().toString(36).slice(2, 8)}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'ns', uid, labels: { app: 'web' } },
    spec: { volumes: volumeList, containers: [{ name: 'main', ...container }], ...spec },
  };
}

const main = (pod: Pod) => pod.spec!.containers[0]!;

async function setUpError(pod: Pod): Promise<VolumeSetUpError> {
  const err = await volumes.setUp(pod, ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VolumeSetUpError);
  return err as VolumeSetUpError;
}

describe('configMap and secret volumes', () => {
  it('projects a ConfigMap read-only and follows its edits atomically', async () => {
    sources.put('ConfigMap', { metadata: { namespace: 'ns', name: 'cfg' }, data: { message: 'hello' }, binaryData: { blob: b64('\u0001\u0002') } });
    const pod = makePod([{ name: 'config', configMap: { name: 'cfg' } }], { volumeMounts: [{ name: 'config', mountPath: '/etc/cfg' }] });
    await volumes.setUp(pod, ctx);
    const [mount] = volumes.mountsFor(pod, main(pod));
    expect(mount).toEqual({ source: join(volumes.podDir(pod), 'volumes/kubernetes.io~configmap/config'), target: '/etc/cfg', readOnly: true });
    const reader = join(mount!.source, 'message');
    expect(readFileSync(reader, 'utf8')).toBe('hello');
    expect(readFileSync(join(mount!.source, 'blob'))).toEqual(Buffer.from([1, 2]));
    expect(statSync(reader).mode & 0o777).toBe(0o644);
    const before = readdirSync(mount!.source).filter((n) => n.startsWith('..2'));

    sources.put('ConfigMap', { metadata: { namespace: 'ns', name: 'cfg' }, data: { message: 'bonjour' } });
    await volumes.refresh(pod, ctx);
    expect(readFileSync(reader, 'utf8')).toBe('bonjour');
    expect(existsSync(join(mount!.source, 'blob'))).toBe(false);
    const after = readdirSync(mount!.source).filter((n) => n.startsWith('..2'));
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
  });

  it('decodes a Secret, honours defaultMode, items with path and mode', async () => {
    sources.put('Secret', { metadata: { namespace: 'ns', name: 'creds' }, data: { password: b64('s3cret'), user: b64('admin') } });
    const pod = makePod([
      { name: 'all', secret: { secretName: 'creds', defaultMode: 0o400 } },
      { name: 'some', secret: { secretName: 'creds', items: [{ key: 'user', path: 'conf/user.txt', mode: 0o640 }] } },
    ]);
    await volumes.setUp(pod, ctx);
    const dir = (name: string) => join(volumes.podDir(pod), 'volumes/kubernetes.io~secret', name);
    expect(readFileSync(join(dir('all'), 'password'), 'utf8')).toBe('s3cret');
    expect(statSync(join(dir('all'), 'password')).mode & 0o777).toBe(0o400);
    expect(readdirSync(dir('some')).filter((n) => !n.startsWith('..'))).toEqual(['conf']);
    expect(readFileSync(join(dir('some'), 'conf/user.txt'), 'utf8')).toBe('admin');
    expect(statSync(join(dir('some'), 'conf/user.txt')).mode & 0o777).toBe(0o640);
    if (isRoot) {
      // Like Kubernetes, secrets live on a tmpfs (drwxrwxrwt), which tearDown unmounts.
      expect(mountPoints()).toEqual(expect.arrayContaining([dir('all'), dir('some')]));
      expect(statSync(dir('all')).mode & 0o7777).toBe(0o1777);
      await volumes.tearDown(pod.metadata!.uid!, pod);
      expect(mountPoints().filter((m) => m.startsWith(root))).toEqual([]);
      expect(existsSync(dir('all'))).toBe(false);
    }
  });

  it("fails with Kubernetes' messages, and an optional missing source is an empty volume", async () => {
    sources.put('ConfigMap', { metadata: { namespace: 'ns', name: 'cfg' }, data: { a: '1' } });
    const missing = await setUpError(makePod([{ name: 'c', configMap: { name: 'nope' } }]));
    expect(missing.message).toBe('MountVolume.SetUp failed for volume "c" : configmap "nope" not found');
    const secret = await setUpError(makePod([{ name: 's', secret: { secretName: 'nope' } }]));
    expect(secret.message).toBe('MountVolume.SetUp failed for volume "s" : secret "nope" not found');
    const key = await setUpError(makePod([{ name: 'c', configMap: { name: 'cfg', items: [{ key: 'b', path: 'b' }] } }]));
    expect(key.message).toBe('MountVolume.SetUp failed for volume "c" : configmap references non-existent config key: b');

    const optional = makePod([
      { name: 'c', configMap: { name: 'nope', optional: true } },
      { name: 'k', configMap: { name: 'cfg', optional: true, items: [{ key: 'b', path: 'b' }, { key: 'a', path: 'x' }] } },
    ]);
    await volumes.setUp(optional, ctx);
    const dir = (name: string) => join(volumes.podDir(optional), 'volumes/kubernetes.io~configmap', name);
    expect(readdirSync(dir('c')).filter((n) => !n.startsWith('..'))).toEqual([]);
    expect(readdirSync(dir('k')).filter((n) => !n.startsWith('..'))).toEqual(['x']);
  });
});

describe('downwardAPI and projected volumes', () => {
  it('writes pod fields and container resources, and refreshes labels', async () => {
    const pod = makePod(
      [
        {
          name: 'info',
          downwardAPI: {
            items: [
              { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
              { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
              { path: 'mem', resourceFieldRef: { containerName: 'main', resource: 'limits.memory', divisor: '1Mi' } },
              { path: 'cpu', resourceFieldRef: { containerName: 'main', resource: 'limits.cpu' } },
            ],
          },
        },
      ],
      { resources: { limits: { memory: '32Mi' } } },
    );
    await volumes.setUp(pod, ctx);
    const dir = join(volumes.podDir(pod), 'volumes/kubernetes.io~downward-api/info');
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect([read('labels'), read('name'), read('mem'), read('cpu')]).toEqual(['app="web"', 'web', '32', '2']);
    await volumes.refresh({ ...pod, metadata: { ...pod.metadata, labels: { app: 'web', v: '2' } } });
    expect(read('labels')).toBe('app="web"\nv="2"');
  });

  it('merges configMap, secret and downwardAPI sources with the projected defaultMode', async () => {
    sources.put('ConfigMap', { metadata: { namespace: 'ns', name: 'cfg' }, data: { a: '1' } });
    sources.put('Secret', { metadata: { namespace: 'ns', name: 'sec' }, data: { b: b64('2') } });
    const pod = makePod([
      {
        name: 'all',
        projected: {
          defaultMode: 0o440,
          sources: [
            { configMap: { name: 'cfg' } },
            { secret: { name: 'sec', items: [{ key: 'b', path: 'sub/b' }] } },
            { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
            { serviceAccountToken: { path: 'token' } },
          ],
        },
      },
    ]);
    await volumes.setUp(pod, ctx);
    const dir = join(volumes.podDir(pod), 'volumes/kubernetes.io~projected/all');
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('1');
    expect(readFileSync(join(dir, 'sub/b'), 'utf8')).toBe('2');
    expect(readFileSync(join(dir, 'ns'), 'utf8')).toBe('ns');
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o440);
    const both = await setUpError(makePod([{ name: 'p', projected: { sources: [{ configMap: { name: 'x' } }, { secret: { name: 'y' } }] } }]));
    expect(both.message).toBe('MountVolume.SetUp failed for volume "p" : [configmap "x" not found, secret "y" not found]');
  });
});

describe('emptyDir and subPath', () => {
  it('makes a world-writable dir; subPath and subPathExpr bind a created subdirectory', async () => {
    const pod = makePod([{ name: 'scratch', emptyDir: {} }], {
      volumeMounts: [
        { name: 'scratch', mountPath: '/data' },
        { name: 'scratch', mountPath: '/logs', subPath: 'logs/app', readOnly: true },
        { name: 'scratch', mountPath: '/mine', subPathExpr: '$(POD_NAME)' },
      ],
    });
    await volumes.setUp(pod, ctx);
    const dir = join(volumes.podDir(pod), 'volumes/kubernetes.io~empty-dir/scratch');
    expect(statSync(dir).mode & 0o777).toBe(0o777);
    const mounts = volumes.mountsFor(pod, main(pod), { POD_NAME: 'web' });
    expect(mounts.slice(0, 3)).toEqual([
      { source: dir, target: '/data', readOnly: false },
      { source: join(dir, 'logs/app'), target: '/logs', readOnly: true },
      { source: join(dir, 'web'), target: '/mine', readOnly: false },
    ]);
    expect(statSync(join(dir, 'logs/app')).isDirectory()).toBe(true);
    expect(() => volumes.mountsFor(pod, main(pod), {})).toThrow('failed to prepare subPath for volumeMount "scratch" of container "main": missing value for POD_NAME');
  });

  it('refuses a subPath that escapes the volume through a symlink planted in it', async () => {
    const pod = makePod([{ name: 'scratch', emptyDir: {} }], { volumeMounts: [{ name: 'scratch', mountPath: '/x', subPath: 'evil/etc' }] });
    await volumes.setUp(pod, ctx);
    symlinkSync('/', join(volumes.podDir(pod), 'volumes/kubernetes.io~empty-dir/scratch/evil'));
    expect(() => volumes.mountsFor(pod, main(pod))).toThrow(ContainerConfigError);
    expect(() => volumes.mountsFor(pod, main(pod))).toThrow(/not within volume path/);
  });

  it('binds the current file of a configMap key for a subPath mount', async () => {
    sources.put('ConfigMap', { metadata: { namespace: 'ns', name: 'cfg' }, data: { 'app.conf': 'x=1' } });
    const pod = makePod([{ name: 'c', configMap: { name: 'cfg' } }], { volumeMounts: [{ name: 'c', mountPath: '/etc/app.conf', subPath: 'app.conf' }] });
    await volumes.setUp(pod, ctx);
    const [mount] = volumes.mountsFor(pod, main(pod));
    expect(mount!.source).toMatch(/kubernetes\.io~configmap\/c\/\.\.\d{4}_.*\/app\.conf$/);
    expect(mount!.readOnly).toBe(true);
  });

  it('reports a volumeMount without its volume like the kubelet', () => {
    const pod = makePod([], { volumeMounts: [{ name: 'ghost', mountPath: '/g' }] });
    expect(() => volumes.mountsFor(pod, main(pod))).toThrow('cannot find volume "ghost" to mount into container "main"');
  });

  it.skipIf(!isRoot)('mounts a sized tmpfs for medium Memory and leaves no mount after tearDown', async () => {
    const pod = makePod([{ name: 'ram', emptyDir: { medium: 'Memory', sizeLimit: '8Mi' } }]);
    await volumes.setUp(pod, ctx);
    await volumes.setUp(pod, ctx); // idempotent: still one mount
    const dir = join(volumes.podDir(pod), 'volumes/kubernetes.io~empty-dir/ram');
    const line = () => readFileSync('/proc/mounts', 'utf8').split('\n').filter((l) => l.split(' ')[1] === dir);
    expect(line()).toHaveLength(1);
    expect(line()[0]).toMatch(/^tmpfs \S+ tmpfs .*size=8192k/);
    writeFileSync(join(dir, 'f'), 'in memory');
    await volumes.tearDown(pod.metadata!.uid!);
    expect(line()).toHaveLength(0);
    expect(existsSync(join(volumes.podDir(pod), 'volumes'))).toBe(false);
  });
});

describe('hostPath volumes', () => {
  type HostPathType = NonNullable<Volume['hostPath']>['type'];
  const hostPod = (path: string, type?: string) =>
    makePod([{ name: 'h', hostPath: { path, ...(type !== undefined ? { type: type as HostPathType } : {}) } }], { volumeMounts: [{ name: 'h', mountPath: '/h' }] });

  it('creates what the OrCreate types ask for and binds the host path itself', async () => {
    const dir = join(root, 'host/new/dir');
    const pod = hostPod(dir, 'DirectoryOrCreate');
    await volumes.setUp(pod, ctx);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(volumes.mountsFor(pod, main(pod))[0]).toEqual({ source: dir, target: '/h', readOnly: false });
    await volumes.setUp(hostPod(join(root, 'host/new/file'), 'FileOrCreate'), ctx);
    expect(statSync(join(root, 'host/new/file')).isFile()).toBe(true);
    await volumes.setUp(hostPod(join(root, 'nowhere-but-unchecked')), ctx);
  });

  it("fails the checks with Kubernetes' messages", async () => {
    mkdirSync(join(root, 'd'));
    writeFileSync(join(root, 'f'), '');
    const message = async (path: string, type: string) => (await setUpError(hostPod(path, type))).message;
    expect(await message(join(root, 'missing'), 'Directory')).toBe(`MountVolume.SetUp failed for volume "h" : hostPath type check failed: ${join(root, 'missing')} is not a directory`);
    expect(await message(join(root, 'd'), 'File')).toBe(`MountVolume.SetUp failed for volume "h" : hostPath type check failed: ${join(root, 'd')} is not a file`);
    expect(await message(join(root, 'f'), 'DirectoryOrCreate')).toMatch(/is not a directory$/);
    expect(await message(join(root, 'f'), 'Socket')).toMatch(/is not a socket file$/);
    expect(await message(join(root, 'f'), 'CharDevice')).toMatch(/is not a character device$/);
    expect(await message(join(root, 'no/parent/file'), 'FileOrCreate')).toMatch(/open .*no\/parent\/file: no such file or directory$/);
    expect(await message(join(root, 'f'), 'Bogus')).toMatch(/Bogus is an invalid volume type$/);
  });

  it('accepts a real socket for type Socket', async () => {
    const socket = join(root, 's.sock');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      await volumes.setUp(hostPod(socket, 'Socket'), ctx);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('persistentVolumeClaim volumes', () => {
  const claimPath = '/api/v1/namespaces/ns/persistentvolumeclaims/data';
  const claimPod = (readOnly?: boolean) =>
    makePod([{ name: 'd', persistentVolumeClaim: { claimName: 'data', ...(readOnly ? { readOnly } : {}) } }], { volumeMounts: [{ name: 'd', mountPath: '/data' }] });

  it('binds the bound PV host path; tearDown leaves its data', async () => {
    const pvDir = join(root, 'pv/pvc-1');
    apiObjects.set(claimPath, { metadata: { name: 'data' }, spec: { volumeName: 'pvc-1' }, status: { phase: 'Bound' } });
    apiObjects.set('/api/v1/persistentvolumes/pvc-1', { metadata: { name: 'pvc-1' }, spec: { hostPath: { path: pvDir, type: 'DirectoryOrCreate' } } });
    const pod = claimPod(true);
    await volumes.setUp(pod, ctx);
    expect(volumes.mountsFor(pod, main(pod))[0]).toEqual({ source: pvDir, target: '/data', readOnly: true });
    writeFileSync(join(pvDir, 'log'), 'kept');
    await volumes.tearDown(pod.metadata!.uid!, pod);
    expect(readFileSync(join(pvDir, 'log'), 'utf8')).toBe('kept');
    expect(existsSync(volumes.podDir(pod))).toBe(false);
  });

  it('reports a missing, unbound or unmountable claim', async () => {
    expect((await setUpError(claimPod())).message).toBe('persistentvolumeclaim "data" not found');
    apiObjects.set(claimPath, { metadata: { name: 'data' }, spec: {}, status: { phase: 'Pending' } });
    expect((await setUpError(claimPod())).message).toBe('pod has unbound immediate PersistentVolumeClaims');
    apiObjects.set(claimPath, { metadata: { name: 'data' }, spec: { volumeName: 'pv-x' }, status: { phase: 'Bound' } });
    expect((await setUpError(claimPod())).message).toBe('persistentvolume "pv-x" not found');
    const pod = claimPod();
    expect(() => volumes.mountsFor(pod, main(pod))).toThrow(ContainerConfigError);
  });
});

describe('the pod /etc files', () => {
  it('writes hosts, hostname and resolv.conf and mounts them unless the container brings its own', async () => {
    const pod = makePod([{ name: 'scratch', emptyDir: {} }], { volumeMounts: [{ name: 'scratch', mountPath: '/etc/hostname', subPath: 'h' }] });
    await volumes.setUp(pod, ctx);
    const etc = join(volumes.podDir(pod), 'etc');
    expect(readFileSync(join(etc, 'hosts'), 'utf8')).toMatch(/\n10\.1\.0\.7\tweb\n$/);
    expect(readFileSync(join(etc, 'hostname'), 'utf8')).toBe('web\n');
    expect(readFileSync(join(etc, 'resolv.conf'), 'utf8')).toBe('search ns.svc.cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(volumes.mountsFor(pod, main(pod)).map((m) => [m.target, m.source])).toEqual([
      ['/etc/hostname', join(volumes.podDir(pod), 'volumes/kubernetes.io~empty-dir/scratch/h')],
      ['/etc/hosts', join(etc, 'hosts')],
      ['/etc/resolv.conf', join(etc, 'resolv.conf')],
    ]);
  });

  it('mounts no /etc files for hostNetwork pods and no resolv.conf without cluster DNS', async () => {
    const hostNet = makePod([], {}, { hostNetwork: true });
    await volumes.setUp(hostNet, ctx);
    expect(volumes.mountsFor(hostNet, main(hostNet))).toEqual([]);
    const noDns = makePod([]);
    await volumes.setUp(noDns, { podIp: '10.1.0.8', hostIp: '192.168.0.2' });
    expect(volumes.mountsFor(noDns, main(noDns)).map((m) => m.target)).toEqual(['/etc/hosts', '/etc/hostname']);
  });
});

describe('usesSource and tearDown', () => {
  it('knows which ConfigMaps and Secrets a pod reads, through volumes or env', () => {
    const pod = makePod(
      [
        { name: 'c', configMap: { name: 'vol-cm' } },
        { name: 'p', projected: { sources: [{ secret: { name: 'proj-sec' } }] } },
      ],
      { envFrom: [{ configMapRef: { name: 'env-cm' } }], env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'env-sec', key: 'k' } } }] },
    );
    expect(volumes.usesSource(pod, 'ConfigMap', 'ns', 'vol-cm')).toBe(true);
    expect(volumes.usesSource(pod, 'ConfigMap', 'ns', 'env-cm')).toBe(true);
    expect(volumes.usesSource(pod, 'Secret', 'ns', 'proj-sec')).toBe(true);
    expect(volumes.usesSource(pod, 'Secret', 'ns', 'env-sec')).toBe(true);
    expect(volumes.usesSource(pod, 'Secret', 'ns', 'vol-cm')).toBe(false);
    expect(volumes.usesSource(pod, 'ConfigMap', 'other', 'vol-cm')).toBe(false);
  });

  it('finds the pod dir by uid alone and keeps container logs it does not own', async () => {
    sources.put('ConfigMap', { metadata: { namespace: 'ns', name: 'cfg' }, data: { a: '1' } });
    const pod = makePod([{ name: 'c', configMap: { name: 'cfg' } }]);
    await volumes.setUp(pod, ctx);
    mkdirSync(join(volumes.podDir(pod), 'main'));
    writeFileSync(join(volumes.podDir(pod), 'main/0.log'), 'log');
    await volumes.tearDown(pod.metadata!.uid!);
    expect(readdirSync(volumes.podDir(pod))).toEqual(['main']);
    await volumes.tearDown(pod.metadata!.uid!); // nothing left to do, no error
  });
});
