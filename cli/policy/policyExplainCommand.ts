import fs from 'node:fs';
import path from 'node:path';
import { parseReaderSpec, parseVocabulary, PolicyLoadError, ReaderSpecError, UNSPECIFIED_SUB, VOCABULARY_FILE, type PolicySet } from '../../policies';
import { loadPolicies } from '../../gateway/policy/loadPolicies';
import { purposeOf } from '../../gateway/authenticate';
import { parseOptions, UsageError } from '../parseOptions';
import { apiSchemaOf } from './policyApiSchema';
import { explainOperation, formatExplanation } from './policyExplain';
import type { PolicyIo } from './policyIo';
import { EXPLAIN_USAGE } from './policyUsages';
import { policyDirOf, supergraphFileOf } from './policyPaths';

function readText(file: string, io: PolicyIo, what: string): string {
  try {
    return file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`policy explain: cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

function variablesOf(value: string | undefined, io: PolicyIo): Record<string, unknown> {
  if (value === undefined) return {};
  const text = value.startsWith('@') ? readText(value.slice(1), io, 'the variables file') : value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`policy explain: --variables is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError('policy explain: --variables must be a JSON object, e.g. \'{"id": "A-1"}\'');
  return parsed as Record<string, unknown>;
}

/**
 * `govgraph policy explain`: for every field the operation selects, the decision the
 * gateway takes for this reader and purpose, the rule that decided it and why. Nothing
 * is executed: the gateway's own walk and decision code run over the query file.
 */
export async function policyExplainCommand(args: string[], io: PolicyIo): Promise<number> {
  const { values } = parseOptions(args, {
    as: { type: 'string' },
    purpose: { type: 'string' },
    query: { type: 'string' },
    variables: { type: 'string' },
    operation: { type: 'string' },
    dir: { type: 'string' },
    supergraph: { type: 'string' },
  });
  if (values.as === undefined) throw new UsageError(`policy explain: --as is required\nusage: ${EXPLAIN_USAGE}`);
  if (values.query === undefined) throw new UsageError(`policy explain: --query is required\nusage: ${EXPLAIN_USAGE}`);
  const dir = policyDirOf(values.dir, io);
  const supergraphSdl = fs.readFileSync(supergraphFileOf(values.supergraph, io), 'utf8');

  let policies: PolicySet;
  try {
    // The gateway's own loader: the same files, checked and compiled the same way.
    policies = loadPolicies({ dir }, supergraphSdl);
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    io.err(error.message);
    return 1;
  }
  const { vocabulary } = parseVocabulary(VOCABULARY_FILE, fs.readFileSync(path.join(dir, VOCABULARY_FILE), 'utf8'));

  let identity;
  try {
    identity = parseReaderSpec(values.as, { roles: [...vocabulary.roles.keys()], departments: [...vocabulary.departments.keys()] });
  } catch (error) {
    if (error instanceof ReaderSpecError) throw new UsageError(`policy explain: --as: ${error.message}`);
    throw error;
  }
  let purpose: string | null;
  try {
    // The gateway's reading of X-Purpose: trimmed, empty = none, else a declared purpose.
    purpose = purposeOf(values.purpose, policies.purposes);
  } catch {
    throw new UsageError(`policy explain: unknown purpose "${values.purpose}"; the declared purposes are: ${policies.purposes.join(', ')}`);
  }
  const reader = { identity, purpose };

  const explanation = explainOperation({
    schema: apiSchemaOf(supergraphSdl),
    policies,
    source: readText(values.query, io, 'the query file'),
    operationName: values.operation ?? null,
    variables: variablesOf(values.variables, io),
    reader,
  });
  switch (explanation.kind) {
    case 'noOperation':
      throw new UsageError(`policy explain: ${explanation.message}`);
    case 'refused':
      for (const error of explanation.errors) io.err(/^\d+:\d+: /.test(error) ? `${values.query}:${error}` : `${values.query}: ${error}`);
      io.err('The gateway refuses this operation before deciding any field (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED or BAD_USER_INPUT).');
      return 1;
    case 'explained':
      for (const line of formatExplanation(explanation, reader, identity !== null && identity.sub !== UNSPECIFIED_SUB)) io.out(line);
      return 0;
  }
}
