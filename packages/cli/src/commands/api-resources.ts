// kctl api-resources: the server's resources from live discovery, sorted like kubectl (by API
// group, then name; or by --sort-by name|kind) and printed with kubectl's tab writer.
import type { Command } from 'commander';
import { tabWriter } from '@kctl/shared';
import type { CommandRunner } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { serverPreferredResources } from './discovery/server-discovery.js';
import type { DiscoveredGroupVersion, DiscoveredResource, DiscoveryClient } from './discovery/server-discovery.js';

export interface ApiResourcesOptions {
  output?: string;
  /** `--namespaced` alone means true, as with kubectl's bool flag */
  namespaced?: string | boolean;
  apiGroup?: string;
  headers: boolean;
  sortBy?: string;
  verbs?: string;
}

interface Row {
  group: string;
  groupVersion: string;
  resource: DiscoveredResource;
}

export function registerApiResources(program: Command, run: CommandRunner): void {
  program
    .command('api-resources')
    .description('Print the supported API resources on the server')
    .option('-o, --output <format>', 'wide|name')
    .option('--namespaced [bool]', 'if false, only non-namespaced resources are returned; if true, only namespaced ones')
    .option('--api-group <group>', 'limit to resources in the specified API group')
    .option('--no-headers', "don't print headers")
    .option('--sort-by <field>', 'name|kind')
    .option('--verbs <verbs>', 'limit to resources that support the specified verbs (comma-separated)')
    .action(run(async (ctx, args: string[], opts: ApiResourcesOptions) => {
      if (args.length > 0) throw new UsageError(`unexpected arguments: [${args.join(' ')}]`);
      process.stdout.write(await apiResources(ctx.client, opts));
      return 0;
    }));
}

export async function apiResources(client: DiscoveryClient, opts: ApiResourcesOptions): Promise<string> {
  const output = opts.output ?? '';
  if (!['', 'wide', 'name'].includes(output)) throw new UsageError(`--output ${output} is not available`);
  if (opts.sortBy !== undefined && !['name', 'kind'].includes(opts.sortBy)) throw new UsageError('--sort-by accepts only name or kind');
  const rows = selectRows(await serverPreferredResources(client), opts);
  return formatRows(sortRows(rows, opts.sortBy), output, opts.headers);
}

function selectRows(lists: DiscoveredGroupVersion[], opts: ApiResourcesOptions): Row[] {
  const verbs = (opts.verbs ?? '').split(',').filter(Boolean);
  return lists.flatMap(({ group, groupVersion, resources }) =>
    resources
      .filter((r) => (r.verbs ?? []).length > 0)
      .filter(() => opts.apiGroup === undefined || opts.apiGroup === group)
      .filter((r) => opts.namespaced === undefined || String(r.namespaced) === String(opts.namespaced))
      .filter((r) => verbs.every((v) => (r.verbs ?? []).includes(v)))
      .map((resource) => ({ group, groupVersion, resource })),
  );
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** kubectl's sortableResource: the chosen key (API group by default), ties broken by name. */
export function sortRows(rows: Row[], sortBy: string | undefined): Row[] {
  const key = (r: Row) => (sortBy === 'name' ? r.resource.name : sortBy === 'kind' ? r.resource.kind : r.group);
  return [...rows].sort((a, b) => byText(key(a), key(b)) || byText(a.resource.name, b.resource.name));
}

function formatRows(rows: Row[], output: string, headers: boolean): string {
  if (output === 'name') return rows.map((r) => `${r.resource.name}${r.group ? `.${r.group}` : ''}\n`).join('');
  const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
  if (output === 'wide') header.push('VERBS', 'CATEGORIES');
  const cells = rows.map(({ groupVersion, resource: r }) => {
    const row = [r.name, (r.shortNames ?? []).join(','), groupVersion, String(r.namespaced), r.kind];
    if (output === 'wide') row.push((r.verbs ?? []).join(','), (r.categories ?? []).join(','));
    return row;
  });
  return tabWriter(headers ? [header, ...cells] : cells);
}
