// Namespaces: DNS-label names, the immutable kubernetes.io/metadata.name label, the `kubernetes`
// finalizer the namespace controller clears once everything inside is deleted, and phase Active.
import { fieldErrors, type FieldError, type KubernetesObject, isDNS1123Label, isQualifiedName } from '@kctl/shared';
import { metadataOf, sectionOf, arrayOf, isRecord, deepCopy } from './object-access.js';
import type { KindRules } from './strategy-builder.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
export const KUBERNETES_FINALIZER = 'kubernetes';

/** The label lets selectors pick namespaces by name; it always equals the name. */
function labelWithName(namespace: KubernetesObject): void {
  const meta = metadataOf(namespace);
  if (meta.name) meta.labels = { ...meta.labels, [NAMESPACE_NAME_LABEL]: meta.name };
}

function validateSpecFinalizers(namespace: KubernetesObject): FieldError[] {
  const spec = isRecord(namespace.spec) ? namespace.spec : {};
  const errs: FieldError[] = [];
  for (const finalizer of arrayOf<string>(spec.finalizers)) {
    const name = String(finalizer);
    const problems = isQualifiedName(name);
    for (const msg of problems) errs.push(fieldErrors.invalid('spec.finalizers', name, msg));
    if (problems.length === 0 && !name.includes('/') && name !== KUBERNETES_FINALIZER) {
      errs.push(fieldErrors.invalid('spec.finalizers', name, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

export const namespaceRules: KindRules = {
  nameRule: isDNS1123Label,
  defaults: (namespace) => {
    labelWithName(namespace);
    const status = sectionOf(namespace, 'status');
    status.phase ||= 'Active';
  },
  initialStatus: () => ({ phase: 'Active' }),
  prepareForCreate: (namespace) => {
    // Required on create; the finalize subresource removes it later, so it is not a default.
    const spec = sectionOf(namespace, 'spec');
    const finalizers = arrayOf<string>(spec.finalizers);
    if (!finalizers.includes(KUBERNETES_FINALIZER)) spec.finalizers = [...finalizers, KUBERNETES_FINALIZER];
    labelWithName(namespace);
  },
  // spec.finalizers only changes through the finalize subresource.
  prepareForUpdate: (namespace, old) => {
    const spec = sectionOf(namespace, 'spec');
    const oldFinalizers = isRecord(old.spec) ? old.spec.finalizers : undefined;
    if (oldFinalizers === undefined) delete spec.finalizers;
    else spec.finalizers = deepCopy(oldFinalizers);
  },
  validate: validateSpecFinalizers,
};
