import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { createServiceServer } from './createServiceServer';
import { drainServer } from './drainServer';
import type { ServiceTls } from './ServiceTls';

/** Something a service opened and closes when it stops: a GraphQL server, a follower, a database. */
export type Closer = () => unknown;

export interface StartServiceOptions {
  /** Who listens, as a failure to listen names it: `gateway`, `department population`. */
  name: string;
  /** What answers each request (an Express app). */
  handler: http.RequestListener;
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Serve HTTPS to the gateway's client certificate alone (mutual TLS); none: plain HTTP. */
  tls?: ServiceTls;
  log: Logger;
  /** On close, how long requests in flight may finish before their connections are cut. */
  drainMs: number;
  /** Answers what Node's HTTP parser refuses (the server's `clientError`); none: Node's bare status line. */
  onClientError?: (error: NodeJS.ErrnoException, socket: Duplex) => void;
  /** Called first on close, while requests are still answered: stop taking new work (say so on `/ready`, stop following). */
  stopping?: Closer;
  /** Closed one after the other, in this order, once the requests in flight are answered; also when listening fails. */
  closers?: Closer[];
}

export interface RunningService {
  /** The GraphQL endpoint, `http(s)://host:port/graphql`. */
  url: string;
  port: number;
  /**
   * Stops the service: `stopping`, then no new connections and requests in flight answered
   * (up to `drainMs`, then their connections are cut), then each of `closers` in order.
   * Every call after the first waits for the same close.
   */
  close(): Promise<void>;
}

/**
 * The lifecycle the gateway and every department share: listen on `host:port` (over mutual
 * TLS with `tls`), then, on `close`, stop gracefully: in-flight requests are answered before
 * anything they use is closed, and resources close in the order given. A failure to listen
 * closes what the service had opened and says where it could not listen.
 */
export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const { name, handler, port, host, tls, log, drainMs, onClientError, stopping, closers = [] } = options;
  const server = createServiceServer(handler, tls, log);
  if (onClientError) server.on('clientError', onClientError);
  const closeResources = async (): Promise<void> => {
    for (const close of closers) await close();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await stopping?.();
    await closeResources();
    throw new Error(`The ${name} cannot listen on ${host}:${port}: ${(error as Error).message}`);
  }
  // Once listening, an error of the server (too many open files to accept a connection, say) is logged, not fatal.
  server.on('error', (error) => log.error({ err: error.message }, `${name} server error`));
  const listening = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${listening}/graphql`,
    port: listening,
    close: () =>
      (closing ??= (async () => {
        await stopping?.();
        await drainServer(server, drainMs);
        await closeResources();
      })()),
  };
}
