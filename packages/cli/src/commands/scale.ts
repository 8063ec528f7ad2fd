// kctl scale [--current-replicas=N] [--resource-version=V] --replicas=N (-f FILE | TYPE NAME | TYPE/NAME)
// Sets spec.replicas through the scale subresource as kubectl's scaler does: GET the Scale, check
// the preconditions against it, PUT it back with the new count, again on a conflict.
import type { Command } from 'commander';
import { ApiError, resourcePath } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { addFilenameOptions } from '../manifests/manifest-files.js';
import { parseDryRun } from '../manifests/write-flags.js';
import type { DryRunStrategy } from '../manifests/write-flags.js';
import { parseWrittenFormat, WrittenPrinter } from '../manifests/written-output.js';
import { reportErrors } from '../manifests/source-errors.js';
import { fetchTargets } from './workloads/target-objects.js';
import type { TargetContext, TargetFlags, TargetObject } from './workloads/target-objects.js';
import { parseGoDuration } from './wait/go-duration.js';

interface ScaleOptions extends TargetFlags {
  replicas?: string;
  currentReplicas: string;
  resourceVersion?: string;
  output?: string;
  dryRun?: string | boolean;
  timeout: string;
}

/** kubectl's ScalePrecondition: -1 and "" mean "no expectation". */
export interface ScalePrecondition {
  size: number;
  resourceVersion: string;
}

interface Scale extends KubernetesObject {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

/** Conflicts are retried for up to kubectl's five minutes, once a second. */
const CONFLICT_RETRY = { intervalMs: 1000, timeoutMs: 5 * 60_000 };

export function registerScale(program: Command, run: CommandRunner): void {
  const command = program
    .command('scale')
    .description('Set a new size for a deployment, replica set, replication controller, or stateful set')
    .argument('[args...]', 'TYPE NAME | TYPE/NAME');
  addFilenameOptions(command, 'identifying the resource to set a new size')
    .option('--replicas <count>', 'The new desired number of replicas. Required.')
    .option('--current-replicas <count>', 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.', '-1')
    .option('--resource-version <version>', 'Precondition for resource version. Requires that the current resource version match this value in order to scale.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--all', 'Select all resources in the namespace of the specified resource types')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name)')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client"')
    .option('--timeout <duration>', 'The length of time to wait before giving up on a scale operation, zero means don\'t wait.', '0s')
    .action(run(async (ctx, args: string[], opts: ScaleOptions) => scale(ctx, args, opts)));
}

function parseCount(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`invalid argument ${JSON.stringify(value)} for "--${flag}" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  return Number(value);
}

export async function scale(ctx: TargetContext, args: string[], opts: ScaleOptions): Promise<number> {
  if (opts.replicas === undefined) throw new UsageError('required flag(s) "replicas" not set');
  const replicas = parseCount('replicas', opts.replicas);
  if (replicas < 0) throw new UsageError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const precondition: ScalePrecondition = { size: parseCount('current-replicas', opts.currentReplicas), resourceVersion: opts.resourceVersion ?? '' };
  const dryRun = parseDryRun(opts.dryRun);
  const printer = new WrittenPrinter(parseWrittenFormat(opts.output), dryRun);
  const timeoutMs = parseGoDuration(opts.timeout);
  const { found, errors } = await fetchTargets(ctx, args, opts);
  if (found.length === 0) throw new Error(`no objects passed to scale${errors.length > 0 ? ` ${errors.map((e) => e.message).join(', ')}` : ''}`);
  for (const target of found) {
    if (dryRun !== 'client') {
      await scaleWithRetries(ctx, target, replicas, precondition, dryRun);
      if (timeoutMs > 0 && dryRun === 'none') await waitForReplicas(ctx, target, replicas, timeoutMs);
    }
    printer.print(target.type, target.object, 'scaled');
  }
  // Names the server did not have are reported once the others were scaled.
  return reportErrors(errors);
}

/** kubectl's PreconditionError wording. */
export function checkPrecondition(precondition: ScalePrecondition, current: Scale): void {
  const actual = current.spec?.replicas ?? 0;
  if (precondition.size !== -1 && actual !== precondition.size) {
    throw new Error(`Expected replicas to be ${precondition.size}, was ${actual}`);
  }
  const version = current.metadata?.resourceVersion ?? '';
  if (precondition.resourceVersion && version !== precondition.resourceVersion) {
    throw new Error(`Expected resource version to be ${precondition.resourceVersion}, was ${version}`);
  }
}

async function scaleWithRetries(ctx: TargetContext, target: TargetObject, replicas: number, precondition: ScalePrecondition, dryRun: DryRunStrategy): Promise<void> {
  const path = resourcePath(target.type, target.namespace, target.name, 'scale');
  const deadline = Date.now() + CONFLICT_RETRY.timeoutMs;
  for (;;) {
    const current = await ctx.client.get<Scale>(path);
    checkPrecondition(precondition, current);
    try {
      await ctx.client.replace(path, { ...current, spec: { ...current.spec, replicas } }, dryRun === 'server' ? { dryRun: 'All' } : {});
      return;
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 409) || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, CONFLICT_RETRY.intervalMs));
    }
  }
}

/**
 * --timeout: kubectl's WaitForScaleHasDesiredReplicas, polling the Scale once a second until its
 * status shows the new size (or someone else changed the size meanwhile).
 */
async function waitForReplicas(ctx: TargetContext, target: TargetObject, replicas: number, timeoutMs: number): Promise<void> {
  const path = resourcePath(target.type, target.namespace, target.name, 'scale');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await ctx.client.get<Scale>(path);
    const wanted = current.spec?.replicas ?? 0;
    if (wanted !== replicas || (current.status?.replicas ?? 0) === replicas) return;
    if (Date.now() >= deadline) throw new Error(`timed out waiting for ${JSON.stringify(target.name)} to be synced`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
