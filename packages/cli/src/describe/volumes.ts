// The "Volumes:" section of pods and pod templates (describe.go's describeVolumes) for the
// volume sources a local cluster meets; others print kubectl's "<unknown>".
import type { PodSpec } from '@kctl/shared';
import { canonicalQuantity } from '@kctl/shared';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './prefix-writer.js';

type Volume = NonNullable<PodSpec['volumes']>[number];

/** Writes "Type:\t…" and the "    Key:\tvalue" lines below it, as one LEVEL_2 write like kubectl. */
function writeSource(w: PrefixWriter, type: string, fields: Array<[string, unknown]>): void {
  w.write(LEVEL_2, `Type:\t${type}\n${fields.map(([k, v]) => `    ${k}:\t${goValue(v)}\n`).join('')}`);
}

/** Go's %v for the scalar and list fields a volume source has. */
function goValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  return String(v);
}

function describeVolumeSource(volume: Volume, w: PrefixWriter): void {
  if (volume.hostPath) {
    writeSource(w, 'HostPath (bare host directory volume)', [['Path', volume.hostPath.path], ['HostPathType', volume.hostPath.type ?? '<none>']]);
  } else if (volume.emptyDir) {
    const limit = volume.emptyDir.sizeLimit;
    const sizeLimit = limit !== undefined && !canonicalQuantity(limit).startsWith('-') && canonicalQuantity(limit) !== '0' ? canonicalQuantity(limit) : '<unset>';
    writeSource(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [['Medium', volume.emptyDir.medium ?? ''], ['SizeLimit', sizeLimit]]);
  } else if (volume.secret) {
    writeSource(w, 'Secret (a volume populated by a Secret)', [['SecretName', volume.secret.secretName ?? ''], ['Optional', volume.secret.optional === true]]);
  } else if (volume.configMap) {
    writeSource(w, 'ConfigMap (a volume populated by a ConfigMap)', [['Name', volume.configMap.name ?? ''], ['Optional', volume.configMap.optional === true]]);
  } else if (volume.nfs) {
    writeSource(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [['Server', volume.nfs.server], ['Path', volume.nfs.path], ['ReadOnly', volume.nfs.readOnly === true]]);
  } else if (volume.persistentVolumeClaim) {
    writeSource(w, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
      ['ClaimName', volume.persistentVolumeClaim.claimName],
      ['ReadOnly', volume.persistentVolumeClaim.readOnly === true],
    ]);
  } else if (volume.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of volume.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (volume.projected) {
    describeProjected(volume.projected, w);
  } else if (volume.csi) {
    writeSource(w, 'CSI (a Container Storage Interface (CSI) volume source)', [
      ['Driver', volume.csi.driver],
      ['FSType', volume.csi.fsType ?? ''],
      ['ReadOnly', volume.csi.readOnly === true],
    ]);
    describeCsiAttributes(volume.csi.volumeAttributes, w);
  } else if (volume.image) {
    writeSource(w, 'Image (a container image or OCI artifact)', [['Reference', volume.image.reference ?? ''], ['PullPolicy', volume.image.pullPolicy ?? '']]);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/** Go's %v of a *bool, as kubectl 1.32 prints projected sources' Optional: "<nil>" when unset. */
function optionalPointer(value: boolean | undefined): string {
  return value === undefined || value === null ? '<nil>' : String(value);
}

function describeProjected(projected: NonNullable<Volume['projected']>, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const source of projected.sources ?? []) {
    if (source.secret) {
      w.write(LEVEL_2, `SecretName:\t${source.secret.name ?? ''}\n    SecretOptionalName:\t${optionalPointer(source.secret.optional)}\n`);
    } else if (source.downwardAPI) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (source.configMap) {
      w.write(LEVEL_2, `ConfigMapName:\t${source.configMap.name ?? ''}\n    ConfigMapOptional:\t${optionalPointer(source.configMap.optional)}\n`);
    } else if (source.serviceAccountToken) {
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}\n`);
    }
  }
}

function describeCsiAttributes(attributes: Record<string, string> | undefined, w: PrefixWriter): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = Object.keys(attributes ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_2, '\t');
    const line = `${key}=${attributes?.[key] ?? ''}`;
    w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

/** `space` is "  " inside a pod template, which also indents volume names by one more space. */
export function describeVolumes(volumes: Volume[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${volume.name}:\n`);
    describeVolumeSource(volume, w);
  }
}
