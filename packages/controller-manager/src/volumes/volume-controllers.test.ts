// The PersistentVolume controller and the local-path provisioner against a real API server
// (memory store, loopback, port 0) and a temporary --local-path-root.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { ApiClient, ApiError } from '@kctl/shared';
import type { Event, KubernetesList } from '@kctl/shared';
import { LocalPathProvisioner } from './local-path-provisioner.js';
import { PersistentVolumeController } from './persistent-volume-controller.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from './volume-types.js';
import { startTestApiServer, eventually } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

let server: TestApiServer;
let client: ApiClient;
let root: string;
let scratch: string;
let running: Array<{ stop(): Promise<void> }> = [];

const logger = pino({ level: process.env.KCTL_TEST_LOG ?? 'silent' });
const backoff = { initialMs: 50, maxMs: 200 };

async function startControllers(): Promise<void> {
  const binder = new PersistentVolumeController({ client, logger, reconnectBackoff: backoff });
  const provisioner = new LocalPathProvisioner({ client, logger, root, reconnectBackoff: backoff });
  running.push(binder, provisioner);
  await Promise.all([provisioner.start(), binder.start()]);
}

async function stopControllers(): Promise<void> {
  await Promise.all(running.map((c) => c.stop()));
  running = [];
}

beforeEach(async () => {
  server = await startTestApiServer();
  client = server.client;
  scratch = await mkdtemp(path.join(tmpdir(), 'kctl-volumes-'));
  root = path.join(scratch, 'local-path');
  await mkdir(root);
});

