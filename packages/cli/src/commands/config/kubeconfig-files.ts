// The kubeconfig files behind `kctl config`, and kubectl's rules (clientcmd.ModifyConfig) for
// which file a change is written to, so that a change never disturbs the other entries or files.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { emptyKubeconfig, kubeconfigPaths, loadKubeconfig, readKubeconfigFile } from '@kctl/shared';
import type { Kubeconfig } from '@kctl/shared';
import { toYaml } from '../../output/object-output.js';

export class KubeconfigFiles {
  /** Files in precedence order: --kubeconfig, else $KUBECONFIG's list, else ~/.kube/config. */
  readonly paths: string[];

  constructor(private readonly explicit: string | undefined, private readonly env: NodeJS.ProcessEnv = process.env) {
    this.paths = kubeconfigPaths(explicit, env);
  }

  /** All files merged, the first to define a name winning, as every kubectl command sees them. */
  merged(): Kubeconfig {
    return loadKubeconfig(this.explicit, this.env);
  }

  read(path: string): Kubeconfig {
    return existsSync(path) ? readKubeconfigFile(path) : emptyKubeconfig();
  }

  write(path: string, config: Kubeconfig): void {
    mkdirSync(dirname(path), { recursive: true });
    // kubectl writes the file as YAML with sorted keys; the mode keeps credentials private.
    writeFileSync(path, toYaml(config), { mode: 0o600 });
  }

  /** GetDefaultFilename: the only file, else the first that exists, else the last listed. */
  defaultFile(): string {
    if (this.paths.length === 1) return this.paths[0] ?? '';
    return this.paths.find((p) => existsSync(p)) ?? this.paths[this.paths.length - 1] ?? '';
  }

  /** current-context goes to the first file that already sets one, else the default file. */
  fileForCurrentContext(): string {
    if (this.explicit) return this.explicit;
    return this.paths.find((p) => existsSync(p) && Boolean(this.read(p)['current-context'])) ?? this.defaultFile();
  }

  /** A context goes to the first file that defines it, else (a new one) the default file. */
  fileForContext(name: string): string {
    if (this.explicit) return this.explicit;
    return this.paths.find((p) => existsSync(p) && this.read(p).contexts.some((c) => c.name === name)) ?? this.defaultFile();
  }

  /** Reads one file, lets `change` edit it, writes it back. */
  update(path: string, change: (config: Kubeconfig) => void): void {
    const config = this.read(path);
    change(config);
    this.write(path, config);
  }
}
