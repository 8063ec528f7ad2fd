// The PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller.go): binds
// claims to volumes both ways, hands claims without a fitting volume to their class's provisioner,
// keeps both phases true (Available/Bound/Released/Failed, Pending/Bound/Lost) and releases volumes
// whose claim is gone. Two work queues, volumes by name and claims by namespace/name, each synced
// from the informer caches; every write starts from a fresh or cached copy with its
// resourceVersion, so a conflict (409) means "someone else moved first" and the key is retried.
import { EventRecorder, WorkQueue, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions } from '@kctl/shared';
import type { Logger } from 'pino';
import { RESOURCES, claimPath, copyOf, emitEvent, getIfExists, volumePath } from './api-calls.js';
import { claimStatusFor, decideClaimSync, sameClaimStatus, decideReclaim, decideVolumeSync, type ClaimEvent } from './sync-decisions.js';
import { isVolumeBoundToClaim } from './volume-matching.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_STORAGE_PROVISIONER,
  CLAIM_PHASE,
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

export interface PersistentVolumeControllerOptions {
  client: ApiClient;
  logger: Logger;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
  /** every claim and volume is synced again this often (--pvclaimbinder-sync-period, 15 s) */
  resyncMs?: number;
}

const DEFAULT_RESYNC_MS = 15_000;

export class PersistentVolumeController {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly workers: number;
  private readonly resyncMs: number;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly classes: Informer<StorageClass>;
  private readonly volumeQueue = new WorkQueue<string>();
  private readonly claimQueue = new WorkQueue<string>();
  private readonly recorder: EventRecorder;
  private loops: Array<Promise<void>> = [];
  private readonly releaseInformers: () => void;
  private resyncTimer: NodeJS.Timeout | undefined;

  constructor(opts: PersistentVolumeControllerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.workers = opts.workers ?? 2;
    this.resyncMs = opts.resyncMs ?? DEFAULT_RESYNC_MS;
    this.recorder = new EventRecorder(opts.client, { component: 'persistentvolume-controller' });
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.volumes = factory.informerFor<PersistentVolume>(RESOURCES.volumes);
    this.claims = factory.informerFor<PersistentVolumeClaim>(RESOURCES.claims);
    this.classes = factory.informerFor<StorageClass>(RESOURCES.classes);
    this.volumes.onAdd((pv) => this.volumeChanged(pv));
    this.volumes.onUpdate((pv) => this.volumeChanged(pv));
    this.volumes.onDelete((pv) => this.volumeDeleted(pv));
    this.claims.onAdd((claim) => this.claimChanged(claim));
    this.claims.onUpdate((claim) => this.claimChanged(claim));
    this.claims.onDelete((claim) => this.claimDeleted(claim));
    // A new or changed class may be the default a class-less claim waits for.
    this.classes.onAdd(() => this.enqueueUnboundClaims());
    this.classes.onUpdate(() => this.enqueueUnboundClaims());
  }

  /** Resolves once the caches are synced and the workers run. */
  async start(): Promise<void> {
    await Promise.all([this.volumes.start(), this.claims.start(), this.classes.start()]);
    this.log.info({ volumes: this.volumes.list().length, claims: this.claims.list().length }, 'persistent volume controller synced');
    const onError = (kind: string) => (key: string, err: unknown) => this.log.warn({ [kind]: key, err: (err as Error).message }, `syncing ${kind} failed, will retry`);
    this.loops = [
      runWorkers(this.volumeQueue, this.workers, (name) => this.syncVolume(name), { onError: onError('volume') }),
      runWorkers(this.claimQueue, this.workers, (key) => this.syncClaim(key), { onError: onError('claim') }),
    ];
    this.resyncTimer = setInterval(() => this.resync(), this.resyncMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.resyncTimer);
    this.releaseInformers();
    this.volumeQueue.shutDown();
    this.claimQueue.shutDown();
    await Promise.all(this.loops);
  }