afterEach(async () => {
  await stopControllers();
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

const getClaim = (name: string) => client.get<PersistentVolumeClaim>(`/api/v1/namespaces/default/persistentvolumeclaims/${name}`);
const getVolume = (name: string) => client.get<PersistentVolume>(`/api/v1/persistentvolumes/${name}`);
const listVolumes = () => client.get<KubernetesList<PersistentVolume>>('/api/v1/persistentvolumes');
const gone = (read: () => Promise<unknown>) => read().then(() => 'present', (err: unknown) => (err instanceof ApiError && err.code === 404 ? 'gone' : 'error'));

async function createClaim(name: string, spec: Record<string, unknown> = {}): Promise<PersistentVolumeClaim> {
  return client.create<PersistentVolumeClaim>('/api/v1/namespaces/default/persistentvolumeclaims', {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  });
}

async function createVolume(name: string, dir: string, spec: Record<string, unknown> = {}, annotations?: Record<string, string>): Promise<void> {
  await client.create('/api/v1/persistentvolumes', {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: { capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: '', hostPath: { path: dir }, ...spec },
  });
}

async function eventsAbout(name: string): Promise<Event[]> {
  const list = await client.get<KubernetesList<Event>>('/api/v1/namespaces/default/events');
  return list.items.filter((e) => e.involvedObject.name === name);
}

describe('dynamic provisioning with the local-path provisioner', () => {
  it('gives a class-less claim the default class, provisions a directory and binds within a second', async () => {
    await startControllers();
    const sc = await client.get<StorageClass>('/apis/storage.k8s.io/v1/storageclasses/local-path');
    expect(sc).toMatchObject({
      provisioner: 'kctl.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    });
    const created = await createClaim('data');
    const uid = created.metadata!.uid!;
    const claim = await eventually(() => getClaim('data'), (c) => expect(c.status?.phase).toBe('Bound'), 1_000);
    expect(claim.spec).toMatchObject({ storageClassName: 'local-path', volumeName: `pvc-${uid}` });
    expect(claim.status).toMatchObject({ accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    expect(claim.metadata?.annotations).toMatchObject({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.kubernetes.io/storage-provisioner': 'kctl.io/local-path',
      'volume.beta.kubernetes.io/storage-provisioner': 'kctl.io/local-path',
    });
    const dir = path.join(root, `pvc-${uid}_default_data`);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o777);
    const pv = await eventually(() => getVolume(`pvc-${uid}`), (v) => expect(v.status?.phase).toBe('Bound'));
    expect(pv.metadata?.annotations).toEqual({ 'pv.kubernetes.io/provisioned-by': 'kctl.io/local-path' });
    expect(pv.spec).toMatchObject({
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'local-path',
      hostPath: { path: dir, type: 'DirectoryOrCreate' },
      claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'default', name: 'data', uid },
    });
    const events = await eventually(() => eventsAbout('data'), (e) => expect(e.map((x) => x.reason)).toContain('ProvisioningSucceeded'));
    expect(events.find((e) => e.reason === 'ProvisioningSucceeded')).toMatchObject({ type: 'Normal', message: `Successfully provisioned volume pvc-${uid}` });
    expect(events.map((e) => e.reason)).toContain('Provisioning');
    // Settled: no controller keeps rewriting either object.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await getClaim('data')).metadata?.resourceVersion).toBe(claim.metadata?.resourceVersion);
    expect((await getVolume(`pvc-${uid}`)).metadata?.resourceVersion).toBe(pv.metadata?.resourceVersion);

    // Deleting the claim releases the volume; policy Delete removes the directory and the volume.
    await client.delete('/api/v1/namespaces/default/persistentvolumeclaims/data');
    await eventually(() => gone(() => getVolume(`pvc-${uid}`)), (state) => expect(state).toBe('gone'));
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps a Retain volume Released, and a restarted controller never provisions twice', async () => {
    await startControllers();
    await client.create('/apis/storage.k8s.io/v1/storageclasses', {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'keep' }, provisioner: 'kctl.io/local-path', reclaimPolicy: 'Retain',
    });
    const { metadata } = await createClaim('kept', { storageClassName: 'keep' });
    const pvName = `pvc-${metadata!.uid}`;
    await eventually(() => getClaim('kept'), (c) => expect(c.status?.phase).toBe('Bound'));

    await stopControllers();
    await startControllers();
    await createClaim('after-restart');
    await eventually(() => getClaim('after-restart'), (c) => expect(c.status?.phase).toBe('Bound'));
    const volumes = await listVolumes();
    expect(volumes.items.map((v) => v.spec?.claimRef?.name).sort()).toEqual(['after-restart', 'kept']);
    expect((await eventsAbout('kept')).filter((e) => e.reason === 'ProvisioningSucceeded').map((e) => e.count)).toEqual([1]);

    await client.delete('/api/v1/namespaces/default/persistentvolumeclaims/kept');
    const released = await eventually(() => getVolume(pvName), (v) => expect(v.status?.phase).toBe('Released'));
    expect(released.spec?.claimRef?.name).toBe('kept');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await getVolume(pvName)).status?.phase).toBe('Released');
    expect(existsSync(released.spec!.hostPath!.path)).toBe(true);
  });
});

describe('static binding', () => {
  it('binds a matching claim with class "" to a hand-made volume, smallest first, and marks the claim Lost when the volume goes', async () => {
    await startControllers();
    await createVolume('big', path.join(scratch, 'big'), { capacity: { storage: '10Gi' } });
    await createVolume('small', path.join(scratch, 'small'));
    await eventually(() => getVolume('small'), (v) => expect(v.status?.phase).toBe('Available'));
    await createClaim('static', { storageClassName: '' });
    const claim = await eventually(() => getClaim('static'), (c) => expect(c.status?.phase).toBe('Bound'));
    expect(claim.spec?.volumeName).toBe('small');
    expect(claim.status?.capacity).toEqual({ storage: '2Gi' });
    const pv = await eventually(() => getVolume('small'), (v) => expect(v.status?.phase).toBe('Bound'));
    expect(pv.metadata?.annotations).toMatchObject({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(pv.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'static', uid: claim.metadata!.uid });
    expect((await getVolume('big')).status?.phase).toBe('Available');

    await client.delete('/api/v1/persistentvolumes/small');
    await eventually(() => getClaim('static'), (c) => expect(c.status?.phase).toBe('Lost'));
    await eventually(() => eventsAbout('static'), (e) => expect(e.map((x) => x.reason)).toContain('ClaimLost'));
  });

  it('never binds one volume to two claims, and says why the loser waits', async () => {
    await startControllers();
    await createVolume('only', path.join(scratch, 'only'));
    await eventually(() => getVolume('only'), (v) => expect(v.status?.phase).toBe('Available'));
    await Promise.all(['a', 'b', 'c'].map((name) => createClaim(name, { storageClassName: '' })));
    await eventually(() => getVolume('only'), (v) => expect(v.status?.phase).toBe('Bound'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const claims = await Promise.all(['a', 'b', 'c'].map(getClaim));
    expect(claims.filter((c) => c.status?.phase === 'Bound').map((c) => c.spec?.volumeName)).toEqual(['only']);
    const loser = claims.find((c) => c.status?.phase === 'Pending')!;
    const events = await eventually(() => eventsAbout(loser.metadata!.name!), (e) => expect(e.length).toBeGreaterThan(0));
    expect(events[0]).toMatchObject({ type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' });
  });

  it('binds a claim that names its volume, and refuses to delete a directory outside the root', async () => {
    await startControllers();
    const outside = path.join(scratch, 'pvc-outside');
    await mkdir(outside);
    await createVolume('named', outside, { persistentVolumeReclaimPolicy: 'Delete' }, { 'pv.kubernetes.io/provisioned-by': 'kctl.io/local-path' });
    await createClaim('wants-named', { storageClassName: '', volumeName: 'named' });
    const claim = await eventually(() => getClaim('wants-named'), (c) => expect(c.status?.phase).toBe('Bound'));
    expect(claim.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
    await client.delete('/api/v1/namespaces/default/persistentvolumeclaims/wants-named');
    await eventually(() => getVolume('named'), (v) => expect(v.status?.phase).toBe('Released'));
    await eventually(() => eventsAbout('named'), (e) => expect(e.map((x) => x.reason)).toContain('VolumeFailedDelete'));
    expect(existsSync(outside)).toBe(true);
    expect((await getVolume('named')).status?.phase).toBe('Released');
  });
});
