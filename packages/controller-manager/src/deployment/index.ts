export { DeploymentController } from './deployment-controller.js';
export type { DeploymentControllerOptions } from './deployment-controller.js';
export { computePodTemplateHash } from './pod-template-hash.js';
