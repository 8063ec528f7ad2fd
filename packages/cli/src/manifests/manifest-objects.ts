// -f inputs → the objects to write, each with its source, resource type and namespace, in file
// order. Like kubectl's builder (ContinueOnError + Flatten), a bad document becomes an Error in
// its place and the rest still count: a parse or validation error ends its own file only, an
// unknown kind or a namespace clash affects only that object. Missing paths throw at once.
import type { KubernetesObject, ResourceCatalog, ResourceType } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import { readManifestTexts } from './manifest-files.js';
import type { FilenameOptions } from './manifest-files.js';
import { parseManifestText } from './manifest-documents.js';

export interface ManifestObject {
  /** the file it came from ("STDIN" for -f -), for messages */
  source: string;
  type: ResourceType;
  /** where requests go; undefined for cluster-scoped kinds */
  namespace: string | undefined;
  name: string;
  /** the manifest, with metadata.namespace filled in for namespaced kinds */
  object: KubernetesObject;
}

export type ManifestEntry = ManifestObject | Error;

export interface ReadManifestsOptions extends FilenameOptions {
  catalog: ResourceCatalog;
  /** -n, else the kubeconfig context's namespace */
  namespace: string;
  /** true when -n was given: objects declaring another namespace are refused */
  enforceNamespace: boolean;
  /** --validate (default true): documents must be objects with apiVersion and kind */
  validate: boolean;
}

const VALIDATION_ADVICE = 'if you choose to ignore these errors, turn validation off with --validate=false';

export async function readManifests(options: ReadManifestsOptions): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const { source, text } of await readManifestTexts(options)) {
    const stream = parseManifestText(text, source);
    let stopped = false;
    for (const doc of stream.documents) {
      const invalid = options.validate ? validationError(doc, source) : undefined;
      if (invalid) {
        entries.push(invalid);
        stopped = true;
        break;
      }
      entries.push(...flattenLists(doc).map((item) => toManifestObject(item, source, options)));
    }
    if (stream.error && !stopped) entries.push(stream.error);
  }
  return entries;
}

export function isManifestObject(entry: ManifestEntry): entry is ManifestObject {
  return !(entry instanceof Error);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The checks kubectl's schema validator makes before it asks the server to validate the rest. */
function validationError(doc: unknown, source: string): Error | undefined {
  let problems: string[];
  if (!isPlainObject(doc)) problems = ['invalid object to validate'];
  else problems = [...(doc.apiVersion ? [] : ['apiVersion not set']), ...(doc.kind ? [] : ['kind not set'])];
  if (problems.length === 0) return undefined;
  const summary = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
  return new Error(`error validating ${JSON.stringify(source)}: error validating data: ${summary}; ${VALIDATION_ADVICE}`);
}

/** `kind: List` (or any *List with items) stands for its items. */
function flattenLists(doc: unknown): unknown[] {
  if (isPlainObject(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) {
    return doc.items.flatMap(flattenLists);
  }
  return [doc];
}

function toManifestObject(doc: unknown, source: string, options: ReadManifestsOptions): ManifestEntry {
  const q = JSON.stringify;
  if (!isPlainObject(doc) || typeof doc.kind !== 'string' || doc.kind === '') {
    return new Error(`unable to decode ${q(source)}: Object 'Kind' is missing in '${JSON.stringify(doc)}'`);
  }
  const object = structuredClone(doc) as KubernetesObject & { kind: string };
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const name = object.metadata?.name ?? '';
  const declared = object.metadata?.namespace ?? '';
  const type = options.catalog.byKind(apiVersion, object.kind);
  if (!type) {
    return new Error(
      `resource mapping not found for name: ${q(name)} namespace: ${q(declared)} from ${q(source)}: ` +
        `no matches for kind ${q(object.kind)} in version ${q(apiVersion)}\nensure CRDs are installed first`,
    );
  }
  if (!type.namespaced) return { source, type, namespace: undefined, name, object };
  if (declared === '') {
    object.metadata = { ...object.metadata, namespace: options.namespace };
    return { source, type, namespace: options.namespace, name, object };
  }
  if (options.enforceNamespace && declared !== options.namespace) return namespaceMismatch(declared, options.namespace);
  return { source, type, namespace: declared, name, object };
}

/** cli-runtime RequireNamespace: guards against writing outside the namespace named with -n. */
export function namespaceMismatch(declared: string, requested: string): Error {
  return new Error(
    `the namespace from the provided object ${JSON.stringify(declared)} does not match the namespace ${JSON.stringify(requested)}. ` +
      `You must pass '--namespace=${declared}' to perform this operation.`,
  );
}

/** The -f flags as every writing verb declares them. */
export interface FilenameFlags {
  filename: string[];
  recursive?: boolean;
}

/** Reads the -f inputs of a verb, with the namespace rules of the current context. */
export function readManifestsFromFlags(ctx: CliContext, flags: FilenameFlags, validate: boolean): Promise<ManifestEntry[]> {
  return readManifests({
    filenames: flags.filename,
    recursive: flags.recursive ?? false,
    catalog: ctx.catalog,
    namespace: ctx.namespace,
    enforceNamespace: ctx.namespaceExplicit,
    validate,
  });
}
