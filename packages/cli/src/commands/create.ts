// kctl create -f: POST every object of the manifests, in order. A failed object (bad document,
// AlreadyExists, invalid) is reported at the end and the others are still created, as kubectl's
// ContinueOnError builder does; any failure makes the exit code 1.
import type { Command } from 'commander';
import { resourcePath } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { addFilenameOptions, requireFilenames } from '../manifests/manifest-files.js';
import { readManifestsFromFlags } from '../manifests/manifest-objects.js';
import type { FilenameFlags, ManifestObject } from '../manifests/manifest-objects.js';
import { withLastApplied } from '../manifests/last-applied.js';
import { reportErrors, reportingErrorLists, withSource } from '../manifests/source-errors.js';
import { parseDryRun, parseValidate, writeQuery } from '../manifests/write-flags.js';
import type { DryRunStrategy, FieldValidation } from '../manifests/write-flags.js';
import { parseWrittenFormat, WrittenPrinter } from '../manifests/written-output.js';

interface CreateOptions extends FilenameFlags {
  output?: string;
  dryRun?: string | boolean;
  validate?: string | boolean;
  fieldManager: string;
  saveConfig?: boolean;
}

interface CreateSettings {
  dryRun: DryRunStrategy;
  validation: FieldValidation;
  fieldManager: string;
  saveConfig: boolean;
}

export function registerCreate(program: Command, run: CommandRunner): void {
  const command = program
    .command('create')
    .description('Create a resource from a file or from stdin')
    .argument('[args...]');
  addFilenameOptions(command, 'to use to create the resource')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name)')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client"')
    .option('--validate [mode]', 'Must be one of: strict (or true), warn, ignore (or false)')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership', 'kubectl-create')
    .option('--save-config', 'Save the configuration in the last-applied annotation, for later kubectl apply')
    .action(run(async (ctx, args: string[], opts: CreateOptions) => create(ctx, args, opts)));
}

async function create(ctx: CliContext, args: string[], opts: CreateOptions): Promise<number> {
  requireFilenames('create', opts.filename, args);
  const settings: CreateSettings = {
    dryRun: parseDryRun(opts.dryRun),
    validation: parseValidate(opts.validate),
    fieldManager: opts.fieldManager,
    saveConfig: opts.saveConfig ?? false,
  };
  const printer = new WrittenPrinter(parseWrittenFormat(opts.output), settings.dryRun);
  return reportingErrorLists(async () => {
    const entries = await readManifestsFromFlags(ctx, opts, settings.validation !== 'Ignore');
    const errors: Error[] = [];
    let created = 0;
    for (const entry of entries) {
      if (entry instanceof Error) {
        errors.push(entry);
        continue;
      }
      try {
        printer.print(entry.type, await createObject(ctx, entry, settings), 'created');
        created++;
      } catch (err) {
        errors.push(withSource('creating', entry.source, err));
      }
    }
    if (errors.length > 0) return reportErrors(errors);
    if (created === 0) throw new Error('no objects passed to create');
    return 0;
  });
}

/** The object as the server stored it (or, for a client dry run, as it would have been sent). */
async function createObject(ctx: CliContext, manifest: ManifestObject, settings: CreateSettings): Promise<KubernetesObject> {
  const body = settings.saveConfig ? withLastApplied(manifest.object) : manifest.object;
  if (settings.dryRun === 'client') return body;
  return ctx.client.create(resourcePath(manifest.type, manifest.namespace), body, writeQuery(settings.fieldManager, settings.validation, settings.dryRun));
}
