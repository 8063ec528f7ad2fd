// The arguments of `kctl set image` and what they change: resources come first, then
// CONTAINER=IMAGE pairs (kubectl's GetResourcesAndPairs / ParsePairs), "*" naming every container.
import type { PodSpec } from '@kctl/shared';
import { UsageError } from '../../resource-arguments.js';

export interface ImageArguments {
  resources: string[];
  /** container name (or "*") → image, in the order given */
  images: Map<string, string>;
}

export function parseImageArguments(args: string[]): ImageArguments {
  const resources: string[] = [];
  const images = new Map<string, string>();
  for (const arg of args) {
    // A leading "=" is no pair: kubectl takes such an argument for a resource.
    const isPair = arg.includes('=') && !arg.startsWith('=');
    if (!isPair) {
      if (images.size > 0) throw new UsageError(`all resources must be specified before image changes: ${arg}`);
      resources.push(arg);
      continue;
    }
    const at = arg.indexOf('=');
    images.set(arg.slice(0, at), arg.slice(at + 1));
  }
  return { resources, images };
}

export function validateImageArguments(parsed: ImageArguments, hasFilenames: boolean): void {
  if (parsed.resources.length === 0 && !hasFilenames) {
    throw new UsageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (parsed.images.size === 0) throw new UsageError('at least one image update is required');
  if (parsed.images.size > 1 && parsed.images.has('*')) {
    throw new UsageError('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  }
}

type NamedImage = { name?: string; image?: string };

function setImage(containers: NamedImage[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const container of containers ?? []) {
    if (container.name === name || name === '*') {
      container.image = image;
      found = true;
    }
  }
  return found;
}

/**
 * Sets the images in `spec` (in place) and returns kubectl's error for every container name that
 * matched no container, init container or ephemeral container.
 */
export function applyImages(spec: PodSpec, images: Map<string, string>): Error[] {
  const errors: Error[] = [];
  for (const [name, image] of images) {
    const inInit = setImage(spec.initContainers, name, image);
    const inMain = setImage(spec.containers, name, image);
    const inEphemeral = setImage(spec.ephemeralContainers, name, image);
    if (!inInit && !inMain && !inEphemeral) errors.push(new Error(`error: unable to find container named ${JSON.stringify(name)}`));
  }
  return errors;
}
