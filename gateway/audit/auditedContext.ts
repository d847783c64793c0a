import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { AuditEntry, AuditOutcome } from './AuditRecord';
import type { CreateContext } from '../request';
import { auditUnavailable } from './auditUnavailable';
import type { GatewayAudit } from './GatewayAudit';
import { sha256Hex } from './sealRecord';
import { CODES } from '../../schema/contracts/errorCodes';

/**
 * Records the requests refused while their context is built, which never reach the
 * GraphQL pipeline (and so the audit plugin): a refused token (401), an undeclared purpose
 * or malformed case id (400). When the record cannot be written, the request fails with
 * AUDIT_UNAVAILABLE instead.
 */
export function auditedContext(audit: GatewayAudit, createContext: CreateContext): CreateContext {
  return async (args) => {
    try {
      return await createContext(args);
    } catch (error) {
      const entry = refusalEntryOf(args.req, String(args.res.locals.requestId), error);
      try {
        await audit.append(entry);
      } catch (failure) {
        audit.log.error({ requestId: entry.requestId, err: (failure as Error).message }, 'audit record not written; request refused');
        throw auditUnavailable();
      }
      throw error;
    }
  };
}

/**
 * What is known of a request refused before its context existed. Nothing from the token is
 * kept (its identity was not established, or was but the request was refused after).
 */
function refusalEntryOf(req: Request, requestId: string, error: unknown): AuditEntry {
  const params = (req.method === 'GET' ? req.query : req.body) as { query?: unknown; operationName?: unknown } | undefined;
  return {
    requestId,
    identity: null,
    purpose: null,
    caseId: null,
    operation: {
      name: typeof params?.operationName === 'string' ? params.operationName : null,
      type: null,
      documentHash: typeof params?.query === 'string' ? sha256Hex(params.query) : null,
    },
    keys: [],
    decisions: [],
    subgraphs: [],
    outcome: refusalOutcomeOf(error),
    policyHash: null,
  };
}

function refusalOutcomeOf(error: unknown): AuditOutcome {
  if (!(error instanceof GraphQLError)) return { kind: 'rejected', status: 500, codes: [CODES.INTERNAL_SERVER_ERROR] };
  const code = String(error.extensions.code ?? CODES.INTERNAL_SERVER_ERROR);
  if (code === CODES.UNAUTHENTICATED) return { kind: 'unauthenticated', reason: String(error.extensions.reason ?? 'unknown') };
  const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 500;
  return { kind: 'rejected', status, codes: [code] };
}
