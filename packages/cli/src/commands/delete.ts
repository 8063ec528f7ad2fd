// kctl delete: by name, TYPE/NAME, -f, -l/--field-selector or --all. One DELETE per object
// (never deletecollection), "pod "x" deleted" as each returns, then — unless --wait=false — a
// wait until every deleted object is really gone (finalizers, graceful termination).
import type { Command } from 'commander';
import { ApiError, resourcePath } from '@kctl/shared';
import type { KubernetesList, KubernetesObject, ResourceType } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { kindGroup, parseResourceArguments } from '../resource-arguments.js';
import { addFilenameOptions } from '../manifests/manifest-files.js';
import { readManifestsFromFlags } from '../manifests/manifest-objects.js';
import type { FilenameFlags } from '../manifests/manifest-objects.js';
import { reportErrors, reportingErrorLists, withSource } from '../manifests/source-errors.js';
import { dryRunSuffix, parseDryRun } from '../manifests/write-flags.js';
import type { DryRunStrategy } from '../manifests/write-flags.js';

export interface DeleteFlags extends FilenameFlags {
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  ignoreNotFound?: boolean;
  gracePeriod: string;
  force?: boolean;
  now?: boolean;
  cascade: string | true;
  wait: string | true;
  timeout: string;
  output?: string;
  dryRun?: string | boolean;
}

type Propagation = 'Background' | 'Foreground' | 'Orphan';

/** What the flags amount to, after kubectl's DeleteOptions.Complete/Validate rules. */
export interface DeletionSettings {
  /** the DeleteOptions body of every DELETE */
  body: { gracePeriodSeconds?: number; propagationPolicy: Propagation };
  forced: boolean;
  ignoreNotFound: boolean;
  wait: boolean;
  /** 0 = no limit */
  timeoutMs: number;
  dryRun: DryRunStrategy;
  /** printed to stderr before anything is deleted */
  warnings: string[];
}

interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  /** the -f file, for "error when deleting" messages; '' for command-line names */
  source: string;
}

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export function registerDelete(program: Command, run: CommandRunner): void {
  const command = program
    .command('delete')
    .description('Delete resources by file names, stdin, resources and names, or by resources and label selector')
    .argument('[args...]');
  addFilenameOptions(command, 'containing the resource to delete.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--field-selector <selector>', 'Selector (field query) to filter on')
    .option('--all', 'Delete all resources, in the namespace of the specified resource types.')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
    .option('--ignore-not-found', 'Treat "resource not found" as a successful delete.')
    .option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully.', '-1')
    .option('--force', 'If true, immediately remove resources from API and bypass graceful deletion.')
    .option('--now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).')
    .option('--cascade [strategy]', 'Must be "background", "orphan", or "foreground".', 'background')
    .option('--wait [bool]', 'If true, wait for resources to be gone before returning.', 'true')
    .option('--timeout <duration>', 'The length of time to wait before giving up on a delete, zero means wait forever', '0s')
    .option('-o, --output <format>', 'Output mode. Use "-o name" for shorter output (resource/name).')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client"')
    .action(run(async (ctx, args: string[], opts: DeleteFlags) => deleteResources(ctx, args, opts)));
}

