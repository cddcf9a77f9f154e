/**
 * An HTTP proxy on 127.0.0.1 that tunnels Firefox's HTTPS connections for the served host
 * names to the stand-in Studio, and rejects every other connection.
 *
 * Firefox has no switch like Chromium's `--host-resolver-rules`. Its `network.dns.localDomains`
 * preference resolves names to 127.0.0.1 but keeps port 443, so each stand-in would need port
 * 443, which only root can open and only one stand-in at a time can hold. Through this proxy,
 * every stand-in keeps its ephemeral port, and no other host can be reached even on a
 * machine with internet access.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { SERVED_HOSTS, type Studio } from '../studio';

const HTTPS_PORT = '443';

export class StudioProxy {
  private readonly sockets = new Set<Duplex>();

  private constructor(
    private readonly server: Server,
    private readonly studio: Studio,
  ) {
    server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => {
      this.track(client);
      this.tunnel(request, client, head);
    });
    // Plain HTTP through the proxy: the stand-in serves HTTPS only.
    server.on('request', (_request, response) => {
      response.writeHead(403, { 'content-type': 'text/plain' });
      response.end('The stand-in serves HTTPS only.\n');
    });
  }

  static async start(studio: Studio): Promise<StudioProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new StudioProxy(server, studio);
  }

  get port(): number {
    const address = this.server.address();
    if (typeof address !== 'object' || address === null) {
      throw new Error('The stand-in proxy is not listening');
    }
    return address.port;
  }

  /** Stops the proxy and drops every open tunnel. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Tunnels a CONNECT request for a served host to the stand-in, and rejects other targets. */
  private tunnel(request: IncomingMessage, client: Duplex, head: Buffer): void {
    const [host, port] = (request.url ?? '').toLowerCase().split(':');
    const served = SERVED_HOSTS.some((name) => name === host);
    if (!served || port !== HTTPS_PORT) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    let established = false;
    const upstream: Socket = connect(this.studio.port, '127.0.0.1', () => {
      established = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.track(upstream);
    // A paused stand-in refuses the connection: the browser gets 502 Bad Gateway, or a
    // dropped tunnel once connected.
    upstream.on('error', () => {
      if (established) client.destroy();
      else client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    client.on('error', () => upstream.destroy());
  }

  private track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
