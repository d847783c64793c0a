import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { RequestReader } from '../../policies';
import { POLICY_OUTCOME, type RequestContext } from '../request';
import type { AuditEntry, AuditIdentity } from './AuditRecord';
import { auditDecisionsOf } from './auditDecisionsOf';
import { outcomeOf } from './outcomeOf';
import { recordKeysOf } from './recordKeysOf';
import { sha256Hex } from './sealRecord';

/** The record of one GraphQL request, from what its context and response hold when it is answered. */
export function auditEntryOf(requestContext: GraphQLRequestContextWillSendResponse<RequestContext>, subgraphs: string[]): AuditEntry {
  const { contextValue: context, operation, document, schema, request, response } = requestContext;
  const text = requestContext.source ?? request.query;
  const { reader } = context;
  // Handed on by the policy stage; absent when the request was refused before it decided.
  const policy = POLICY_OUTCOME.get(context);
  return {
    requestId: reader.requestId,
    identity: auditIdentityOf(reader.identity),
    purpose: reader.purpose,
    caseId: reader.caseId,
    operation: {
      name: requestContext.operationName ?? request.operationName ?? null,
      type: operation?.operation ?? null,
      documentHash: typeof text === 'string' ? sha256Hex(text) : null,
    },
    keys: operation && document ? recordKeysOf(schema, document, operation, request.variables) : [],
    decisions: auditDecisionsOf(policy?.decisions),
    subgraphs,
    ...(policy?.cachedFrom !== undefined && { cachedFrom: policy.cachedFrom }),
    outcome: outcomeOf(response),
    policyHash: policy?.policyHash ?? null,
  };
}

/** The identity without anything else the token carried (never the token). */
export function auditIdentityOf(identity: RequestReader['identity']): AuditIdentity | null {
  if (!identity) return null;
  return { sub: identity.sub, roles: [...identity.roles], dept: identity.dept, clearance: identity.clearance };
}
