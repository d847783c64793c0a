import type { TlsMaterial } from '../tls';

/** A service's side of mutual TLS: its server certificate and key, the CA, and whom it serves. */
export interface ServiceTls extends TlsMaterial {
  /** The subject CN of the only client certificate accepted: the gateway's. */
  gatewayName: string;
}
