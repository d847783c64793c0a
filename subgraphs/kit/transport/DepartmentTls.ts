/** A department's side of mutual TLS: its server certificate and key, the CA, and whom it serves (the gateway). */
export type { ServiceTls as DepartmentTls } from '../../../schema/contracts/service';
