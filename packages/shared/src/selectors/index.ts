// Filled in by the selectors module.
export {};
