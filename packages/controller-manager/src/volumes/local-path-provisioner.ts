// A local-path provisioner in the manner of k3s's (rancher/local-path-provisioner, built on
// sig-storage-lib-external-provisioner): it provisions a hostPath volume in a directory under its
// root for every claim the PersistentVolume controller hands it (annotation
// volume.kubernetes.io/storage-provisioner = kctl.io/local-path), and deletes directory and
// volume once such a volume is Released with reclaim policy Delete. Volume names are
// pvc-<claim uid>, so a restarted provisioner finds its earlier work instead of repeating it.
import { EventRecorder, WorkQueue, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions } from '@kctl/shared';
import type { Logger } from 'pino';
import { RESOURCES, emitEvent, getIfExists, isAlreadyExists, isNotFound, volumePath } from './api-calls.js';
import { ensureDefaultStorageClass } from './default-storage-class.js';
import { createVolumeDirectory, isInsideRoot, removeVolumeDirectory, volumeDirectory, volumeNameFor } from './local-path-directory.js';
import { claimClassOf } from './storage-classes.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  PV_PHASE,
  claimKey,
  hasAnnotation,
  nameOf,
  namespaceOf,
  uidOf,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from './volume-types.js';
import { splitKey } from '../controller-runtime.js';

export const LOCAL_PATH_PROVISIONER = 'kctl.io/local-path';

export interface LocalPathProvisionerOptions {
  client: ApiClient;
  logger: Logger;
  /** where volume directories are created; only directories directly inside it are ever deleted */
  root: string;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
}

/** shouldProvision: an unbound claim handed to this provisioner, of a class that names it. */
export function shouldProvision(claim: PersistentVolumeClaim, storageClass: StorageClass | undefined): boolean {
  if (claim.metadata?.deletionTimestamp || claim.spec?.volumeName) return false;
  const annotations = claim.metadata?.annotations ?? {};
  const handedTo = annotations[ANN_STORAGE_PROVISIONER] ?? annotations[ANN_BETA_STORAGE_PROVISIONER];
  if (handedTo !== LOCAL_PATH_PROVISIONER || storageClass?.provisioner !== LOCAL_PATH_PROVISIONER) return false;
  // Delayed binding: only once the scheduler has picked a node for the claim's pod.
  return storageClass.volumeBindingMode !== 'WaitForFirstConsumer' || hasAnnotation(claim, ANN_SELECTED_NODE);
}

/** shouldDelete: a Released volume this provisioner made, whose policy says delete. */
export function shouldDelete(pv: PersistentVolume): boolean {
  return (
    pv.status?.phase === PV_PHASE.released &&
    pv.spec?.persistentVolumeReclaimPolicy === 'Delete' &&
    pv.metadata?.annotations?.[ANN_PROVISIONED_BY] === LOCAL_PATH_PROVISIONER &&
    !pv.metadata?.deletionTimestamp
  );
}

/** The volume for a claim: capacity as requested, the claim's modes, the class's reclaim policy. */
export function provisionedVolume(claim: PersistentVolumeClaim, storageClass: StorageClass, dir: string): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: volumeNameFor(uidOf(claim)), annotations: { [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER } },
    spec: {
      capacity: { storage: claim.spec?.resources?.requests?.['storage'] ?? '0' },
      accessModes: [...(claim.spec?.accessModes ?? [])],
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
      storageClassName: claimClassOf(claim),
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      hostPath: { path: dir, type: 'DirectoryOrCreate' },
      claimRef: {
        kind: 'PersistentVolumeClaim',
        namespace: namespaceOf(claim),
        name: nameOf(claim),
        uid: uidOf(claim),
        apiVersion: 'v1',
        resourceVersion: claim.metadata?.resourceVersion ?? '',
      },
    },
  };
}

export class LocalPathProvisioner {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly root: string;
  private readonly workers: number;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly classes: Informer<StorageClass>;
  private readonly claimQueue = new WorkQueue<string>();
  private readonly volumeQueue = new WorkQueue<string>();
  private readonly recorder: EventRecorder;
  private loops: Array<Promise<void>> = [];
  private readonly releaseInformers: () => void;

