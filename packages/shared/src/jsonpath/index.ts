// kubectl JSONPath templates (client-go util/jsonpath), custom columns and --sort-by.
export { JsonPathError } from './jsonpath-error.js';
export { compileJsonPath, type JsonPathExecuteOptions, type JsonPathOptions, type JsonPathTemplate } from './template.js';
export { relaxedJsonPathExpression } from './relaxed-path.js';
export { customColumnCells, parseCustomColumns, type CustomColumn } from './custom-columns.js';
export { sortByJsonPath } from './sort-by.js';
