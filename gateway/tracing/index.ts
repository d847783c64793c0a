/** Optional OpenTelemetry traces of the gateway (`observability.tracing`): the SDK is loaded only when they are on. */
export { useTracing, type GatewayTracing, type TracingOptions } from './useTracing';
