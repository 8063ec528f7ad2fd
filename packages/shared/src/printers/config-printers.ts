// ConfigMaps (`NAME DATA AGE`), Secrets (`NAME TYPE DATA AGE`) and ServiceAccounts
// (`NAME SECRETS AGE`): their counts are declared string upstream but emitted as integers.
import type { IConfigMap, ISecret, IServiceAccount } from 'kubernetes-models/v1';
import { age } from './human-duration.js';
import { ageColumn, column, definePrinter, nameColumn } from './printer.js';

function keyCount(map: Record<string, unknown> | undefined): number {
  return Object.keys(map ?? {}).length;
}

export const configMapPrinter = definePrinter<IConfigMap>({
  columns: [nameColumn(), column('Data', 'Number of keys in data and binaryData.'), ageColumn()],
  cells: (cm, now) => [
    cm.metadata?.name ?? '',
    keyCount(cm.data) + keyCount(cm.binaryData),
    age(cm.metadata?.creationTimestamp, now),
  ],
});

export const secretPrinter = definePrinter<ISecret>({
  columns: [
    nameColumn(),
    column('Type', 'Used to facilitate programmatic handling of secret data.'),
    column('Data', 'Number of keys in data.'),
    ageColumn(),
  ],
  // stringData is merged into data on write, so counting data alone counts each key once.
  cells: (secret, now) => [
    secret.metadata?.name ?? '',
    secret.type ?? 'Opaque',
    keyCount(secret.data),
    age(secret.metadata?.creationTimestamp, now),
  ],
});

export const serviceAccountPrinter = definePrinter<IServiceAccount>({
  columns: [nameColumn(), column('Secrets', 'Number of token secrets listed for the service account.'), ageColumn()],
  cells: (sa, now) => [sa.metadata?.name ?? '', sa.secrets?.length ?? 0, age(sa.metadata?.creationTimestamp, now)],
});
