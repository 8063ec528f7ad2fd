// Filled in by the patch module.
export {};
