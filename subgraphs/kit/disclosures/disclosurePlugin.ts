import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { DisclosureCollector } from './DisclosureCollector';
import { disclosureRowsOf, type DisclosureRequest } from './disclosureRowsOf';
import type { DisclosureWriter } from './DisclosureWriter';
import { CODES } from '../../../schema/contracts/errorCodes';

export interface DisclosurePluginOptions {
  department: string;
  disclosures: DisclosureCollector;
  writer: DisclosureWriter;
  log: Logger;
}

/** What the gateway passes on when a department could not log what it returned. */
export function disclosureUnavailable(department: string): GraphQLFormattedError {
  return {
    message: `Department ${department} could not record which of its records this request read, so it returned none of them; try again later.`,
    extensions: { code: CODES.AUDIT_UNAVAILABLE, department },
  };
}

/**
 * The disclosure log's write: before the subgraph's response is sent (`willSendResponse`),
 * the records the request was given are stored in one batch in the department's own
 * database. When they cannot be, the response is replaced by AUDIT_UNAVAILABLE and carries
 * none of the data: nothing leaves the department unrecorded.
 *
 * The status stays 200: the gateway reads a department's errors, with their codes, only
 * from a 2xx answer (any other status becomes SUBGRAPH_UNAVAILABLE).
 */
export function disclosurePlugin({ department, disclosures, writer, log }: DisclosurePluginOptions): ApolloServerPlugin<DisclosureRequest> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const pending = disclosures.take(contextValue);
          if (pending.length === 0) return;
          try {
            await writer.write(disclosureRowsOf(pending, contextValue, new Date()));
          } catch (error) {
            // The request id and a count only: which records were read stays out of the log.
            log.error({ requestId: contextValue.requestId, records: pending.length, err: (error as Error).message }, 'disclosure log not written; response withheld');
            response.body = { kind: 'single', singleResult: { errors: [disclosureUnavailable(department)] } };
          }
        },
      };
    },
  };
}
