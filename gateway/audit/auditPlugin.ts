import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../request';
import { auditEntryOf } from './auditEntryOf';
import { AUDIT_UNAVAILABLE_STATUS, auditUnavailable, formattedAuditUnavailable } from './auditUnavailable';
import type { GatewayAudit } from './GatewayAudit';

/**
 * One audit record per GraphQL request, stored before the response is sent
 * (`willSendResponse`: every request that reached the pipeline passes it, executed or
 * refused). When the record cannot be stored, the response is replaced by AUDIT_UNAVAILABLE
 * (HTTP 503, no data): nothing leaves the gateway unrecorded. A mutation is refused before
 * it runs when the ledger cannot take records, so that no change goes unrecorded either.
 * Closes the ledger when the server stops.
 */
export function auditPlugin(audit: GatewayAudit): ApolloServerPlugin<RequestContext> {
  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await audit.close();
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          try {
            await audit.check();
          } catch (error) {
            audit.log.error({ requestId: contextValue.reader.requestId, err: (error as Error).message }, 'audit log cannot take records; mutation refused');
            throw auditUnavailable();
          }
        },
        async willSendResponse(requestContext) {
          const { contextValue, response } = requestContext;
          try {
            await audit.append(auditEntryOf(requestContext, audit.subgraphsCalledBy(contextValue)));
          } catch (error) {
            // The request id only: the log must not carry what the request read or who it named.
            audit.log.error({ requestId: contextValue.reader.requestId, err: (error as Error).message }, 'audit record not written; response withheld');
            response.http.status = AUDIT_UNAVAILABLE_STATUS;
            response.body = { kind: 'single', singleResult: { errors: [formattedAuditUnavailable()] } };
          }
        },
      };
    },
  };
}
