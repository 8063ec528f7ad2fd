// Placeholder entry: this component arrives with its own issue.
export {};
