// kctl apply -f: client-side apply by default (GET; POST with the last-applied annotation when
// absent; else a three-way strategic merge patch between the last applied configuration, the
// manifest and the live object), or one server-side apply PATCH with --server-side.
import type { Command } from 'commander';
import { ApiError, createThreeWayMergePatch, resourcePath } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { addFilenameOptions, requireFilenames } from '../manifests/manifest-files.js';
import { isManifestObject, readManifestsFromFlags } from '../manifests/manifest-objects.js';
import type { FilenameFlags, ManifestObject } from '../manifests/manifest-objects.js';
import { goJson, LAST_APPLIED_ANNOTATION, lastAppliedOf, withLastApplied } from '../manifests/last-applied.js';
import { reportErrors, reportingErrorLists, withSource } from '../manifests/source-errors.js';
import { parseDryRun, parseValidate, writeQuery } from '../manifests/write-flags.js';
import type { DryRunStrategy, FieldValidation } from '../manifests/write-flags.js';
import { parseWrittenFormat, withTypeMeta, WrittenPrinter } from '../manifests/written-output.js';

interface ApplyOptions extends FilenameFlags {
  output?: string;
  dryRun?: string | boolean;
  validate?: string | boolean;
  fieldManager?: string;
  serverSide?: boolean;
  forceConflicts?: boolean;
}

interface ApplySettings {
  dryRun: DryRunStrategy;
  validation: FieldValidation;
  fieldManager: string;
  forceConflicts: boolean;
  printer: WrittenPrinter;
}

const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
const APPLY_PATCH = 'application/apply-patch+yaml';
/** kubectl's patcher retries a patch that hit a Conflict this many times, re-reading the object. */
const MAX_PATCH_ATTEMPTS = 5;

const SSA_CONFLICT_ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

export function registerApply(program: Command, run: CommandRunner): void {
  const command = program
    .command('apply')
    .description('Apply a configuration to a resource by file name or stdin')
    .argument('[args...]');
  addFilenameOptions(command, 'that contains the configuration to apply')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name)')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client"')
    .option('--validate [mode]', 'Must be one of: strict (or true), warn, ignore (or false)')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership')
    .option('--server-side', 'If true, apply runs in the server instead of the client')
    .option('--force-conflicts', 'If true, server-side apply will force the changes against conflicts')
    .action(run(async (ctx, args: string[], opts: ApplyOptions) => apply(ctx, args, opts)));
}

