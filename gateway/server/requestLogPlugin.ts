import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { RequestContext } from '../request';
import { CODES } from '../../schema/contracts/errorCodes';

/** Logs one line per GraphQL request: request id, operation, duration and error codes (never variables). */
export function requestLogPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operationName, response, errors }) {
          const codes = (errors ?? []).map((e) => e.extensions?.code ?? CODES.INTERNAL_SERVER_ERROR);
          log.info(
            {
              requestId: contextValue.reader.requestId,
              operationName,
              status: response.http.status ?? 200,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              ...(codes.length && { errorCodes: codes }),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
