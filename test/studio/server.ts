import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { makeCertificate } from './certificate';
import { type Fault, FaultTable, type FaultOptions } from './faults';
import { handleRequest, type HandlerContext } from './handler';
import { hostResolverRules } from './hosts';
import { tokenOf, type RecordedRequest } from './requests';
import { DAY_SECONDS, TokenStore } from './tokens';
import { defaultUsers, findUser, type StudioUser } from './users';

export interface StudioOptions {
  /** Accounts to serve, in place of alice, bob, carol and sso. */
  users?: readonly StudioUser[];
  /** Latency added to every response, preflights included, in milliseconds. */
  delayMs?: number;
  /** Port on 127.0.0.1. Default 0: an ephemeral port. */
  port?: number;
}

/**
 * The stand-in Studio, docs site and evil.example, on one HTTPS port of 127.0.0.1. Start it
 * with startStudio().
 */
export class Studio {
  readonly users: readonly StudioUser[];
  private readonly context: HandlerContext;
  private readonly faults = new FaultTable();
  private readonly tokens = new TokenStore();
  private readonly sockets = new Set<Socket>();
  private readonly closing = new AbortController();
  private listeningPort = 0;
  private closed = false;

  constructor(
    private readonly server: Server,
    options: StudioOptions,
  ) {
    this.users = options.users ?? defaultUsers;
    this.context = {
      users: this.users,
      tokens: this.tokens,
      recorded: [],
      faults: this.faults,
      delayMs: options.delayMs ?? 0,
      closing: this.closing.signal,
    };
    // Both events, because the TLS socket of a connection wraps its TCP socket.
    server.on('connection', (socket: Socket) => this.track(socket));
    server.on('secureConnection', (socket: Socket) => this.track(socket));
    server.on('request', (request, response) => {
      void handleRequest(this.context, request, response);
    });
  }

  get port(): number {
    return this.listeningPort;
  }

  /** Value for Chromium's `--host-resolver-rules`, sending the served hosts to this port. */
  get hostRules(): string {
    return hostResolverRules(this.listeningPort);
  }

  /** Every request received so far, in arrival order. The array grows as requests arrive. */
  get requests(): readonly RecordedRequest[] {
    return this.context.recorded;
  }

  /** Returns the recorded requests to `host` whose path (with query) starts with `pathPrefix`. */
  requestsTo(host: string, pathPrefix = '/'): RecordedRequest[] {
    return this.context.recorded.filter((request) => {
      return request.host === host && request.path.startsWith(pathPrefix);
    });
  }

  clearRequests(): void {
    this.context.recorded.length = 0;
  }

  /**
   * Injects a fault for requests whose path, without query, equals `path`, or starts with it
   * when `path` ends in `*`. The fault applies on every served host, to every method except
   * OPTIONS (CORS preflights).
   */
  setFault(path: string, fault: Fault, options?: FaultOptions): void {
    this.faults.set(path, fault, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Forgets recorded requests and faults and restores the default token lifetime. */
  reset(): void {
    this.clearRequests();
    this.clearFaults();
    this.tokens.lifetimeSeconds = DAY_SECONDS;
  }

  /** Issues a JWT as a successful login would. A negative expiry gives an expired token. */
  issueToken(usernameOrEmail: string, options: { expiresInSeconds?: number } = {}): string {
    const user = findUser(this.users, usernameOrEmail);
    if (user === undefined) {
      throw new Error(`Cannot issue a token: unknown user "${usernameOrEmail}"`);
    }
    return this.tokens.issue(user, options.expiresInSeconds);
  }

  /** Sets the lifetime of the tokens that later logins get, in seconds. */
  setTokenLifetime(seconds: number): void {
    this.tokens.lifetimeSeconds = seconds;
  }

  /** Revokes a token, so that Studio responds 401 to it from now on. */
  revoke(token: string): void {
    if (!this.tokens.revoke(token)) {
      throw new Error('Cannot revoke the token: this stand-in did not issue it');
    }
  }

  /** Returns the JWT a request carried: the `x-jwt-token` header, else the `jwt` cookie. */
  tokenOf(request: RecordedRequest): string | undefined {
    return tokenOf(request);
  }

  /** Starts listening on `port` (0 for an ephemeral port) and records the port in use. */
  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address();
    this.listeningPort = typeof address === 'object' && address !== null ? address.port : port;
  }

  /**
   * Stops accepting connections, so clients get "connection refused", and drops open ones.
   * Records, faults and tokens are kept for resume().
   */
  async pause(): Promise<void> {
    if (!this.server.listening) {
      return;
    }
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.dropConnections();
    await closed;
  }

  /** Accepts connections again on the same port. */
  async resume(): Promise<void> {
    if (this.closed) {
      throw new Error('Cannot resume the stand-in Studio: it is closed');
    }
    if (!this.server.listening) {
      await this.listen(this.listeningPort);
    }
  }

  /** Stops the server, drops every connection and cancels pending delayed responses. */
  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    await this.pause();
    this.dropConnections();
  }

  // Sockets are tracked from the TCP accept, because the list that Node's
  // closeAllConnections() uses lacks sockets that are still in the TLS handshake.
  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private dropConnections(): void {
    for (const socket of this.sockets) {
      socket.destroy();
    }
  }
}

/** Starts the stand-in on 127.0.0.1 with a fresh self-signed certificate. */
export async function startStudio(options: StudioOptions = {}): Promise<Studio> {
  const certificate = await makeCertificate();
  const studio = new Studio(createServer(certificate), options);
  await studio.listen(options.port ?? 0);
  return studio;
}
