// The controller manager's core: starts each controller (endpoints, persistent volumes and, given
// a root directory, the local-path provisioner) and stops them together. All state lives in the
// API; a restarted manager rebuilds it from lists.
import type { ApiClient, BackoffOptions } from '@kctl/shared';
import type { Logger } from 'pino';
import { EndpointsController } from './endpoints/endpoints-controller.js';
import { GarbageCollector } from './garbage-collector/garbage-collector.js';
import { NamespaceController } from './namespace/namespace-controller.js';
import { ReplicaSetController } from './replicaset/replicaset-controller.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { CronJobController } from './cronjob/cronjob-controller.js';
import { DaemonSetController } from './daemonset/daemon-set-controller.js';
import { StatefulSetController } from './statefulset/stateful-set-controller.js';
import { JobController } from './job/job-controller.js';
import { TtlAfterFinishedController } from './job/ttl-after-finished-controller.js';
import { NodeLifecycleController } from './node-lifecycle/node-lifecycle-controller.js';
import { LocalPathProvisioner } from './volumes/local-path-provisioner.js';
import { PersistentVolumeController } from './volumes/persistent-volume-controller.js';
import { SharedInformerFactory } from './shared-informers.js';

export interface ControllerManagerOptions {
  client: ApiClient;
  logger: Logger;
  reconnectBackoff?: BackoffOptions;
  /** where the local-path provisioner creates volumes; without it the provisioner does not run */
  localPathRoot?: string;
  /** --node-monitor-grace-period: how long a kubelet may stay silent before its node is Unknown */
  nodeMonitorGracePeriodMs?: number;
}

interface Controller {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class ControllerManager {
  private readonly controllers: Array<{ name: string; controller: Controller }>;
  private readonly log: Logger;
  // One watch and one cache per resource for every controller (client-go's SharedInformerFactory).
  private readonly informers: SharedInformerFactory;

  constructor(opts: ControllerManagerOptions) {
    this.log = opts.logger;
    this.informers = new SharedInformerFactory(opts.client, {
      ...(opts.reconnectBackoff ? { reconnectBackoff: opts.reconnectBackoff } : {}),
      onHandlerError: (err) => opts.logger.error({ err }, 'informer handler failed'),
    });
    const common = { client: opts.client, informers: this.informers, ...(opts.reconnectBackoff ? { reconnectBackoff: opts.reconnectBackoff } : {}) };
    const logger = (controller: string) => opts.logger.child({ controller });
    this.controllers = [
      { name: 'endpoints', controller: new EndpointsController({ ...common, logger: logger('endpoints') }) },
      { name: 'garbagecollector', controller: new GarbageCollector({ ...common, logger: logger('garbagecollector') }) },
      { name: 'namespace', controller: new NamespaceController({ ...common, logger: logger('namespace') }) },
      { name: 'replicaset', controller: new ReplicaSetController({ ...common, logger: logger('replicaset') }) },
      { name: 'deployment', controller: new DeploymentController({ ...common, logger: logger('deployment') }) },
      {
        name: 'node-lifecycle',
        controller: new NodeLifecycleController({
          ...common,
          logger: logger('node-lifecycle'),
          ...(opts.nodeMonitorGracePeriodMs ? { gracePeriodMs: opts.nodeMonitorGracePeriodMs } : {}),
        }),
      },
      { name: 'job', controller: new JobController({ ...common, logger: logger('job') }) },
      { name: 'cronjob', controller: new CronJobController({ ...common, logger: logger('cronjob') }) },
      { name: 'daemonset', controller: new DaemonSetController({ ...common, logger: logger('daemonset') }) },
      { name: 'statefulset', controller: new StatefulSetController({ ...common, logger: logger('statefulset') }) },
      { name: 'ttl-after-finished', controller: new TtlAfterFinishedController({ ...common, logger: logger('ttl-after-finished') }) },
      { name: 'persistentvolume-binder', controller: new PersistentVolumeController({ ...common, logger: logger('persistentvolume-binder') }) },
      ...(opts.localPathRoot
        ? [{ name: 'local-path-provisioner', controller: new LocalPathProvisioner({ ...common, root: opts.localPathRoot, logger: logger('local-path-provisioner') }) }]
        : []),
    ];
  }

  /** Resolves once every controller's caches are synced and its workers run. */
  async start(): Promise<void> {
    // Controllers wait for the caches they use; the factory starts every informer once.
    await Promise.all([this.informers.start(), ...this.controllers.map(({ controller }) => controller.start())]);
    this.log.info({ controllers: this.controllers.map((c) => c.name), informers: this.informers.size }, 'controllers started');
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.controllers.map(({ controller }) => controller.stop()));
    this.informers.stop();
  }
}