  constructor(opts: LocalPathProvisionerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.root = opts.root;
    this.workers = opts.workers ?? 2;
    this.recorder = new EventRecorder(opts.client, { component: LOCAL_PATH_PROVISIONER });
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.volumes = factory.informerFor<PersistentVolume>(RESOURCES.volumes);
    this.claims = factory.informerFor<PersistentVolumeClaim>(RESOURCES.claims);
    this.classes = factory.informerFor<StorageClass>(RESOURCES.classes);
    const enqueueClaim = (claim: PersistentVolumeClaim) => this.claimQueue.add(claimKey(claim));
    this.claims.onAdd(enqueueClaim);
    this.claims.onUpdate(enqueueClaim);
    this.claims.onDelete((claim) => this.recorder.forget(uidOf(claim)));
    const enqueueVolume = (pv: PersistentVolume) => this.volumeQueue.add(nameOf(pv));
    this.volumes.onAdd(enqueueVolume);
    this.volumes.onUpdate(enqueueVolume);
    this.volumes.onDelete((pv) => this.recorder.forget(uidOf(pv)));
  }

  /** Creates the default class if missing, then resolves once the caches are synced and the workers run. */
  async start(): Promise<void> {
    if (await ensureDefaultStorageClass(this.client, LOCAL_PATH_PROVISIONER)) this.log.info('created the default storage class local-path');
    await Promise.all([this.volumes.start(), this.claims.start(), this.classes.start()]);
    this.log.info({ root: this.root }, 'local-path provisioner synced');
    const onError = (kind: string) => (key: string, err: unknown) => this.log.warn({ [kind]: key, err: (err as Error).message }, `${kind} failed, will retry`);
    this.loops = [
      runWorkers(this.claimQueue, this.workers, (key) => this.syncClaim(key), { onError: onError('provisioning') }),
      runWorkers(this.volumeQueue, this.workers, (name) => this.syncVolume(name), { onError: onError('deleting') }),
    ];
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.claimQueue.shutDown();
    this.volumeQueue.shutDown();
    await Promise.all(this.loops);
  }

  async syncClaim(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const claim = this.claims.get(namespace, name);
    if (!claim) return;
    const storageClass = this.classes.get(undefined, claimClassOf(claim));
    if (!shouldProvision(claim, storageClass) || !storageClass) return;
    const pvName = volumeNameFor(uidOf(claim));
    // Made before (perhaps by an earlier run): the PersistentVolume controller binds it.
    if (this.volumes.get(undefined, pvName) || (await getIfExists(this.client, volumePath(pvName)))) return;
    if (claim.spec?.selector) {
      this.claimEvent(claim, 'Warning', 'ProvisioningFailed', 'failed to provision volume with StorageClass "' + nameOf(storageClass) + '": claim Selector is not supported');
      return;
    }
    this.claimEvent(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`);
    const dir = volumeDirectory(this.root, uidOf(claim), namespace, name);
    try {
      await createVolumeDirectory(dir);
      await this.client.create(volumePath(), provisionedVolume(claim, storageClass, dir));
    } catch (err) {
      if (isAlreadyExists(err)) return;
      this.claimEvent(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${nameOf(storageClass)}": ${(err as Error).message}`);
      throw err;
    }
    this.log.info({ claim: key, volume: pvName, dir }, 'provisioned volume');
    this.claimEvent(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  async syncVolume(name: string): Promise<void> {
    const pv = this.volumes.get(undefined, name);
    if (!pv || !shouldDelete(pv)) return;
    const dir = pv.spec?.hostPath?.path;
    if (dir && !(await isInsideRoot(this.root, dir))) {
      // Never retried: the path will not move into the root by itself.
      const message = `refusing to delete ${JSON.stringify(dir)}: not a volume directory inside ${JSON.stringify(this.root)}`;
      emitEvent(this.recorder, this.log, pv, 'PersistentVolume', 'Warning', 'VolumeFailedDelete', message);
      this.log.warn({ volume: name, dir }, message);
      return;
    }
    try {
      if (dir) await removeVolumeDirectory(this.root, dir);
    } catch (err) {
      emitEvent(this.recorder, this.log, pv, 'PersistentVolume', 'Warning', 'VolumeFailedDelete', (err as Error).message);
      throw err;
    }
    try {
      await this.client.delete(volumePath(name));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    this.log.info({ volume: name, dir }, 'deleted released volume');
  }

  private claimEvent(claim: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): void {
    emitEvent(this.recorder, this.log, claim, 'PersistentVolumeClaim', type, reason, message);
  }
}