  private resync(): void {
    for (const pv of this.volumes.list()) this.volumeQueue.add(nameOf(pv));
    for (const claim of this.claims.list()) this.claimQueue.add(claimKey(claim));
  }

  private volumeChanged(pv: PersistentVolume): void {
    this.volumeQueue.add(nameOf(pv));
    const ref = pv.spec?.claimRef;
    if (ref?.name) this.claimQueue.add(`${ref.namespace ?? ''}/${ref.name}`);
    // Upstream waits for its periodic resync to offer a newly Available volume to pending claims; we offer it at once.
    else if (pv.status?.phase === PV_PHASE.available) this.enqueueUnboundClaims();
  }

  private volumeDeleted(pv: PersistentVolume): void {
    const ref = pv.spec?.claimRef;
    if (ref?.name) this.claimQueue.add(`${ref.namespace ?? ''}/${ref.name}`);
    this.recorder.forget(uidOf(pv));
  }

  private claimChanged(claim: PersistentVolumeClaim): void {
    this.claimQueue.add(claimKey(claim));
    if (claim.spec?.volumeName) this.volumeQueue.add(claim.spec.volumeName);
  }

  /** Every volume that pointed at the claim must notice it is gone. */
  private claimDeleted(claim: PersistentVolumeClaim): void {
    if (claim.spec?.volumeName) this.volumeQueue.add(claim.spec.volumeName);
    for (const pv of this.volumes.list()) if (pv.spec?.claimRef?.uid === uidOf(claim)) this.volumeQueue.add(nameOf(pv));
    this.recorder.forget(uidOf(claim));
  }

  private enqueueUnboundClaims(): void {
    for (const claim of this.claims.list()) if (!hasAnnotation(claim, ANN_BIND_COMPLETED)) this.claimQueue.add(claimKey(claim));
  }

  // ---- volumes -------------------------------------------------------------------------------

  async syncVolume(name: string): Promise<void> {
    const pv = this.volumes.get(undefined, name);
    if (!pv) return;
    const decision = decideVolumeSync(pv, await this.claimOf(pv));
    switch (decision.action) {
      case 'none':
        return;
      case 'setPhase':
        await this.updateVolumePhase(pv, decision.phase);
        return;
      case 'syncClaim':
        this.claimQueue.add(decision.claimKey);
        return;
      case 'unbind':
        await this.unbindVolume(name);
        return;
      case 'release': {
        const released = decision.setPhase ? await this.updateVolumePhase(pv, PV_PHASE.released) : pv;
        if (released.status?.phase === PV_PHASE.released) await this.reclaim(released);
        return;
      }
    }
  }

  /**
   * The claim the volume's claimRef names. The cache may lag behind a claim just created, and
   * "gone" leads to deleting data, so a miss is confirmed against the API (as upstream does).
   */
  private async claimOf(pv: PersistentVolume): Promise<PersistentVolumeClaim | undefined> {
    const ref = pv.spec?.claimRef;
    if (!ref?.name) return undefined;
    const cached = this.claims.get(ref.namespace ?? '', ref.name);
    if (cached && (!ref.uid || uidOf(cached) === ref.uid)) return cached;
    return getIfExists<PersistentVolumeClaim>(this.client, claimPath(ref.namespace ?? '', ref.name));
  }

  private async reclaim(pv: PersistentVolume): Promise<void> {
    const decision = decideReclaim(pv);
    // Retained volumes keep their claimRef and stay Released until an admin frees or deletes them;
    // provisioned ones are deleted by their provisioner, which watches for Released volumes.
    if (decision.action !== 'fail') return;
    await this.updateVolumePhase(pv, PV_PHASE.failed, decision.message);
    emitEvent(this.recorder, this.log, pv, 'PersistentVolume', 'Warning', decision.reason, decision.message);
  }

