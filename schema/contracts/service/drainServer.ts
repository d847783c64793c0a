import type http from 'node:http';

/** How often connections that have finished their request are closed while draining. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops a server without cutting requests in flight: no new connections; each connection is
 * closed as soon as it is idle (a keep-alive connection once its request is answered); after
 * `graceMs` whatever is left is cut. Resolves once every connection is gone.
 */
export function drainServer(server: http.Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
