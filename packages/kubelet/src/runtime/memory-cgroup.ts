// Container cgroups grew beyond memory: see container-cgroups.ts. Kept for main.ts's import of
// cgroupParentFor until it imports from container-cgroups.js directly.
export { cgroupParentFor } from './container-cgroups.js';
