/**
 * The gateway's own /graphql as the gateway reaches it: on the loopback address when it listens
 * on every address (`0.0.0.0`, `::`), else on the address it listens on.
 */
export function loopbackGraphqlUrl(host: string, port: number): string {
  const address = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}/graphql`;
}
