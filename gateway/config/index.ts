/** The gateway's settings: one typed configuration, read once from the environment at the command line and passed down. */
export { ConfigurationError, GATEWAY_ENV, gatewayConfigOf, readGatewayConfig, type GatewayConfig, type GatewayConfigInput, type GatewayMode } from './GatewayConfig';
export type { AuditSettings } from './auditConfig';
export type { AuthSettings } from './authConfig';
export type { CacheConfig } from './cacheConfig';
export type { Env } from './envReaders';
export type { EventsConfig } from './eventsConfig';
export type { KeysConfig } from './keysConfig';
export type { LimitsConfig } from './limitsConfig';
export type { ObservabilityConfig } from './observabilityConfig';
export type { OperationsConfig } from './operationsConfig';
export type { RateLimitsConfig } from './rateLimitsConfig';
export type { SubgraphsConfig } from './subgraphsConfig';
export type { TlsConfig } from './tlsConfig';
