import type { GatewayExecutor, GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { PolicySet } from '../../policies';
import { answerKeyOf, type ResponseCache } from '../cache';
import { CODES, requestError } from '../../schema/contracts/errorCodes';
import { POLICY_OUTCOME, type RequestContext } from '../request';
import type { ApplyMask } from './applyMask';
import { decideOperation, type OperationPolicy } from './decideOperation';
import { operationForbidden } from './forbidden';
import { createOperationSelections } from './operationSelections';
import { createPlainSchemas } from './plainSchemaOf';
import { reexecute } from './reexecute';
import { whyDeniedOf } from './whyDeniedOf';

/** What happens to an operation that selects withheld fields: they resolve to null + FORBIDDEN, or the whole operation is refused. */
export type DeniedFields = 'null' | 'reject';

export interface EnforcementOptions {
  /** The policy set in force, read once per request (a reload swaps what this returns). */
  policies: () => PolicySet;
  deniedFields: DeniedFields;
  applyMask: ApplyMask;
  /** Whether the subgraphs enforce the policies again (`decideOperation`'s `subgraphsEnforce`); defaults to true. */
  subgraphsEnforce?: boolean;
  /**
   * The policy-aware response cache, when on: queries whose every field a department lets be
   * cached are answered from it for readers with the same decisions; mutations make stale what
   * they wrote. `departmentsCalled`: the departments a request has sent a fetch to so far.
   */
  cache?: { responses: ResponseCache; departmentsCalled(context: object): string[] };
}

/**
 * Stage 3 of the request path, BEFORE planning: wraps the gateway's executor so that each
 * operation is decided field by field for its reader, and what the reader may not see is
 * never planned, fetched or returned.
 *
 * The fast path (nothing withheld, no key to mask or withhold per value) hands the request over untouched. Else
 * the executed operation is filtered, executed under its own query hash (plans are cached
 * by it), and the client's operation is re-executed over the result to put back every
 * withheld field as null + FORBIDDEN where the client selected it and to mask keys.
 * The decisions are returned to the request's `POLICY_OUTCOME` slot, for the audit stage.
 */
export function createEnforcingExecutor(execute: GatewayExecutor, options: EnforcementOptions): GatewayExecutor {
  const operations = createOperationSelections();
  const plainSchemaOf = createPlainSchemas();
  const subgraphsEnforce = options.subgraphsEnforce ?? true;
  // What else decides an answer besides the decisions: part of every cache key.
  const settings = `denied:${options.deniedFields} subgraphs:${subgraphsEnforce ? 'enforce' : 'none'}`;

  return async (requestContext: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> => {
    const context = requestContext.context as RequestContext;
    const { reader } = context;
    const { schema, document, operation } = requestContext;
    // Apollo Server turns this into HTTP 400 OPERATION_RESOLUTION_FAILURE: nothing to decide or run.
    if (!operation) return { errors: [unresolvedOperation(requestContext.request.operationName)] };
    const policies = options.policies();
    const found = operations.selectionsOf(schema, document, operation, requestContext.request.variables);
    if (found.kind === 'invalidVariables') {
      return { errors: found.errors.map((error) => requestError(CODES.BAD_USER_INPUT, error.message)) };
    }
    const policy = decideOperation(found.selections, policies, reader, { subgraphsEnforce });
    const denied = [...policy.denied].sort();
    const outcome = { decisions: policy.decisions, denied, policyHash: policies.hash };
    const cache = options.cache;
    const answerKey =
      cache && operation.operation === 'query'
        ? answerKeyOf({
            decisions: policy.decisions,
            policies,
            reader,
            queryHash: requestContext.queryHash,
            operationName: requestContext.operationName,
            variables: requestContext.request.variables,
            settings,
          })
        : null;
    if (cache && answerKey) {
      const hit = await cache.responses.lookup(answerKey.key, reader);
      if (hit) {
        POLICY_OUTCOME.set(context, { ...outcome, cache: 'hit', cachedFrom: hit.cachedFrom });
        return hit.result;
      }
    }
    POLICY_OUTCOME.set(context, answerKey ? { ...outcome, cache: 'miss' } : outcome);
    const generations = cache && answerKey ? await cache.responses.generations() : undefined;
    let result: GatewayExecutionResult;
    try {
      result = await run(requestContext, policy, denied, found.variantKey);
    } finally {
      // A write through the graph, even one that failed half-way, makes stale whatever the departments it reached had served.
      if (cache && operation.operation === 'mutation') await cache.responses.invalidate(cache.departmentsCalled(context));
    }
    if (cache && answerKey && generations) {
      await cache.responses.keep(answerKey.key, answerKey.ttlSeconds, result, cache.departmentsCalled(context), reader.requestId, generations);
    }
    return result;
  };

  /** The decided operation: handed over untouched when nothing is withheld or masked per value, else filtered, executed and rebuilt. */
  async function run(requestContext: GatewayGraphQLRequestContext, policy: OperationPolicy, denied: string[], variantKey: string): Promise<GatewayExecutionResult> {
    const { schema, document, operation } = requestContext;
    const { reader } = requestContext.context as RequestContext;
    if (denied.length === 0 && policy.keyAccess.size === 0) return execute(requestContext);
    if (denied.length > 0 && options.deniedFields === 'reject') return { errors: [operationForbidden(denied)] };

    const filtered = operations.filteredOf(schema, document, operation!, variantKey, policy.denied, policy.removals);
    const result = await execute({ ...requestContext, document: filtered.document, queryHash: filtered.queryHash, operation: filtered.operation });
    if (!result.data) return result;
    const rebuilt = await reexecute({
      schema: plainSchemaOf(schema),
      document,
      operationName: requestContext.operationName,
      variables: requestContext.request.variables,
      data: result.data,
      denied: policy.denied,
      whyDenied: whyDeniedOf(policy.decisions),
      keyAccess: policy.keyAccess,
      readerSub: reader.identity?.sub ?? null,
      applyMask: options.applyMask,
    });
    // The departments' errors stay; the withheld fields' errors follow them.
    const { errors: _fetched, ...rest } = result;
    const errors = [...(result.errors ?? []), ...(rebuilt.errors ?? [])];
    return errors.length ? { ...rest, data: rebuilt.data, errors } : { ...rest, data: rebuilt.data };
  }
}

/** An `operationName` the document does not define, or none for a document with several operations. */
function unresolvedOperation(operationName: string | undefined | null) {
  return operationName
    ? requestError(CODES.OPERATION_RESOLUTION_FAILURE, `The document defines no operation named "${operationName.slice(0, 100)}".`)
    : requestError(CODES.OPERATION_RESOLUTION_FAILURE, 'The document defines several operations; name the one to run in `operationName`.');
}
