// The controller manager's core: starts each controller (for now the endpoints controller) and
// stops them together. All state lives in the API; a restarted manager rebuilds it from lists.
import type { ApiClient, BackoffOptions } from '@kctl/shared';
import type { Logger } from 'pino';
import { EndpointsController } from './endpoints/endpoints-controller.js';

export interface ControllerManagerOptions {
  client: ApiClient;
  logger: Logger;
  reconnectBackoff?: BackoffOptions;
}

interface Controller {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class ControllerManager {
  private readonly controllers: Array<{ name: string; controller: Controller }>;
  private readonly log: Logger;

  constructor(opts: ControllerManagerOptions) {
    this.log = opts.logger;
    const common = { client: opts.client, ...(opts.reconnectBackoff ? { reconnectBackoff: opts.reconnectBackoff } : {}) };
    this.controllers = [{ name: 'endpoints', controller: new EndpointsController({ ...common, logger: opts.logger.child({ controller: 'endpoints' }) }) }];
  }

  /** Resolves once every controller's caches are synced and its workers run. */
  async start(): Promise<void> {
    await Promise.all(this.controllers.map(({ controller }) => controller.start()));
    this.log.info({ controllers: this.controllers.map((c) => c.name) }, 'controllers started');
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.controllers.map(({ controller }) => controller.stop()));
  }
}