  private async updateVolumePhase(pv: PersistentVolume, phase: string, message?: string): Promise<PersistentVolume> {
    if (pv.status?.phase === phase && pv.status?.message === message) return pv;
    const { message: _old, ...status } = pv.status ?? {};
    const updated = { ...copyOf(pv), status: { ...status, phase, ...(message ? { message } : {}) } };
    const stored = await this.client.replace<PersistentVolume>(volumePath(nameOf(pv), 'status'), updated);
    this.log.debug({ volume: nameOf(pv), phase }, 'volume phase updated');
    return stored;
  }

  /** unbindVolume: the controller's own claimRef goes; a user's pre-binding stays, minus the uid. */
  private async unbindVolume(name: string): Promise<void> {
    const fresh = await getIfExists<PersistentVolume>(this.client, volumePath(name));
    if (!fresh?.spec?.claimRef) return;
    const annotations = { ...(fresh.metadata?.annotations ?? {}) };
    const byController = Object.hasOwn(annotations, ANN_BOUND_BY_CONTROLLER);
    delete annotations[ANN_BOUND_BY_CONTROLLER];
    const { claimRef, ...spec } = fresh.spec;
    const { uid: _uid, ...prebound } = claimRef;
    const unbound: PersistentVolume = {
      ...fresh,
      metadata: { ...fresh.metadata, annotations },
      spec: byController ? spec : { ...spec, claimRef: prebound },
    };
    const stored = await this.client.replace<PersistentVolume>(volumePath(name), unbound);
    await this.updateVolumePhase(stored, PV_PHASE.available);
  }

  // ---- claims --------------------------------------------------------------------------------

  async syncClaim(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const claim = this.claims.get(namespace, name);
    if (!claim) return;
    const volumeName = claim.spec?.volumeName;
    // A named volume missing from the cache may just be new: "lost" needs the API's word.
    const volume = volumeName ? (this.volumes.get(undefined, volumeName) ?? (await getIfExists<PersistentVolume>(this.client, volumePath(volumeName)))) : undefined;
    const decision = decideClaimSync(claim, { volume, volumes: this.volumes.list(), classes: this.classes.list() });
    switch (decision.action) {
      case 'assignClass': {
        const updated = copyOf(claim);
        updated.spec = { ...updated.spec, storageClassName: decision.className };
        await this.client.replace(claimPath(namespace, name), updated);
        this.log.info({ claim: key, storageClass: decision.className }, 'assigned the default storage class');
        return;
      }
      case 'bind':
        await this.bind(claim, decision.volume, decision.boundByController);
        return;
      case 'provision':
        await this.handToProvisioner(claim, decision.provisioner);
        await this.updateClaimPhase(claim, CLAIM_PHASE.pending);
        return;
      case 'pending':
        if (decision.event) this.claimEvent(claim, decision.event);
        await this.updateClaimPhase(claim, CLAIM_PHASE.pending);
        return;
      case 'lost':
        if (claim.status?.phase !== CLAIM_PHASE.lost) {
          await this.updateClaimPhase(claim, CLAIM_PHASE.lost);
          this.claimEvent(claim, decision.event);
        }
        return;
    }
  }

  private claimEvent(claim: PersistentVolumeClaim, event: ClaimEvent): void {
    emitEvent(this.recorder, this.log, claim, 'PersistentVolumeClaim', event.type, event.reason, event.message);
  }

  /** setClaimProvisioner: the annotation an external provisioner watches for (and its beta twin). */
  private async handToProvisioner(claim: PersistentVolumeClaim, provisioner: string): Promise<void> {
    const annotations = claim.metadata?.annotations ?? {};
    if (annotations[ANN_STORAGE_PROVISIONER] === provisioner && annotations[ANN_BETA_STORAGE_PROVISIONER] === provisioner) return;
    const updated = copyOf(claim);
    updated.metadata = { ...updated.metadata, annotations: { ...annotations, [ANN_STORAGE_PROVISIONER]: provisioner, [ANN_BETA_STORAGE_PROVISIONER]: provisioner } };
    await this.client.replace(claimPath(namespaceOf(claim), nameOf(claim)), updated);
    this.log.info({ claim: claimKey(claim), provisioner }, 'waiting for the provisioner to create a volume');
  }

