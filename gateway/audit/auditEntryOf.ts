import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GatewayContext } from '../server/GatewayContext';
import type { AuditEntry, AuditIdentity } from './AuditRecord';
import { auditDecisionsOf } from './auditDecisionsOf';
import { outcomeOf } from './outcomeOf';
import { recordKeysOf } from './recordKeysOf';
import { sha256Hex } from './sealRecord';

/** The record of one GraphQL request, from what its context and response hold when it is answered. */
export function auditEntryOf(requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>, subgraphs: string[]): AuditEntry {
  const { contextValue: context, operation, document, schema, request, response } = requestContext;
  const text = requestContext.source ?? request.query;
  return {
    requestId: context.requestId,
    identity: auditIdentityOf(context.identity),
    purpose: context.purpose ?? null,
    caseId: context.caseId ?? null,
    operation: {
      name: requestContext.operationName ?? request.operationName ?? null,
      type: operation?.operation ?? null,
      documentHash: typeof text === 'string' ? sha256Hex(text) : null,
    },
    keys: operation && document ? recordKeysOf(schema, document, operation, request.variables) : [],
    decisions: auditDecisionsOf(context.decisions),
    subgraphs,
    outcome: outcomeOf(response),
    policyHash: context.policyHash ?? null,
  };
}

/** The identity without anything else the token carried (never the token). */
export function auditIdentityOf(identity: GatewayContext['identity']): AuditIdentity | null {
  if (!identity) return null;
  return { sub: identity.sub, roles: [...identity.roles], dept: identity.dept, clearance: identity.clearance };
}
