// Filled in by the printers module.
export {};
