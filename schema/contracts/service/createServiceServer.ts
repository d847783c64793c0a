import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
import { gatewayCertificateProblem } from '../tls';
import type { ServiceTls } from './ServiceTls';

/**
 * A service's HTTP server: plain HTTP without `tls`; with it, HTTPS that serves only the
 * gateway (a department's side of mutual TLS). A client without a certificate is refused in
 * the handshake (alert `certificate required`). One whose certificate does not chain to the
 * CA or is not for TLS clients (a department's own server certificate: `INVALID_PURPOSE`) is
 * closed by Node right after the handshake, and one with a valid certificate that is not the
 * gateway's (another CN) is closed here at the same point: before a byte of the request is
 * read. TLS 1.3 only: no renegotiation can swap the certificate once checked. The gateway
 * token is still required on every request.
 */
export function createServiceServer(handler: http.RequestListener, tls: ServiceTls | undefined, log: Logger): http.Server {
  if (!tls) return http.createServer(handler);
  const server = https.createServer({ ca: tls.ca, cert: tls.cert, key: tls.key, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.3' }, handler);
  server.prependListener('secureConnection', (socket: TLSSocket) => {
    const peer = socket.getPeerX509Certificate();
    const problem = peer ? gatewayCertificateProblem(peer, tls.gatewayName) : 'no client certificate';
    if (!problem) return;
    log.warn({ remoteAddress: socket.remoteAddress, certificate: peer?.fingerprint256, reason: problem }, 'refused a TLS client that is not the gateway');
    socket.destroy();
  });
  server.on('tlsClientError', (error: NodeJS.ErrnoException, socket: TLSSocket) => {
    // Node's verdict on the chain (e.g. `INVALID_PURPOSE`) says more than the hang-up it causes.
    log.warn({ remoteAddress: socket.remoteAddress, reason: socket.authorizationError ?? error.code ?? error.message }, 'refused a TLS client');
  });
  return server;
}
