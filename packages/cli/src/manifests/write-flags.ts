// The flags every writing verb shares (cmdutil.GetDryRunStrategy, GetValidationDirective) and
// the query parameters they turn into.
export type DryRunStrategy = 'none' | 'client' | 'server';
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const GO_TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/** `--dry-run` alone (commander gives `true`) is the deprecated spelling of `--dry-run=client`. */
export function parseDryRun(value: string | boolean | undefined): DryRunStrategy {
  if (value === undefined || value === false) return 'none';
  if (value === true || GO_TRUE.has(value)) return 'client';
  if (GO_FALSE.has(value)) return 'none';
  if (value === 'client' || value === 'server' || value === 'none') return value;
  throw new Error(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

export function parseValidate(value: string | boolean | undefined): FieldValidation {
  if (value === undefined || value === true) return 'Strict';
  if (value === false) return 'Ignore';
  const lower = value.toLowerCase();
  if (lower === 'strict' || GO_TRUE.has(value)) return 'Strict';
  if (lower === 'warn') return 'Warn';
  if (lower === 'ignore' || GO_FALSE.has(value)) return 'Ignore';
  throw new Error(`invalid - validate option ${JSON.stringify(value)}; must be one of: strict (or true), warn, ignore (or false)`);
}

/** What a write request carries: `fieldManager`, `fieldValidation` and, for server dry-run, `dryRun=All`. */
export function writeQuery(fieldManager: string, validation: FieldValidation, dryRun: DryRunStrategy): Record<string, string> {
  return { ...(dryRun === 'server' ? { dryRun: 'All' } : {}), fieldManager, fieldValidation: validation };
}

/** The words kubectl appends to "created"/"configured"/"deleted" under --dry-run. */
export function dryRunSuffix(dryRun: DryRunStrategy): string {
  if (dryRun === 'client') return ' (dry run)';
  if (dryRun === 'server') return ' (server dry run)';
  return '';
}
