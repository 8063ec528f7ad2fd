// An in-memory ConfigSources for unit tests: objects are put in directly, lookups never block.
import type { ConfigSources, SourceKind, SourceObjects } from './config-sources.js';

export class FakeConfigSources implements ConfigSources {
  private readonly objects = new Map<string, SourceObjects[SourceKind]>();

  put<K extends SourceKind>(kind: K, obj: SourceObjects[K]): this {
    this.objects.set(`${kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`, obj);
    return this;
  }

  delete(kind: SourceKind, namespace: string, name: string): void {
    this.objects.delete(`${kind}/${namespace}/${name}`);
  }

  async get<K extends SourceKind>(kind: K, namespace: string, name: string): Promise<SourceObjects[K] | undefined> {
    return this.objects.get(`${kind}/${namespace}/${name}`) as SourceObjects[K] | undefined;
  }

  list<K extends SourceKind>(kind: K): readonly SourceObjects[K][] {
    return [...this.objects.entries()].filter(([key]) => key.startsWith(`${kind}/`)).map(([, obj]) => obj as SourceObjects[K]);
  }
}

/** base64 of a UTF-8 string, as Secret data travels. */
export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
