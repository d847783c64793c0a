import type { GraphQLDataSource } from '@apollo/gateway';

/**
 * Which departments each request sent a fetch to, noted by wrapping each subgraph's data
 * source (whatever its class) as the gateway builds it. Per request, keyed by its context.
 */
export class SubgraphCalls {
  private readonly called = new WeakMap<object, Set<string>>();

  /** `source`, noting the request behind each fetch it processes. */
  observe<T extends GraphQLDataSource<any>>(name: string, source: T): T {
    const process = source.process.bind(source);
    source.process = (options) => {
      // Health checks and schema loading carry no client request.
      if ('incomingRequestContext' in options) this.note(options.context, name);
      return process(options);
    };
    return source;
  }

  /** The departments called for the request with this context, sorted. */
  of(context: object): string[] {
    return [...(this.called.get(context) ?? [])].sort();
  }

  private note(context: object, name: string): void {
    const names = this.called.get(context) ?? new Set<string>();
    names.add(name);
    this.called.set(context, names);
  }
}
