// Errors the runtimes share besides ContainerStartError (container-runtime.ts).

/** The id names no container this runtime knows (never started, or removed). */
export class ContainerNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`container ${id} not found`);
    this.name = 'ContainerNotFoundError';
  }
}

/** exec / attach / remove asked of a container in the wrong state. */
export class ContainerStateError extends Error {
  constructor(
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContainerStateError';
  }
}
