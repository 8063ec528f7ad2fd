export { ControllerManager } from './controller-manager.js';
export type { ControllerManagerOptions } from './controller-manager.js';
export { EndpointsController } from './endpoints/endpoints-controller.js';
export type { EndpointsControllerOptions } from './endpoints/endpoints-controller.js';
