// kctl rollout status|history|undo|restart|pause|resume (-f FILE | TYPE NAME | TYPE/NAME)
// for Deployments, DaemonSets and StatefulSets, with kubectl's messages and exit codes.
import type { Command } from 'commander';
import { createTwoWayMergePatch, resourcePath } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { CommandRunner } from '../command-runner.js';
import { addFilenameOptions } from '../manifests/manifest-files.js';
import { reportErrors, reportingErrorLists } from '../manifests/source-errors.js';
import { parseDryRun, writeQuery } from '../manifests/write-flags.js';
import { parseWrittenFormat, WrittenPrinter } from '../manifests/written-output.js';
import { kindGroup, resourceGroup, UsageError } from '../resource-arguments.js';
import { PATCH_CONTENT_TYPES } from './patch.js';
import { parseGoDuration } from './wait/go-duration.js';
import { fetchTargets } from './workloads/target-objects.js';
import type { TargetContext, TargetFlags, TargetObject, Targets } from './workloads/target-objects.js';
import { paused, restarted, resumed } from './rollout/object-changes.js';
import { rollBack } from './rollout/rollback.js';
import { historyOutput } from './rollout/rollout-history.js';
import { waitForRollout } from './rollout/rollout-status.js';
import { revisionsOf } from './rollout/revisions.js';

interface StatusFlags extends TargetFlags {
  watch: string | boolean;
  revision: string;
  timeout: string;
}

interface HistoryFlags extends TargetFlags {
  revision: string;
}

interface UndoFlags extends TargetFlags {
  toRevision: string;
  dryRun?: string | boolean;
  output?: string;
}

interface PatchingFlags extends TargetFlags {
  fieldManager: string;
  output?: string;
}

function targetOptions(command: Command, purpose: string): Command {
  return addFilenameOptions(command, purpose).option('-l, --selector <selector>', 'Selector (label query) to filter on');
}

