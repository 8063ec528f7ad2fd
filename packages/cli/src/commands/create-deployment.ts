// kctl create deployment NAME --image=image -- [COMMAND] [args...]
// Builds the Deployment kubectl's generator builds (labels app=NAME, one container per image
// named after the image, --port on the first container) and creates it, or prints it for
// --dry-run=client with Go's field order.
import type { Command } from 'commander';
import { resourcePath } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { collectValues } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { withLastApplied } from '../manifests/last-applied.js';
import { parseDryRun, parseValidate, writeQuery } from '../manifests/write-flags.js';
import { parseWrittenFormat, WrittenPrinter } from '../manifests/written-output.js';
import { withParentOptions } from './create-parent-options.js';

export interface CreateDeploymentOptions {
  image: string[];
  replicas: string;
  port: string;
  output?: string;
  dryRun?: string | boolean;
  validate?: string | boolean;
  fieldManager?: string;
  saveConfig?: boolean;
}

export interface DeploymentSpecInput {
  name: string;
  images: string[];
  replicas: number;
  /** -1: no port */
  port: number;
  command: string[];
  /** set only when -n was given (kubectl's EnforceNamespace) */
  namespace?: string;
}

// k8s.io/apimachinery/pkg/util/rand: consonants and digits that never spell words.
const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(length: number): string {
  return Array.from({ length }, () => RAND_ALPHABET[Math.floor(Math.random() * RAND_ALPHABET.length)]).join('');
}

/** The container name kubectl derives from an image: last path part, no tag or digest, DNS-safe. */
export function containerNameForImage(image: string, suffix: (n: number) => string = randomSuffix): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0] ?? name;
  name = name.split('@')[0] ?? name;
  if (/[_.]/.test(name)) name = `${name.replaceAll('_', '-').replaceAll('.', '-')}-${suffix(5)}`;
  return name;
}

/** The Deployment in Go's field order (what `-o json` under --dry-run=client shows). */
export function deploymentFor(input: DeploymentSpecInput, suffix?: (n: number) => string): KubernetesObject {
  const labels = { app: input.name };
  const containers = input.images.map((image, i) => ({
    name: containerNameForImage(image, suffix),
    image,
    ...(input.command.length > 0 ? { command: input.command } : {}),
    ...(i === 0 && input.port >= 0 ? { ports: [{ containerPort: input.port }] } : {}),
    resources: {},
  }));
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: input.name, ...(input.namespace ? { namespace: input.namespace } : {}), creationTimestamp: null, labels },
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  } as unknown as KubernetesObject;
}

function parseInt32(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`invalid argument ${JSON.stringify(value)} for "${flag}" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  return Number(value);
}

export function registerCreateDeployment(create: Command, run: CommandRunner): void {
  create
    .command('deployment')
    .alias('deploy')
    .description('Create a deployment with the specified name')
    .argument('[args...]', 'NAME [-- COMMAND [args...]]')
    .option('--image <image>', 'Image names to run. A deployment can have multiple images set for multi-container pod.', collectValues, [])
    .option('-r, --replicas <n>', 'Number of replicas to create. Default is 1.', '1')
    .option('--port <port>', 'The containerPort that this deployment exposes.', '-1')
    .action(withParentOptions(run(async (ctx, args: string[], opts: CreateDeploymentOptions) => createDeployment(ctx, args, opts, commandAfterDash(args)))));
}

/** Commander drops the "--": the words after it on the real command line are the command. */
function commandAfterDash(args: string[]): number {
  const dash = process.argv.indexOf('--');
  return dash < 0 ? args.length : Math.max(0, args.length - (process.argv.length - dash - 1));
}

export async function createDeployment(ctx: Pick<CliContext, 'client' | 'catalog' | 'namespace' | 'namespaceExplicit'>, args: string[], opts: CreateDeploymentOptions, argsBeforeDash = args.length): Promise<number> {
  const names = args.slice(0, argsBeforeDash);
  if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}\nSee 'kctl create deployment -h' for help and examples`);
  if (opts.image.length === 0) throw new UsageError('required flag(s) "image" not set');
  const command = args.slice(argsBeforeDash);
  if (opts.image.length > 1 && command.length > 0) throw new UsageError('cannot specify multiple --image options and command');
  const dryRun = parseDryRun(opts.dryRun);
  const validation = parseValidate(opts.validate);
  const printer = new WrittenPrinter(parseWrittenFormat(opts.output), dryRun);
  const type = ctx.catalog.byPath('apps', 'v1', 'deployments');
  if (!type) throw new Error('the server does not serve deployments.apps');
  const deployment = deploymentFor({
    name: names[0]!,
    images: opts.image,
    replicas: parseInt32('--replicas', opts.replicas),
    port: parseInt32('--port', opts.port),
    command,
    ...(ctx.namespaceExplicit ? { namespace: ctx.namespace } : {}),
  });
  const body = opts.saveConfig ? withLastApplied(deployment) : deployment;
  if (dryRun === 'client') {
    if (printer.format === 'json') process.stdout.write(`${JSON.stringify(body, null, 4)}\n`);
    else printer.print(type, body, 'created');
    return 0;
  }
  let created: KubernetesObject;
  try {
    created = await ctx.client.create<KubernetesObject>(resourcePath(type, ctx.namespace), body, writeQuery(opts.fieldManager ?? 'kubectl-create', validation, dryRun));
  } catch (err) {
    throw new Error(`failed to create deployment: ${(err as Error).message}`);
  }
  printer.print(type, withoutManagedFields(created), 'created');
  return 0;
}

function withoutManagedFields(obj: KubernetesObject): KubernetesObject {
  const { managedFields: _omitted, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata };
}
