// Where the built artifacts live: e2e tests drive the real bundles, as a user would.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const KCTL_BIN = join(root, 'packages', 'cli', 'bin', 'kctl.mjs');
export const APISERVER_ENTRY = join(root, 'packages', 'apiserver', 'dist', 'kctl-apiserver.mjs');
export const KUBECTL = '/usr/bin/kubectl';
