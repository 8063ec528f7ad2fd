// kctl get: tables come from the server (as=Table), so kctl prints what kubectl prints.
import type { Command } from 'commander';
import { ApiError, TABLE_ACCEPT, TableRenderer, resourcePath, sortByJsonPath } from '@kctl/shared';
import type { KubernetesList, KubernetesObject, Table, TableRow } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import { kindGroup, parseResourceArguments } from '../resource-arguments.js';
import type { ResourceRequest } from '../resource-arguments.js';
import { parseOutputFlag } from '../output/output-format.js';
import type { OutputFormat } from '../output/output-format.js';
import { collectValues, reportError, type CommandRunner } from '../command-runner.js';

interface GetOptions {
  output?: string;
  selector?: string;
  fieldSelector?: string;
  showLabels?: boolean;
  labelColumns: string[];
  headers: boolean;
  sortBy?: string;
  watch?: boolean;
  watchOnly?: boolean;
  allNamespaces?: boolean;
  showKind?: boolean;
  ignoreNotFound?: boolean;
  showManagedFields?: boolean;
}

export function registerGet(program: Command, run: CommandRunner): void {
  program
    .command('get')
    .description('Display one or many resources')
    .argument('[resources...]')
    .option('-o, --output <format>', 'json|yaml|name|wide|jsonpath=...|custom-columns=...')
    .option('-l, --selector <selector>', 'label selector')
    .option('--field-selector <selector>', 'field selector')
    .option('--show-labels', 'show all labels as the last column')
    .option('-L, --label-columns <labels>', 'labels to show as columns', collectValues, [])
    .option('--no-headers', "don't print headers")
    .option('--sort-by <jsonpath>', 'sort list types using this field specification')
    .option('-w, --watch', 'after listing/getting the requested object, watch for changes')
    .option('--watch-only', 'watch for changes without listing first')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('--show-kind', 'list the resource type for the requested object(s)')
    .option('--ignore-not-found', 'treat "resource not found" as a successful retrieval')
    .option('--chunk-size <n>', 'accepted for kubectl compatibility')
    .option('--show-managed-fields', 'keep metadata.managedFields when printing objects in JSON or YAML')
    .action(run(async (ctx, args: string[], opts: GetOptions) => get(ctx, args, opts)));
}

async function get(ctx: CliContext, args: string[], opts: GetOptions): Promise<number> {
  const requests = parseResourceArguments(ctx.catalog, args);
  const format = parseOutputFlag(opts.output);
  const allNamespaces = opts.allNamespaces ?? ctx.globals.allNamespaces ?? false;
  const selection = { labelSelector: opts.selector, fieldSelector: opts.fieldSelector };
  let failed = false;
  if (format.kind === 'table') {
    const showKind = opts.showKind || requests.length > 1;
    // One renderer for the list and the watch that follows keeps kubectl's column widths.
    const renderer = new TableRenderer({
      wide: format.wide,
      noHeaders: !opts.headers,
      showLabels: opts.showLabels ?? false,
      labelColumns: opts.labelColumns.flatMap((l) => l.split(',')).filter(Boolean),
      withNamespace: allNamespaces,
      showKind,
    });
    let printed = 0;
    let fromRevision = '0';
    for (const [i, req] of requests.entries()) {
      const table = await fetchTable(ctx, req, allNamespaces, selection, opts).catch((err) => {
        if (!(err instanceof NamedErrors)) throw err;
        failed = true;
        return err.partial;
      });
      if (i === 0) fromRevision = table?.metadata.resourceVersion ?? '0';
      if (!table || table.rows.length === 0) continue;
      printed += table.rows.length;
      if (!opts.watchOnly) renderer.print({ table, kindPrefix: kindGroup(req.type), namespaced: req.type.namespaced });
    }
    if (printed === 0 && !opts.watch && !opts.watchOnly) {
      if (!failed && requests.every((r) => r.names.length === 0)) process.stderr.write(noResourcesMessage(ctx, allNamespaces));
    }
    process.stdout.write(renderer.flush());
    if (opts.watch || opts.watchOnly) await watchTable(ctx, { req: requests[0]!, allNamespaces, selection, fromRevision }, renderer);
    return failed ? 1 : 0;
  }
  // Loaded only for -o json|yaml|name|jsonpath|custom-columns: tables never need the YAML library.
  const { formatObjects } = await import('../output/object-output.js');
  const items: KubernetesObject[] = [];
  let listRevision = '0';
  let single = requests.length === 1 && requests[0]!.names.length === 1;
  for (const req of requests) {
    if (req.names.length > 0) {
      for (const name of req.names) {
        try {
          items.push(withTypeMeta(await ctx.client.get(resourcePath(req.type, ctx.namespace, name)), req, opts.showManagedFields));
        } catch (err) {
          if (err instanceof ApiError && err.code === 404 && opts.ignoreNotFound) continue;
          reportError(err);
          failed = true;
        }
      }
    } else {
      single = false;
      const list = await ctx.client.get<KubernetesList>(resourcePath(req.type, allNamespaces ? undefined : ctx.namespace), queryOf(selection));
      listRevision = list.metadata.resourceVersion ?? '0';
      const sorted = opts.sortBy ? sortByJsonPath(list.items, opts.sortBy) : list.items;
      items.push(...sorted.map((i) => withTypeMeta(i, req, opts.showManagedFields)));
    }
  }
  if (items.length === 0 && !single && format.kind !== 'json' && format.kind !== 'yaml') {
    if (!failed) process.stderr.write(noResourcesMessage(ctx, allNamespaces));
  } else if (items.length > 0 || !failed) {
    process.stdout.write(formatObjects(format as Exclude<OutputFormat, { kind: 'table' }>, items, single, (o) => nameOf(ctx, o), { noHeaders: !opts.headers }));
  }
  if (single) listRevision = items[0]?.metadata?.resourceVersion ?? '0';
  if (opts.watch || opts.watchOnly) await watchObjects(ctx, { req: requests[0]!, allNamespaces, selection, fromRevision: listRevision }, format);
  return failed ? 1 : 0;
}

