import tls from 'node:tls';

export interface TlsProbeResult {
  /** What the server answered to `GET /health`, '' for nothing. */
  response: string;
  /** The connection's error code (an alert the server sent, a reset), if any. */
  error?: string;
}

/**
 * Connects to a department over TLS as a client presenting `cert`/`key` (or none), asks
 * `GET /health` once the client's side of the handshake is done, and reports what came back.
 */
export function tlsProbe(url: string, options: { ca: string; cert?: string; key?: string }): Promise<TlsProbeResult> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let response = '';
    let error: string | undefined;
    const socket = tls.connect({ host: hostname, port: Number(port), ...options });
    socket.setTimeout(5000, () => socket.destroy(new Error('timed out')));
    socket.once('secureConnect', () => socket.write(`GET /health HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('utf8')));
    socket.once('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.once('close', () => resolve({ response, error }));
  });
}
