/**
 * The variables a department reads its transport from (in `runDepartmentMain`, and set by
 * `govgraph start` for the departments it spawns). `GOVGRAPH_TLS` and `GOVGRAPH_TLS_CA` are the
 * gateway's too: one CA vouches for both sides.
 */
export const DEPARTMENT_TLS_ENV = {
  /** `1`/`0`, or `dev` | `files` | `off`. */
  mode: 'GOVGRAPH_TLS',
  ca: 'GOVGRAPH_TLS_CA',
  cert: 'GOVGRAPH_TLS_SERVER_CERT',
  key: 'GOVGRAPH_TLS_SERVER_KEY',
  /** The subject CN a client certificate must carry to be taken for the gateway's. */
  gatewayName: 'GOVGRAPH_TLS_GATEWAY_NAME',
} as const;
