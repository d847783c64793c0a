import type { GatewayInterface, GatewayLoadResult, GatewaySchemaLoadOrUpdateCallback, GatewayUnsubscriber } from '@apollo/server-gateway-interface';
import type { ApolloGateway } from '@apollo/gateway';
import { createEnforcingExecutor, type EnforcementOptions } from './createEnforcingExecutor';

/**
 * The ApolloGateway as Apollo Server sees it, with the policies enforced in its executor:
 * the one place every operation passes after validation and before planning.
 */
export class PolicyEnforcingGateway implements GatewayInterface {
  constructor(
    private readonly gateway: ApolloGateway,
    private readonly enforcement: EnforcementOptions,
  ) {}

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    return this.gateway.onSchemaLoadOrUpdate(callback);
  }

  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    const loaded = await this.gateway.load(options);
    return { ...loaded, executor: loaded.executor && createEnforcingExecutor(loaded.executor, this.enforcement) };
  }

  stop(): Promise<void> {
    return this.gateway.stop();
  }
}
