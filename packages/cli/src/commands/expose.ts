// kctl expose (-f FILENAME | TYPE NAME | TYPE/NAME) [--port] [--target-port] [--name] [--type]
// [--protocol] [--selector] [--labels] [--cluster-ip] [--dry-run] [-o json|yaml|name]
// Reads a pod, service, replication controller, deployment or replica set and creates a Service
// selecting its pods, as kubectl expose does (same generated object, same messages).
import type { Command } from 'commander';
import { resourcePath } from '@kctl/shared';
import type { KubernetesObject, ResourceType } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { parseResourceArguments, UsageError } from '../resource-arguments.js';
import { addFilenameOptions } from '../manifests/manifest-files.js';
import { readManifestsFromFlags } from '../manifests/manifest-objects.js';
import type { FilenameFlags } from '../manifests/manifest-objects.js';
import { withLastApplied } from '../manifests/last-applied.js';
import { parseDryRun, writeQuery } from '../manifests/write-flags.js';
import type { DryRunStrategy } from '../manifests/write-flags.js';
import { parseWrittenFormat, WrittenPrinter } from '../manifests/written-output.js';
import { checkExposable, introspect, makeLabels } from './expose-introspection.js';
import { serviceForExpose } from './expose-service.js';
import type { ExposeFlags } from './expose-service.js';

interface ExposeOptions extends ExposeFlags, FilenameFlags {
  output?: string;
  dryRun?: string | boolean;
  fieldManager: string;
  saveConfig?: boolean;
}

/** validation.DNS1035LabelMaxLength: the exposed object's name is cut to fit a Service name. */
const SERVICE_NAME_MAX = 63;

const NO_RESOURCES = [
  'You must provide one or more resources by argument or filename.',
  'Example resource specifications include:',
  "   '-f rsrc.yaml'",
  "   '--filename=rsrc.json'",
  "   '<resource> <name>'",
  "   '<resource>'",
].join('\n');

export function registerExpose(program: Command, run: CommandRunner): void {
  const command = program
    .command('expose')
    .description('Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service')
    .argument('[args...]', 'TYPE NAME | TYPE/NAME');
  addFilenameOptions(command, 'identifying the resource to expose a service')
    .option('--port <port>', 'The port that the service should serve on. Copied from the resource being exposed, if unspecified')
    .option('--target-port <port>', 'Name or number for the port on the container that the service should direct traffic to. Optional.')
    .option('--name <name>', 'The name for the newly created object.')
    .option('--type <type>', "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")
    .option('--protocol <protocol>', "The network protocol for the service to be created. Default is 'TCP'.")
    .option('--selector <selector>', 'A label selector to use for this service. Only equality-based selector requirements are supported.')
    .option('-l, --labels <labels>', 'Labels to apply to the service created by this call.')
    .option('--external-ip <ip>', 'Additional external IP address (not managed by Kubernetes) to accept for the service.')
    .option('--load-balancer-ip <ip>', 'IP to assign to the LoadBalancer.')
    .option('--session-affinity <affinity>', "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'")
    .option('--cluster-ip <ip>', "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.")
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name)')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client"')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership', 'kubectl-expose')
    .option('--save-config', 'Save the configuration in the last-applied annotation, for later kubectl apply')
    .action(run(async (ctx, args: string[], opts: ExposeOptions) => expose(ctx, args, opts)));
}

interface ExposedObject {
  type: ResourceType;
  object: KubernetesObject;
}

/** The objects to expose: read from -f as written (kubectl does not fetch them), else GET by name. */
async function exposedObjects(ctx: CliContext, args: string[], opts: ExposeOptions): Promise<ExposedObject[]> {
  if (opts.filename.length > 0) {
    if (args.length > 0) throw new UsageError(`Unexpected args: [${args.join(' ')}]`);
    return (await readManifestsFromFlags(ctx, opts, true)).map((entry) => {
      if (entry instanceof Error) throw entry;
      return { type: entry.type, object: entry.object };
    });
  }
  if (args.length === 0) throw new UsageError(NO_RESOURCES);
  const objects: ExposedObject[] = [];
  for (const request of parseResourceArguments(ctx.catalog, args)) {
    if (request.names.length === 0) throw new UsageError('resource(s) were provided, but no name was specified');
    for (const name of request.names) {
      const object = await ctx.client.get<KubernetesObject>(resourcePath(request.type, ctx.namespace, name));
      objects.push({ type: request.type, object: { ...object, kind: object.kind ?? request.type.kind } });
    }
  }
  return objects;
}

async function expose(ctx: CliContext, args: string[], opts: ExposeOptions): Promise<number> {
  const dryRun = parseDryRun(opts.dryRun);
  const printer = new WrittenPrinter(parseWrittenFormat(opts.output), dryRun);
  const servicesType = ctx.catalog.byPath('', 'v1', 'services');
  if (!servicesType) throw new Error('the server does not serve services');
  for (const { type, object } of await exposedObjects(ctx, args, opts)) {
    checkExposable(type.kind, type.group);
    // Each object gets its own introspection: kubectl carries the first object's selector and
    // labels over to the next ones, which exposes the wrong pods; we do not copy that.
    const service = serviceForExpose(opts, (object.metadata?.name ?? '').slice(0, SERVICE_NAME_MAX), introspect(object), makeLabels(object.metadata?.labels));
    if (dryRun === 'client') {
      printClientDryRun(printer, servicesType, ctx.namespaceExplicit ? withNamespace(service, ctx.namespace) : service);
      continue;
    }
    const body = opts.saveConfig ? withLastApplied(service) : service;
    const created = await ctx.client.create<KubernetesObject>(resourcePath(servicesType, ctx.namespace), body, createQuery(opts.fieldManager, dryRun));
    printer.print(servicesType, printer.printsObjects ? withoutManagedFields(created) : created, 'exposed');
  }
  return 0;
}

function createQuery(fieldManager: string, dryRun: DryRunStrategy): Record<string, string> {
  // kubectl expose sends no fieldValidation: its typed object cannot carry unknown fields.
  const { fieldValidation: _unused, ...query } = writeQuery(fieldManager, 'Strict', dryRun);
  return query;
}

/** kubectl's -o json|yaml leave managedFields out unless --show-managed-fields. */
function withoutManagedFields(obj: KubernetesObject): KubernetesObject {
  const { managedFields: _omitted, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata };
}

/** metadata.namespace right after the name, where Go's ObjectMeta puts it. */
function withNamespace(service: KubernetesObject, namespace: string): KubernetesObject {
  const { name, ...rest } = service.metadata ?? {};
  return { ...service, metadata: { name, namespace, ...rest } } as KubernetesObject;
}

/** kubectl prints its typed object here: JSON keeps Go's field order (YAML is sorted either way). */
function printClientDryRun(printer: WrittenPrinter, type: ResourceType, service: KubernetesObject): void {
  if (printer.format === 'json') process.stdout.write(`${JSON.stringify(service, null, 4)}\n`);
  else printer.print(type, service, 'exposed');
}