  /**
   * bind: volume first (claimRef, then phase Bound), claim second (volumeName and annotations, then
   * phase Bound). Each step is skipped when already done, so an interrupted bind resumes. The
   * volume is re-read first: if another worker or controller took it meanwhile this bind fails and
   * the claim is retried, and the resourceVersion makes two concurrent claimRef writes conflict.
   */
  private async bind(claim: PersistentVolumeClaim, chosen: PersistentVolume, boundByController: boolean): Promise<void> {
    const volume = await getIfExists<PersistentVolume>(this.client, volumePath(nameOf(chosen)));
    if (!volume) throw new Error(`volume ${nameOf(chosen)} disappeared before binding`);
    if (volume.spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) {
      throw new Error(`volume ${nameOf(volume)} is already bound to claim ${volume.spec.claimRef.namespace}/${volume.spec.claimRef.name}`);
    }
    const boundVolume = await this.updateVolumePhase(await this.bindVolumeToClaim(volume, claim), PV_PHASE.bound);
    const boundClaim = await this.bindClaimToVolume(claim, boundVolume, boundByController);
    await this.updateClaimPhase(boundClaim, CLAIM_PHASE.bound, boundVolume);
  }

  private async bindVolumeToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): Promise<PersistentVolume> {
    const ref = volume.spec?.claimRef;
    const alreadyBound = isVolumeBoundToClaim(volume, claim);
    if (ref?.uid === uidOf(claim) && alreadyBound) return volume;
    const annotations = { ...(volume.metadata?.annotations ?? {}) };
    if (!alreadyBound) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
    const claimRef = {
      kind: 'PersistentVolumeClaim',
      namespace: namespaceOf(claim),
      name: nameOf(claim),
      uid: uidOf(claim),
      apiVersion: 'v1',
      resourceVersion: claim.metadata?.resourceVersion ?? '',
    };
    const updated: PersistentVolume = { ...volume, metadata: { ...volume.metadata, annotations }, spec: { ...volume.spec, claimRef } };
    const stored = await this.client.replace<PersistentVolume>(volumePath(nameOf(volume)), updated);
    this.log.info({ volume: nameOf(volume), claim: claimKey(claim) }, 'volume bound to claim');
    return stored;
  }

  private async bindClaimToVolume(claim: PersistentVolumeClaim, volume: PersistentVolume, boundByController: boolean): Promise<PersistentVolumeClaim> {
    const annotations = { ...(claim.metadata?.annotations ?? {}) };
    const needsName = claim.spec?.volumeName !== nameOf(volume);
    const needsBoundBy = boundByController && !Object.hasOwn(annotations, ANN_BOUND_BY_CONTROLLER);
    if (!needsName && !needsBoundBy && annotations[ANN_BIND_COMPLETED] === 'yes') return claim;
    annotations[ANN_BIND_COMPLETED] = 'yes';
    if (boundByController) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
    const updated = copyOf(claim);
    updated.metadata = { ...updated.metadata, annotations };
    updated.spec = { ...updated.spec, volumeName: nameOf(volume) };
    return this.client.replace<PersistentVolumeClaim>(claimPath(namespaceOf(claim), nameOf(claim)), updated);
  }

  private async updateClaimPhase(claim: PersistentVolumeClaim, phase: string, volume?: PersistentVolume): Promise<void> {
    const status = claimStatusFor(claim, phase, volume);
    if (sameClaimStatus(status, claim.status ?? {})) return;
    await this.client.replace(claimPath(namespaceOf(claim), nameOf(claim), 'status'), { ...copyOf(claim), status });
    this.log.debug({ claim: claimKey(claim), phase }, 'claim phase updated');
  }
}
