// -o flag parsing, apart from the printers so `kctl get` tables load no YAML library.
import { UsageError } from '../resource-arguments.js';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; spec: string };

export function parseOutputFlag(value: string | undefined): OutputFormat {
  if (value === undefined || value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return { kind: 'table', wide: true };
  if (value === 'json' || value === 'yaml' || value === 'name') return { kind: value };
  const eq = value.indexOf('=');
  const format = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  if (format === 'jsonpath' || format === 'jsonpath-as-json') {
    if (!arg) throw new UsageError('template format specified but no template given');
    return { kind: 'jsonpath', template: arg };
  }
  if (format === 'custom-columns') {
    if (!arg) throw new UsageError('custom-columns format specified but no custom columns given');
    return { kind: 'custom-columns', spec: arg };
  }
  throw new UsageError(
    `unable to match a printer suitable for the output format "${value}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
  );
}

