// Generates packages/apiserver/src/protobuf/schema.generated.ts: the protobuf schema of the
// kinds kubectl may send as application/vnd.kubernetes.protobuf, joined with the Go JSON
// rules of each field. Both come from the kubectl binary itself (its registered .proto
// descriptors and its Go type data), so the table matches exactly what that kubectl encodes.
//
//   node scripts/protobuf-schema/generate.mjs [path/to/kubectl]   (default: /usr/bin/kubectl)
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openElf } from './elf-image.mjs';
import { goStructs } from './go-struct-tags.mjs';
import { protoMessages } from './file-descriptors.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const output = join(root, 'packages/apiserver/src/protobuf/schema.generated.ts');
const kubectlPath = realpathSync(process.argv[2] ?? '/usr/bin/kubectl');

/**
 * Top-level messages a client may send: the kinds the catalog serves, the ones `kubectl create`
 * generates (so a kind added to the catalog later is already decodable), and request bodies
 * (DeleteOptions, pods/binding, pods/eviction, scale).
 */
const ROOTS = {
  'v1': ['Namespace', 'Node', 'Pod', 'Event', 'ConfigMap', 'Secret', 'Service', 'Endpoints', 'ServiceAccount', 'PersistentVolume', 'PersistentVolumeClaim', 'ResourceQuota', 'LimitRange', 'Binding', 'ReplicationController', 'PodTemplate'],
  'apps/v1': ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'ControllerRevision'],
  'batch/v1': ['Job', 'CronJob'],
  'coordination.k8s.io/v1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'storage.k8s.io/v1': ['StorageClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'rbac.authorization.k8s.io/v1': ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'policy/v1': ['PodDisruptionBudget', 'Eviction'],
  'autoscaling/v1': ['Scale', 'HorizontalPodAutoscaler'],
  'meta.k8s.io/v1': ['DeleteOptions'],
};

/** apiVersion → proto package ("rbac.authorization.k8s.io/v1" → "k8s.io.api.rbac.v1"). */
function protoPackage(apiVersion) {
  if (apiVersion === 'meta.k8s.io/v1') return 'k8s.io.apimachinery.pkg.apis.meta.v1';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  return `k8s.io.api.${group.split('.')[0]}.${version}`;
}

const SCALARS = { 1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 8: 'bool', 9: 'string', 12: 'bytes', 13: 'uint32' };
const FLAG = { repeated: 1, pointer: 2, omitempty: 4, inline: 8 };

const bin = readFileSync(kubectlPath);
const { messages, files } = protoMessages(bin, (f) => f.startsWith('k8s.io/'));
const structs = goStructs(openElf(bin), (pkg) => pkg.startsWith('k8s.io/'));

/** Go's struct for a proto message: the proto package is the Go package path with dots for slashes. */
const structsByMessage = new Map([...structs].map(([goName, fields]) => [goName.replaceAll('/', '.'), fields]));
const goFieldsOf = (messageName) => structsByMessage.get(messageName);

function goField(goFields, number) {
  return goFields?.find((f) => new RegExp(`protobuf:"[a-z0-9]+,${number},`).test(f.tag));
}

const kinds = {};
const queue = [];
for (const [apiVersion, names] of Object.entries(ROOTS)) {
  for (const kind of names) {
    const name = `${protoPackage(apiVersion)}.${kind}`;
    if (!messages.has(name)) throw new Error(`kubectl has no message ${name}`);
    kinds[`${apiVersion}/${kind}`] = name;
    queue.push(name);
  }
}

const emitted = new Map();
const warnings = [];
function typeOf(field) {
  if (field.type !== 11) {
    const scalar = SCALARS[field.type];
    if (!scalar) throw new Error(`unsupported proto type ${field.type} (${field.name})`);
    return scalar;
  }
  const target = messages.get(field.typeName);
  if (!target) throw new Error(`unknown message ${field.typeName}`);
  if (target.mapEntry) {
    const [key, value] = [1, 2].map((n) => target.fields.find((f) => f.number === n));
    return `map<${typeOf(key)},${typeOf(value)}>`;
  }
  queue.push(field.typeName);
  return field.typeName;
}
while (queue.length) {
  const name = queue.shift();
  if (emitted.has(name)) continue;
  const message = messages.get(name);
  const goFields = goFieldsOf(name);
  if (!goFields) warnings.push(`no Go struct for ${name}: its fields keep every encoded value`);
  emitted.set(name, null);
  const fields = message.fields.map((f) => {
    const go = goField(goFields, f.number);
    const json = go && /json:"([^"]*)"/.exec(go.tag)?.[1];
    // json:"-" marks the raw fields of types with their own JSON form (RawExtension, FieldsV1).
    const [tagName = f.name, ...options] = (json ?? f.name).split(',');
    const jsonName = tagName === '-' ? f.name : tagName;
    let flags = 0;
    if (f.label === 3) flags |= FLAG.repeated;
    if (!go || go.pointer) flags |= FLAG.pointer;
    if (options.includes('omitempty')) flags |= FLAG.omitempty;
    if (options.includes('inline')) flags |= FLAG.inline;
    if (go && !json && !name.endsWith('.IntOrString')) warnings.push(`${name}.${f.name}: Go field ${go.name} has no json tag`);
    return [f.number, jsonName, typeOf(f), flags];
  });
  emitted.set(name, fields);
}

const lines = [
  '// GENERATED by scripts/protobuf-schema/generate.mjs from the descriptors and Go type data compiled',
  `// into ${kubectlPath}. Do not edit; re-run the script.`,
  '// Field tuples: [number, JSON name ("" when inlined), type, flags (1 repeated, 2 Go pointer, 4 omitempty, 8 inline)].',
  "import type { MessageSchema } from './schema-types.js';",
  '',
  '/** "apiVersion/Kind" → protobuf message name. */',
  `export const KIND_MESSAGES: Readonly<Record<string, string>> = ${JSON.stringify(kinds, null, 2).replaceAll('"', "'")};`,
  '',
  'export const MESSAGES: Readonly<Record<string, MessageSchema>> = {',
  ...[...emitted.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, fields]) => `  '${name}': ${JSON.stringify(fields).replaceAll('"', "'")},`),
  '};',
  '',
];
writeFileSync(output, lines.join('\n'));
for (const w of warnings) console.warn(`warning: ${w}`);
console.log(`${emitted.size} messages from ${files.length} descriptor files → ${output}`);
