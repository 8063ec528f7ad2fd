// The local side of kubectl port-forward (client-go tools/portforward): for every port, one
// listener per address (`localhost` = 127.0.0.1 and ::1; a free port chosen on the first one is
// reused for the others), the same lines on stdout as kubectl, one forwarded stream per
// accepted connection.
import net from 'node:net';
import type { Server, Socket } from 'node:net';
import type { ForwardedPort } from './port-forward-ports.js';

export interface ListenerOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface ListenAddress {
  host: string;
  /** Go's network name, for messages: tcp4 / tcp6 */
  network: 'tcp4' | 'tcp6';
}

export function listenAddresses(addresses: readonly string[]): ListenAddress[] {
  return addresses.flatMap((address): ListenAddress[] => {
    if (address === 'localhost') return [{ host: '127.0.0.1', network: 'tcp4' }, { host: '::1', network: 'tcp6' }];
    if (net.isIP(address) === 0) throw new Error(`${address} is not a valid IP`);
    return [{ host: address, network: net.isIPv6(address) ? 'tcp6' : 'tcp4' }];
  });
}

function hostPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

function listen(host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ pauseOnConnect: true });
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Go's wording for a failed listen, e.g. "listen tcp4 127.0.0.1:80: bind: address already in use". */
function listenError(address: ListenAddress, port: number, err: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = { EADDRINUSE: 'address already in use', EACCES: 'permission denied', EADDRNOTAVAIL: 'cannot assign requested address' };
  return `listen ${address.network} ${hostPort(address.host, port)}: bind: ${reasons[err.code ?? ''] ?? err.message}`;
}

export class PortListeners {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly output: ListenerOutput,
    private readonly onConnection: (socket: Socket, port: ForwardedPort) => void,
  ) {}

  /** Listens for every port; throws kubectl's error when a port gets no listener at all. */
  async open(addresses: readonly ListenAddress[], ports: readonly ForwardedPort[]): Promise<ForwardedPort[]> {
    const bound: ForwardedPort[] = [];
    for (const requested of ports) {
      let local = requested.local;
      const failures: string[] = [];
      for (const address of addresses) {
        try {
          const server = await listen(address.host, local);
          local = (server.address() as net.AddressInfo).port;
          this.output.out(`Forwarding from ${hostPort(address.host, local)} -> ${requested.remote}`);
          this.serve(server, { local, remote: requested.remote });
        } catch (err) {
          failures.push(`unable to create listener: Error ${listenError(address, local, err as NodeJS.ErrnoException)}`);
        }
      }
      if (failures.length === addresses.length) {
        this.output.err(`Unable to listen on port ${requested.local}: Listeners failed to create with the following errors: [${failures.join(' ')}]`);
        throw new Error(`unable to listen on any of the requested ports: [{${requested.local} ${requested.remote}}]`);
      }
      // client-go reports a listener it could not make but carries on with the others.
      for (const failure of failures) this.output.err(`Unable to create listener: ${failure.replace('unable to create listener: ', '')}`);
      bound.push({ local, remote: requested.remote });
    }
    return bound;
  }

  private serve(server: Server, port: ForwardedPort): void {
    this.servers.push(server);
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      this.output.out(`Handling connection for ${port.local}`);
      this.onConnection(socket, port);
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))).then(() => undefined);
  }
}