export function deletionSettings(flags: DeleteFlags): DeletionSettings {
  const warnings: string[] = [];
  const cascade = flags.cascade === true ? 'background' : flags.cascade;
  let propagationPolicy: Propagation;
  if (cascade === 'background' || cascade === 'foreground' || cascade === 'orphan') {
    propagationPolicy = (cascade[0]!.toUpperCase() + cascade.slice(1)) as Propagation;
  } else if (/^(1|t|T|true|TRUE|True|0|f|F|false|FALSE|False)$/.test(cascade)) {
    const replacement = /^(1|t|true)$/i.test(cascade) ? 'background' : 'orphan';
    warnings.push(`warning: --cascade=${cascade} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.`);
    propagationPolicy = replacement === 'background' ? 'Background' : 'Orphan';
  } else {
    throw new Error(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  }
  let grace = Number(flags.gracePeriod);
  if (!/^[+-]?\d+$/.test(flags.gracePeriod)) {
    throw new Error(`invalid argument "${flags.gracePeriod}" for "--grace-period" flag: strconv.ParseInt: parsing "${flags.gracePeriod}": invalid syntax`);
  }
  if (flags.now) {
    if (grace !== -1) throw new Error('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  // --grace-period=0 alone once meant "now"; only --force may really skip graceful deletion.
  if (grace === 0 && !flags.force) grace = 1;
  if (flags.force && grace < 0) grace = 0;
  if (flags.force && grace > 0) throw new Error('--force and --grace-period greater than 0 cannot be specified together');
  if (flags.force && grace === 0) {
    warnings.push('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
  }
  const selecting = Boolean(flags.all || flags.selector || flags.fieldSelector);
  return {
    body: { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy },
    forced: grace === 0,
    // With --all/-l the objects were just listed; one gone meanwhile is no failure.
    ignoreNotFound: flags.ignoreNotFound ?? selecting,
    wait: flags.wait === true || !/^(0|f|F|false|FALSE|False)$/.test(flags.wait),
    timeoutMs: parseGoDuration(flags.timeout),
    dryRun: parseDryRun(flags.dryRun),
    warnings,
  };
}

/** Go's time.ParseDuration for the units anyone types: "30s", "1m30s", "1.5h", "0". */
export function parseGoDuration(text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (text === '0') return 0;
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error(`invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`);
  return parts.reduce((ms, p) => ms + Number(p[1]) * (units[p[2]!] ?? 0), 0);
}

async function deleteResources(ctx: CliContext, args: string[], flags: DeleteFlags): Promise<number> {
  const settings = deletionSettings(flags);
  if (flags.filename.length > 0 && args.length > 0) throw new Error('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  if (flags.filename.length === 0 && args.length === 0) throw new Error(NO_RESOURCES);
  if (flags.all && flags.selector) throw new Error("setting 'all' parameter but found a non empty selector. ");
  if (flags.output && flags.output !== 'name') throw new Error(`unexpected -o output mode: ${flags.output}. We only support '-o name'`);
  for (const warning of settings.warnings) process.stderr.write(`${warning}\n`);
  return reportingErrorLists(async () => {
    const targets = flags.filename.length > 0 ? await readManifestsFromFlags(ctx, flags, false) : await targetsFromArguments(ctx, args, flags);
    const errors: Error[] = [];
    const deleted: Array<{ target: Target; uid: string | undefined }> = [];
    let warnClusterScope = ctx.namespaceExplicit && !flags.allNamespaces;
    for (const target of targets) {
      if (target instanceof Error) {
        errors.push(target);
        continue;
      }
      if (warnClusterScope && !target.type.namespaced) {
        process.stderr.write('warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
        warnClusterScope = false;
      }
      try {
        deleted.push({ target, uid: await deleteOne(ctx, target, settings, flags.output === 'name') });
      } catch (err) {
        if (!(settings.ignoreNotFound && err instanceof ApiError && err.code === 404)) errors.push(withSource('deleting', target.source, err));
      }
    }
    if (errors.length > 0) return reportErrors(errors);
    if (targets.length === 0) process.stdout.write('No resources found\n');
    else if (settings.wait && settings.dryRun === 'none') await waitUntilAllGone(ctx, deleted, settings.timeoutMs);
    return 0;
  });
}

async function targetsFromArguments(ctx: CliContext, args: string[], flags: DeleteFlags): Promise<Target[]> {
  const requests = parseResourceArguments(ctx.catalog, args);
  const selecting = flags.all || flags.selector !== undefined || flags.fieldSelector !== undefined;
  const targets: Target[] = [];
  for (const { type, names } of requests) {
    if (names.length > 0) {
      targets.push(...names.map((name) => ({ type, namespace: ctx.namespace, name, source: '' })));
      continue;
    }
    if (!selecting) throw new Error('resource(s) were provided, but no name was specified');
    const namespace = flags.allNamespaces ? undefined : ctx.namespace;
    const list = await ctx.client.get<KubernetesList>(resourcePath(type, namespace), { labelSelector: flags.selector, fieldSelector: flags.fieldSelector });
    targets.push(...list.items.map((item) => ({ type, namespace: item.metadata?.namespace, name: item.metadata?.name ?? '', source: '' })));
  }
  return targets;
}

/** Sends the DELETE (unless a client dry run), prints the outcome and returns the deleted object's uid. */
async function deleteOne(ctx: CliContext, target: Target, settings: DeletionSettings, nameOnly: boolean): Promise<string | undefined> {
  let uid: string | undefined;
  if (settings.dryRun !== 'client') {
    const query = settings.dryRun === 'server' ? { dryRun: 'All' } : undefined;
    const response = await ctx.client.delete<KubernetesObject & { details?: { uid?: string } }>(resourcePath(target.type, target.namespace, target.name), settings.body, query);
    // Pods come back as the object; other kinds may answer with a Status naming the uid.
    uid = response?.kind === 'Status' ? response.details?.uid : response?.metadata?.uid;
  }
  const kind = kindGroup(target.type);
  const operation = `${settings.forced ? 'force deleted' : 'deleted'}${dryRunSuffix(settings.dryRun)}`;
  process.stdout.write(nameOnly ? `${kind}/${target.name}\n` : `${kind} "${target.name}" ${operation}\n`);
  return uid;
}

async function waitUntilAllGone(ctx: CliContext, deleted: Array<{ target: Target; uid: string | undefined }>, timeoutMs: number): Promise<void> {
  const deadline = new AbortController();
  // kubectl turns "forever" into a week; a timer that long also fits setTimeout's range.
  const timer = setTimeout(() => deadline.abort(), timeoutMs || 168 * 3_600_000);
  timer.unref();
  try {
    for (const { target, uid } of deleted) {
      await waitUntilGone(ctx, target, uid, deadline.signal).catch((err: unknown) => {
        if (!deadline.signal.aborted) throw err;
        throw new Error(`timed out waiting for the condition on ${target.type.resource}/${target.name}`);
      });
    }
  } finally {
    clearTimeout(timer);
  }
}

/** kubectl's wait IsDeleted: GET (404 or another uid = gone), else list+watch by name until DELETED. */
async function waitUntilGone(ctx: CliContext, target: Target, uid: string | undefined, signal: AbortSignal): Promise<void> {
  const collection = resourcePath(target.type, target.namespace);
  const stillThere = (obj: KubernetesObject | undefined): boolean => obj !== undefined && (uid === undefined || obj.metadata?.uid === uid);
  try {
    const live = await ctx.client.request<KubernetesObject>('GET', resourcePath(target.type, target.namespace, target.name), { signal });
    if (!stillThere(live)) return;
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) return;
    throw err;
  }
  const fieldSelector = `metadata.name=${target.name}`;
  for (;;) {
    const list = await ctx.client.request<KubernetesList>('GET', collection, { query: { fieldSelector, resourceVersion: '0' }, signal });
    if (!list.items.some(stillThere)) return;
    const query = { allowWatchBookmarks: 'true', fieldSelector, resourceVersion: list.metadata.resourceVersion };
    for await (const event of ctx.client.watch(collection, query, { signal })) {
      if (event.type === 'DELETED' && stillThere(event.object)) return;
      if (event.type === 'ERROR') break;
    }
    // The watch ended or expired: list again, as client-go's informer does.
  }
}
