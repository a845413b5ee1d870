import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';

/**
 * A TCP relay in front of a test service (Temporal, PostgreSQL) that a test can break the ways
 * a real one breaks: `freeze()` (connections stay open, nothing answers: a stopped process) and `close()`
 * (nothing listens on the port). `relay()` restores it; clients reconnect.
 */
export class TcpRelay {
  private frozen = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  static async start(targetAddress: string): Promise<TcpRelay> {
    const [host, port] = targetAddress.split(':');
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port: own } = server.address() as { port: number };
    const relay = new TcpRelay(server, { host, port: Number(port) }, own);
    server.on('connection', (socket: Socket) => relay.accept(socket));
    return relay;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  freeze(): void {
    this.frozen = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  async close(): Promise<void> {
    this.dropAll();
    if (this.server.listening) {
      this.server.close();
      await once(this.server, 'close');
    }
  }

  async relay(): Promise<void> {
    this.frozen = false;
    this.dropAll();
    if (!this.server.listening) {
      this.server.listen(this.port, '127.0.0.1');
      await once(this.server, 'listening');
    }
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.frozen) return;
    const upstream = this.track(connect(this.target.port, this.target.host));
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }

  private dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}
