import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { CODES, ERROR_CODES, requestError } from '../../../schema/contracts/errorCodes';
import type { OperationRegistry } from './createOperationRegistry';
import { operationText, sha256Hex } from './operationText';

/**
 * Safelist mode: an operation runs only when it is registered. One sent by hash was found in
 * the registry (`safelistCache`), so it is; one sent as text is registered when its
 * `operationText` (spacing, comments and other operations of the document aside) is.
 * Checked once the operation is resolved, before the policies, planning or any department.
 */
export function safelistPlugin(registry: OperationRegistry): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, metrics }) {
          // Not resolved (an unknown operationName): Apollo refuses it itself, and nothing runs.
          if (metrics.persistedQueryHit || !operation) return;
          if (await registry.hasOperation(sha256Hex(operationText(document, operation)))) return;
          throw operationNotRegistered(operation.name?.value ?? null);
        },
      };
    },
  };
}

function operationNotRegistered(name: string | null): ReturnType<typeof requestError> {
  const message = `This gateway runs only registered operations, and ${name ? `'${name}'` : 'this anonymous operation'} is not one (npx govgraph operations register FILE).`;
  const error = requestError(CODES.OPERATION_NOT_REGISTERED, message);
  error.extensions.http = { status: ERROR_CODES.OPERATION_NOT_REGISTERED.httpStatus, headers: new HeaderMap() };
  return error;
}
