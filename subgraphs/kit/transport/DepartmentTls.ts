import type { TlsMaterial } from '../../../schema/contracts/tls';

/** A department's side of mutual TLS: its server certificate and key, the CA, and whom it serves. */
export interface DepartmentTls extends TlsMaterial {
  /** The subject CN of the only client certificate accepted: the gateway's. */
  gatewayName: string;
}
