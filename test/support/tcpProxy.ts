import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a server (Redis), to cut it off from a client as a network or a
 * stopped server would: `holdReplies` keeps the server's replies back (the commands still
 * reach it and run), `holdRequests` keeps the client's commands back, `release` lets both
 * through in order; `strand` leaves the connections open now without replies for good while
 * new ones pass; `close` stops listening and drops every connection, so that reconnecting is
 * refused.
 */
export interface TcpProxy {
  url: string;
  port: number;
  holdReplies(): void;
  holdRequests(): void;
  release(): void;
  /**
   * The connections open now get no reply ever again, and nothing tells the client they are
   * dead: as when a partition loses their TCP flow, or Redis restarts behind a network that
   * drops packets. Connections made afterwards pass.
   */
  strand(): void;
  close(): Promise<void>;
}

/** `port`: 0 picks a free one; a closed proxy's port starts it again at the same address (the server coming back). */
export async function startTcpProxy(target: { host: string; port: number }, scheme = 'redis', port = 0): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const stranded = new WeakSet<net.Socket>();
  const held = { replies: [] as { to: net.Socket; chunk: Buffer }[], requests: [] as { to: net.Socket; chunk: Buffer }[] };
  const holding = { replies: false, requests: false };
  const pass = (kind: keyof typeof held, to: net.Socket, chunk: Buffer) => (holding[kind] ? held[kind].push({ to, chunk }) : to.write(chunk));
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => pass('requests', upstream, chunk));
    upstream.on('data', (chunk) => {
      if (!stranded.has(client)) pass('replies', client, chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${listening}`,
    port: listening,
    holdReplies: () => void (holding.replies = true),
    holdRequests: () => void (holding.requests = true),
    release() {
      holding.replies = holding.requests = false;
      for (const { to, chunk } of [...held.requests.splice(0), ...held.replies.splice(0)]) if (!to.destroyed) to.write(chunk);
    },
    strand() {
      for (const socket of sockets) stranded.add(socket);
      held.replies = held.replies.filter(({ to }) => !stranded.has(to));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
