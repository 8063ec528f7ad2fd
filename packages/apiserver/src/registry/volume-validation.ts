// Pod volume validation (ValidateVolumes, validateVolumeSource): unique DNS-label names, exactly
// one source, and the required fields of the sources a local cluster actually serves.
import { fieldErrors, type FieldError, type PodSpec, isDNS1123Label } from '@kctl/shared';
import { arrayOf, isRecord, type JsonRecord } from './object-access.js';
import { VOLUME_SOURCE_KEYS } from './pod-spec-defaults.js';

type Volume = NonNullable<PodSpec['volumes']>[number];

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

export interface VolumeValidation {
  errors: FieldError[];
  /** Names of the volumes that passed, which volumeMounts may reference. */
  validNames: Set<string>;
}

export function validateVolumes(volumes: unknown, path: string): VolumeValidation {
  const errors: FieldError[] = [];
  const validNames = new Set<string>();
  const seen = new Set<string>();
  arrayOf<Volume>(volumes).forEach((volume, i) => {
    const itemPath = `${path}[${i}]`;
    const volumeErrors = validateVolumeSource(volume as unknown as JsonRecord, itemPath);
    if (!volume.name) volumeErrors.push(fieldErrors.required(`${itemPath}.name`));
    else for (const msg of isDNS1123Label(volume.name)) volumeErrors.push(fieldErrors.invalid(`${itemPath}.name`, volume.name, msg));
    if (seen.has(volume.name)) volumeErrors.push(fieldErrors.duplicate(`${itemPath}.name`, volume.name));
    seen.add(volume.name);
    if (volumeErrors.length === 0) validNames.add(volume.name);
    errors.push(...volumeErrors);
  });
  return { errors, validNames };
}

function validateVolumeSource(volume: JsonRecord, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const sources = VOLUME_SOURCE_KEYS.filter((key) => volume[key] !== undefined && volume[key] !== null);
  if (sources.length === 0) errs.push(fieldErrors.required(path, 'must specify a volume type'));
  for (const extra of sources.slice(1)) errs.push(fieldErrors.forbidden(`${path}.${extra}`, 'may not specify more than 1 volume type'));
  const requiredFields: Array<[source: string, field: string]> = [
    ['configMap', 'name'],
    ['secret', 'secretName'],
    ['persistentVolumeClaim', 'claimName'],
    ['hostPath', 'path'],
    ['nfs', 'server'],
    ['nfs', 'path'],
  ];
  for (const [source, field] of requiredFields) {
    const section = volume[source];
    if (isRecord(section) && !section[field]) errs.push(fieldErrors.required(`${path}.${source}.${field}`));
  }
  for (const source of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    const mode = (volume[source] as JsonRecord | undefined)?.defaultMode;
    if (typeof mode === 'number' && (mode < 0 || mode > 0o777)) {
      errs.push(fieldErrors.invalid(`${path}.${source}.defaultMode`, mode, FILE_MODE_ERROR));
    }
  }
  const hostPath = volume.hostPath;
  if (isRecord(hostPath) && hostPath.type !== undefined && !HOST_PATH_TYPES.includes(String(hostPath.type))) {
    errs.push(fieldErrors.notSupported(`${path}.hostPath.type`, hostPath.type, HOST_PATH_TYPES));
  }
  return errs;
}
