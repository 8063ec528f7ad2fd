// Filled in by the jsonpath module.
export {};
