// kubectl describe secret (describe.go's describeSecret): sizes only, never values, except a
// service account token, which kubectl prints. Keys are sorted (kubectl uses Go map order).
import type { KubernetesObject } from '@kctl/shared';
import type { DescribeContext } from './context.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js';
import { LEVEL_0, tabbedString } from './prefix-writer.js';

interface Secret extends KubernetesObject {
  type?: string;
  /** base64 on the wire */
  data?: Record<string, string>;
}

const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';

export async function describeSecret(obj: KubernetesObject, _ctx: DescribeContext): Promise<string> {
  const secret = obj as Secret;
  const meta = secret.metadata ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const key of Object.keys(secret.data ?? {}).sort()) {
      const bytes = Buffer.from(secret.data?.[key] ?? '', 'base64');
      if (key === 'token' && secret.type === SERVICE_ACCOUNT_TOKEN_TYPE) w.write(LEVEL_0, `${key}:\t${bytes.toString('utf8')}\n`);
      else w.write(LEVEL_0, `${key}:\t${bytes.length} bytes\n`);
    }
  });
}