function parseInteger(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`invalid argument ${JSON.stringify(value)} for "--${flag}" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  return Number(value);
}

/**
 * Objects to act on. Every rollout verb takes a bare TYPE for all objects of it; names the
 * server does not have are reported after the others were handled, as kubectl's builder does.
 */
async function rolloutTargets(ctx: TargetContext, args: string[], flags: TargetFlags): Promise<Targets> {
  if (args.length === 0 && (flags.filename ?? []).length === 0) throw new UsageError('required resource not specified');
  return fetchTargets(ctx, args, { ...flags, all: true });
}

/** Runs `act` on each object found, then reports every failure (lookups first) kubectl's way. */
async function forEachTarget(ctx: TargetContext, args: string[], flags: TargetFlags, act: (target: TargetObject) => Promise<void>): Promise<number> {
  const { found, errors } = await rolloutTargets(ctx, args, flags);
  for (const target of found) {
    try {
      await act(target);
    } catch (err) {
      errors.push(err instanceof Error ? err : new Error(String(err)));
    }
  }
  return reportErrors(errors);
}

export function registerRollout(program: Command, run: CommandRunner): void {
  const rollout = program.command('rollout').description('Manage the rollout of a resource');

  targetOptions(rollout.command('status').description('Show the status of the rollout').argument('[args...]'), 'identifying the resource to get from a server.')
    .option('-w, --watch [bool]', 'Watch the status of the rollout until it\'s done.', true)
    .option('--revision <n>', 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).', '0')
    .option('--timeout <duration>', 'The length of time to wait before ending watch, zero means never.', '0s')
    .action(run(async (ctx, args: string[], opts: StatusFlags) => rolloutStatus(ctx, args, opts)));

  targetOptions(rollout.command('history').description('View rollout history').argument('[args...]'), 'identifying the resource to get from a server.')
    .option('--revision <n>', 'See the details, including podTemplate of the revision specified', '0')
    .action(run(async (ctx, args: string[], opts: HistoryFlags) => rolloutHistory(ctx, args, opts)));

  targetOptions(rollout.command('undo').description('Undo a previous rollout').argument('[args...]'), 'identifying the resource to get from a server.')
    .option('--to-revision <n>', 'The revision to rollback to. Default to 0 (last revision).', '0')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client"')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name)')
    .action(run(async (ctx, args: string[], opts: UndoFlags) => rolloutUndo(ctx, args, opts)));

  const patching: Array<[string, string, string, (t: TargetObject) => KubernetesObject, string]> = [
    ['restart', 'Restart a resource', 'restarted', (t) => restarted(t, new Date()), 'failed to create patch for %s: if restart has already been triggered within the past second, please wait before attempting to trigger another'],
    ['pause', 'Mark the provided resource as paused', 'paused', paused, 'already paused'],
    ['resume', 'Resume a paused resource', 'resumed', resumed, 'already resumed'],
  ];
  for (const [name, description, operation, change, unchanged] of patching) {
    targetOptions(rollout.command(name).description(description).argument('[args...]'), 'identifying the resource to get from a server.')
      .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-rollout')
      .option('-o, --output <format>', 'Output format. One of: (json, yaml, name)')
      .action(run(async (ctx, args: string[], opts: PatchingFlags) => reportingErrorLists(() => patchEach(ctx, args, opts, { operation, change, unchanged }))));
  }
}

async function rolloutStatus(ctx: TargetContext, args: string[], opts: StatusFlags): Promise<number> {
  const revision = parseInteger('revision', opts.revision);
  if (revision < 0) throw new UsageError(`revision must be a positive integer: ${revision}`);
  // --watch=false / -w=0: Go's strconv.ParseBool spellings.
  const watch = opts.watch === true || (typeof opts.watch === 'string' && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(opts.watch.replace(/^=/, '')));
  const timeoutMs = parseGoDuration(opts.timeout);
  return forEachTarget(ctx, args, opts, (target) => waitForRollout(ctx, target, { watch, revision, timeoutMs }));
}

async function rolloutHistory(ctx: TargetContext, args: string[], opts: HistoryFlags): Promise<number> {
  const revision = parseInteger('revision', opts.revision);
  if (revision < 0) throw new UsageError(`revision must be a positive integer: ${revision}`);
  return forEachTarget(ctx, args, opts, async (target) => {
    const revisions = await revisionsOf(ctx, target);
    process.stdout.write(historyOutput(`${kindGroup(target.type)}/${target.name}`, revisions, revision));
  });
}

async function rolloutUndo(ctx: TargetContext, args: string[], opts: UndoFlags): Promise<number> {
  const toRevision = parseInteger('to-revision', opts.toRevision);
  const dryRun = parseDryRun(opts.dryRun);
  const printer = new WrittenPrinter(parseWrittenFormat(opts.output), dryRun);
  return forEachTarget(ctx, args, opts, async (target) => {
    printer.print(target.type, target.object, await rollBack(ctx, target, toRevision, dryRun));
  });
}

interface PatchingVerb {
  operation: string;
  change: (target: TargetObject) => KubernetesObject;
  /** the operation printed (or, with %s, the error raised) when the change makes no patch */
  unchanged: string;
}

/** restart / pause / resume: kubectl's CalculatePatches loop, errors collected and reported at the end. */
async function patchEach(ctx: TargetContext, args: string[], opts: PatchingFlags, verb: PatchingVerb): Promise<number> {
  const printer = new WrittenPrinter(parseWrittenFormat(opts.output), 'none');
  const { found, errors } = await rolloutTargets(ctx, args, opts);
  for (const target of found) {
    let patch: Record<string, unknown>;
    try {
      patch = createTwoWayMergePatch(target.object, verb.change(target), target.type);
    } catch (err) {
      errors.push(new Error(`error: ${resourceGroup(target.type)} ${JSON.stringify(target.name)} ${(err as Error).message}`));
      continue;
    }
    if (Object.keys(patch).length === 0) {
      if (verb.unchanged.includes('%s')) errors.push(new Error(verb.unchanged.replace('%s', target.name)));
      else printer.print(target.type, target.object, verb.unchanged);
      continue;
    }
    try {
      const { fieldValidation: _none, ...query } = writeQuery(opts.fieldManager, 'Strict', 'none');
      const patched = await ctx.client.patch<KubernetesObject>(resourcePath(target.type, target.namespace, target.name), patch, PATCH_CONTENT_TYPES.strategic!, query);
      printer.print(target.type, patched, verb.operation);
    } catch (err) {
      errors.push(new Error(`failed to patch: ${(err as Error).message}`));
    }
  }
  return reportErrors(errors);
}
