// kctl create job NAME --image=image [-- COMMAND [args...]]  |  kctl create job NAME --from=cronjob/NAME
// kubectl's create_job.go: a one-container Job (container named after the Job, restartPolicy
// Never), or the Job of a CronJob's template, annotated cronjob.kubernetes.io/instantiate=manual
// and owned by the CronJob (controller=true, without blockOwnerDeletion, as kubectl does).
import type { Command } from 'commander';
import { resourcePath } from '@kctl/shared';
import type { KubernetesObject, ObjectMeta } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { withParentOptions } from './create-parent-options.js';
import { createGenerated, splitAtDash } from './create-generated.js';
import type { GeneratorWriteOptions } from './create-generated.js';

export interface CreateJobOptions extends GeneratorWriteOptions {
  image?: string;
  from?: string;
}

const JOBS = { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job' };

/** createJob: the Job for --image, in Go's field order. */
export function jobFor(name: string, image: string, command: string[], namespace?: string): KubernetesObject {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null },
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: { containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy: 'Never' },
      },
    },
    status: {},
  } as unknown as KubernetesObject;
}

interface CronJobLike extends KubernetesObject {
  spec?: { jobTemplate?: { metadata?: ObjectMeta; spec?: unknown } };
}

/** createJobFromCronJob. */
export function jobFromCronJob(name: string, cronJob: CronJobLike, namespace?: string): KubernetesObject {
  const template = cronJob.spec?.jobTemplate ?? {};
  const labels = template.metadata?.labels;
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      creationTimestamp: null,
      ...(labels ? { labels } : {}),
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata?.name ?? '', uid: cronJob.metadata?.uid ?? '', controller: true }],
    },
    spec: template.spec ?? {},
    status: {},
  } as unknown as KubernetesObject;
}

export function registerCreateJob(create: Command, run: CommandRunner): void {
  create
    .command('job')
    .description('Create a job with the specified name')
    .argument('[args...]', 'NAME [--image=image --from=cronjob/name] -- [COMMAND] [args...]')
    .option('--image <image>', 'Image name to run.')
    .option('--from <resource>', 'The name of the resource to create a Job from (only cronjob is supported).')
    .action(withParentOptions(run(async (ctx, args: string[], opts: CreateJobOptions) => createJob(ctx, args, opts))));
}

export async function createJob(ctx: Pick<CliContext, 'client' | 'catalog' | 'namespace' | 'namespaceExplicit'>, args: string[], opts: CreateJobOptions, argv?: readonly string[]): Promise<number> {
  const { names, command } = splitAtDash(args, argv);
  if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`);
  const name = names[0]!;
  const image = opts.image ?? '';
  const from = opts.from ?? '';
  if ((image === '') === (from === '')) throw new UsageError('either --image or --from must be specified');
  if (command.length > 0 && from !== '') throw new UsageError('cannot specify --from and command');
  const namespace = ctx.namespaceExplicit ? ctx.namespace : undefined;
  if (image !== '') return createGenerated(ctx, JOBS, jobFor(name, image, command, namespace), opts);
  const [kind, sourceName, ...rest] = from.split('/');
  if (!sourceName || rest.length > 0) throw new UsageError(`arguments in resource/name form must have a single resource and name`);
  const type = ctx.catalog.resolve(kind ?? '');
  if (!type) throw new Error(`the server doesn't have a resource type "${kind ?? ''}"`);
  if (type.kind !== 'CronJob') throw new Error(`unknown object type *v1.${type.kind}`);
  const cronJob = await ctx.client.get<CronJobLike>(resourcePath(type, ctx.namespace, sourceName));
  return createGenerated(ctx, JOBS, jobFromCronJob(name, cronJob, namespace), opts);
}