async function apply(ctx: CliContext, args: string[], opts: ApplyOptions): Promise<number> {
  const serverSide = opts.serverSide ?? false;
  const dryRun = parseDryRun(opts.dryRun);
  if (opts.forceConflicts && !serverSide) throw new Error('--force-conflicts only works with --server-side');
  if (dryRun === 'client' && serverSide) throw new Error("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  requireFilenames('apply', opts.filename, args);
  const settings: ApplySettings = {
    dryRun,
    validation: parseValidate(opts.validate),
    fieldManager: opts.fieldManager ?? (serverSide ? 'kubectl' : 'kubectl-client-side-apply'),
    forceConflicts: opts.forceConflicts ?? false,
    printer: new WrittenPrinter(parseWrittenFormat(opts.output), dryRun),
  };
  return reportingErrorLists(async () => {
    const entries = await readManifestsFromFlags(ctx, opts, settings.validation !== 'Ignore');
    // kubectl collects every object first, then applies the good ones even if others failed.
    const errors = entries.filter((e): e is Error => e instanceof Error);
    const manifests = entries.filter(isManifestObject);
    if (manifests.length === 0 && errors.length === 0) throw new Error('no objects passed to apply');
    const applied: KubernetesObject[] = [];
    for (const manifest of manifests) {
      try {
        applied.push(await (serverSide ? applyServerSide : applyClientSide)(ctx, manifest, settings));
      } catch (err) {
        errors.push(err instanceof Error ? err : new Error(String(err)));
      }
    }
    if (errors.length > 0) return reportErrors(errors);
    if (settings.printer.printsObjects && applied.length > 0) {
      settings.printer.printObject(applied.length === 1 ? applied[0]! : { apiVersion: 'v1', items: applied, kind: 'List', metadata: {} });
    }
    return 0;
  });
}

async function applyServerSide(ctx: CliContext, manifest: ManifestObject, settings: ApplySettings): Promise<KubernetesObject> {
  const query = { ...writeQuery(settings.fieldManager, settings.validation, settings.dryRun), force: String(settings.forceConflicts) };
  try {
    // The apply content type is YAML; kubectl sends JSON, which is YAML too.
    const result = await ctx.client.patch(resourcePath(manifest.type, manifest.namespace, manifest.name), manifest.object, APPLY_PATCH, query);
    return report(manifest, result, 'serverside-applied', settings);
  } catch (err) {
    if (err instanceof ApiError && err.code === 415) throw new Error(`Server-side apply not available on the server: (${err.message})`);
    if (err instanceof ApiError && err.reason === 'Conflict') throw new Error(`${err.message}\n${SSA_CONFLICT_ADVICE}`);
    throw err;
  }
}

async function applyClientSide(ctx: CliContext, manifest: ManifestObject, settings: ApplySettings): Promise<KubernetesObject> {
  if (!manifest.name && manifest.object.metadata?.generateName) {
    throw new Error(`from ${manifest.object.metadata.generateName}: cannot use generate name with apply`);
  }
  const path = resourcePath(manifest.type, manifest.namespace, manifest.name);
  const modified = withLastApplied(manifest.object);
  const query = writeQuery(settings.fieldManager, settings.validation, settings.dryRun);
  let current = await getCurrent(ctx, path, manifest);
  if (!current) {
    if (settings.dryRun === 'client') return report(manifest, modified, 'created', settings);
    const created = await ctx.client
      .create(resourcePath(manifest.type, manifest.namespace), modified, query)
      .catch((err: unknown) => Promise.reject(withSource('creating', manifest.source, err)));
    return report(manifest, created, 'created', settings);
  }
  if (settings.dryRun === 'client') return report(manifest, current, 'configured', settings);
  if (current.metadata?.annotations?.[LAST_APPLIED_ANNOTATION] === undefined) {
    process.stderr.write(
      `Warning: resource ${manifest.type.resource}/${manifest.name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. ` +
        'kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. ' +
        'The missing annotation will be patched automatically.\n',
    );
  }
  for (let attempt = 1; ; attempt++) {
    const patch = createThreeWayMergePatch(lastAppliedOf(current), modified, current, manifest.type);
    if (Object.keys(patch).length === 0) return report(manifest, current, 'unchanged', settings);
    try {
      const patched = await ctx.client.patch(path, patch, STRATEGIC_MERGE_PATCH, query);
      return report(manifest, patched, 'configured', settings);
    } catch (err) {
      const retry = err instanceof ApiError && err.reason === 'Conflict' && attempt < MAX_PATCH_ATTEMPTS;
      if (!retry) throw withSource(`applying patch:\n${goJson(patch)}\nto:\n${describeInfo(manifest)}\nfor:`, manifest.source, err);
      current = (await getCurrent(ctx, path, manifest)) ?? current;
    }
  }
}

/** The live object, or undefined when it does not exist yet. */
async function getCurrent(ctx: CliContext, path: string, manifest: ManifestObject): Promise<KubernetesObject | undefined> {
  try {
    return await ctx.client.get(path);
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) return undefined;
    throw withSource(`retrieving current configuration of:\n${describeInfo(manifest)}\nfrom server for:`, manifest.source, err);
  }
}

/** resource.Info's String(), which kubectl puts into apply's error messages. */
function describeInfo(m: ManifestObject): string {
  const { group, version, resource, kind } = m.type;
  return `Resource: "${group}/${version}, Resource=${resource}", GroupVersionKind: "${group}/${version}, Kind=${kind}"\nName: "${m.name}", Namespace: "${m.namespace ?? ''}"`;
}

function report(manifest: ManifestObject, result: KubernetesObject, operation: string, settings: ApplySettings): KubernetesObject {
  if (result.metadata?.deletionTimestamp) {
    process.stderr.write(`Warning: Detected changes to resource ${result.metadata.name ?? manifest.name} which is currently being deleted.\n`);
  }
  if (!settings.printer.printsObjects) settings.printer.print(manifest.type, result, operation);
  return withTypeMeta(result, manifest.type);
}