class NamedErrors extends Error {
  constructor(readonly partial: Table | undefined) {
    super('some objects were not found');
  }
}

function queryOf(selection: { labelSelector?: string; fieldSelector?: string }, extra: Record<string, string> = {}) {
  return {
    ...(selection.labelSelector ? { labelSelector: selection.labelSelector } : {}),
    ...(selection.fieldSelector ? { fieldSelector: selection.fieldSelector } : {}),
    ...extra,
  };
}

async function fetchTable(
  ctx: CliContext,
  req: ResourceRequest,
  allNamespaces: boolean,
  selection: { labelSelector?: string; fieldSelector?: string },
  opts: GetOptions,
): Promise<Table | undefined> {
  const includeObject: Record<string, string> = opts.sortBy ? { includeObject: 'Object' } : {};
  if (req.names.length === 0) {
    const path = resourcePath(req.type, allNamespaces ? undefined : ctx.namespace);
    const table = await ctx.client.get<Table>(path, queryOf(selection, { limit: '500', ...includeObject }), TABLE_ACCEPT);
    if (opts.sortBy) sortRows(table, opts.sortBy);
    return table;
  }
  let merged: Table | undefined;
  let failed = false;
  for (const name of req.names) {
    try {
      const table = await ctx.client.get<Table>(resourcePath(req.type, ctx.namespace, name), includeObject, TABLE_ACCEPT);
      if (!merged) merged = table;
      else merged.rows.push(...table.rows);
    } catch (err) {
      if (err instanceof ApiError && err.code === 404 && opts.ignoreNotFound) continue;
      reportError(err);
      failed = true;
    }
  }
  if (failed) throw new NamedErrors(merged);
  return merged;
}

function sortRows(table: Table, expression: string): void {
  const objects = table.rows.map((r) => r.object ?? {});
  const order = sortByJsonPath(objects, expression);
  const byObject = new Map<unknown, TableRow>(table.rows.map((r, i) => [objects[i], r]));
  table.rows = order.map((o) => byObject.get(o)!);
}

function withTypeMeta(obj: KubernetesObject, req: ResourceRequest, showManagedFields = false): KubernetesObject {
  const apiVersion = req.type.group ? `${req.type.group}/${req.type.version}` : req.type.version;
  const typed = { apiVersion, kind: req.type.kind, ...obj };
  if (showManagedFields || !obj.metadata?.managedFields) return typed;
  // kubectl hides managedFields unless --show-managed-fields.
  const { managedFields: _hidden, ...metadata } = obj.metadata;
  return { ...typed, metadata };
}

function nameOf(ctx: CliContext, obj: KubernetesObject): string {
  const type = ctx.catalog.byKind(String(obj.apiVersion), String(obj.kind));
  return `${type ? kindGroup(type) : String(obj.kind).toLowerCase()}/${obj.metadata?.name ?? ''}`;
}

function noResourcesMessage(ctx: CliContext, allNamespaces: boolean): string {
  return allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`;
}

interface WatchTarget {
  req: ResourceRequest;
  allNamespaces: boolean;
  selection: { labelSelector?: string; fieldSelector?: string };
  fromRevision: string;
}

/** `get -w` watches what it listed: the collection, or one named object by field selector. */
function watchRequest(ctx: CliContext, t: WatchTarget): { path: string; query: Record<string, string> } {
  const fieldSelector = t.req.names.length === 1 ? `metadata.name=${t.req.names[0]}` : t.selection.fieldSelector;
  return {
    path: resourcePath(t.req.type, t.allNamespaces ? undefined : ctx.namespace),
    query: queryOf({ ...t.selection, ...(fieldSelector ? { fieldSelector } : {}) }, { resourceVersion: t.fromRevision }),
  };
}

async function watchTable(ctx: CliContext, target: WatchTarget, renderer: TableRenderer): Promise<void> {
  const { path, query } = watchRequest(ctx, target);
  for await (const event of ctx.client.watch<Table>(path, query, { accept: TABLE_ACCEPT })) {
    if (event.type === 'BOOKMARK' || event.type === 'ERROR') continue;
    renderer.print({ table: event.object, kindPrefix: kindGroup(target.req.type), namespaced: target.req.type.namespaced });
    process.stdout.write(renderer.flush());
  }
}

async function watchObjects(ctx: CliContext, target: WatchTarget, format: OutputFormat): Promise<void> {
  const { path, query } = watchRequest(ctx, target);
  const { formatObjects } = await import('../output/object-output.js');
  for await (const event of ctx.client.watch(path, query)) {
    if (event.type === 'BOOKMARK' || event.type === 'ERROR') continue;
    const obj = withTypeMeta(event.object, target.req);
    process.stdout.write(formatObjects(format as Exclude<OutputFormat, { kind: 'table' }>, [obj], true, (o) => nameOf(ctx, o)));
  }
}
