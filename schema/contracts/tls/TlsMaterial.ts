/** The PEM texts one side of a mutual-TLS connection presents and trusts. */
export interface TlsMaterial {
  /** The certificate authority the other side's certificate must chain to. */
  ca: string;
  /** This side's own certificate… */
  cert: string;
  /** …and its private key. */
  key: string;
}

/** Where a `TlsMaterial` is read from (`readTlsMaterial`), each file with the setting that names it, for error messages. */
export interface TlsFiles {
  ca: { file: string; setting: string };
  cert: { file: string; setting: string };
  key: { file: string; setting: string };
}

/**
 * The subject common name of the gateway's client certificate: the name departments accept,
 * unless the operator names another (`GOVGRAPH_TLS_GATEWAY_NAME`).
 */
export const DEFAULT_GATEWAY_NAME = 'govgraph-gateway';

/** Extended key usages (RFC 5280): a TLS server, a TLS client. */
export const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
