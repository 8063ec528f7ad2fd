// kubectl describe configmap (describe.go's ConfigMapDescriber). kubectl walks the data maps in
// Go's random order; we print keys sorted, which is one of those orders and a stable one.
import type { KubernetesObject } from '@kctl/shared';
import type { DescribeContext } from './context.js';
import { describeEvents, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js';
import { LEVEL_0, tabbedString } from './prefix-writer.js';

interface ConfigMap extends KubernetesObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

export async function describeConfigMap(obj: KubernetesObject, ctx: DescribeContext): Promise<string> {
  const cm = obj as ConfigMap;
  const meta = cm.metadata ?? {};
  const events = ctx.showEvents
    ? await searchEvents(ctx, { kind: 'ConfigMap', name: meta.name ?? '', namespace: meta.namespace ?? '', uid: meta.uid })
    : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const key of Object.keys(cm.data ?? {}).sort()) {
      w.write(LEVEL_0, `${key}:\n----\n`);
      w.write(LEVEL_0, `${cm.data?.[key] ?? ''}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const key of Object.keys(cm.binaryData ?? {}).sort()) {
      w.write(LEVEL_0, `${key}: ${Buffer.from(cm.binaryData?.[key] ?? '', 'base64').length} bytes\n`);
    }
    w.write(LEVEL_0, '\n');
    if (events) describeEvents(events, w, ctx.now);
  });
}
