import fs from 'node:fs';
import path from 'node:path';
import {
  accessMatrix,
  apiSchemaOf,
  parseReaderSpec,
  parseVocabulary,
  PolicyLoadError,
  readSupergraph,
  ReaderSpecError,
  suggest,
  UNSPECIFIED_SUB,
  vocabularyNames,
  VOCABULARY_FILE,
  type PolicySet,
} from '../../policies';
import { loadPolicies } from '../../gateway/policy/loadPolicies';
import { purposeOf } from '../../gateway/authenticate';
import { parseOptions, UsageError } from '../parseOptions';
import { explainOperation, formatExplanation } from './policyExplain';
import { explainField, formatFieldExplanation } from './policyExplainField';
import { loadPoliciesOrReport } from './loadPoliciesOrReport';
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
 * `govgraph policy explain COORD [--write FROM --event E]`: who reads one field (each role as
 * its typical holder, as `policy matrix` shows them, with the engine's reason), who may write
 * it on which events (its write rules, file:line), and with --write and --event the decision
 * on that write, as the owning department takes it. Exit 0 whatever the decision; 1 when the
 * policies do not load; 2 for a coordinate the graph does not have or an unknown department.
 */
async function explainCoordinate(coordinate: string, values: { write?: string; event?: string; dir?: string; supergraph?: string }, io: PolicyIo): Promise<number> {
  if ((values.write === undefined) !== (values.event === undefined)) {
    throw new UsageError(`policy explain: --write FROM and --event E go together: which department writes, on which write-back event\nusage: ${EXPLAIN_USAGE}`);
  }
  const loaded = loadPoliciesOrReport(values, io);
  if (!loaded) return 1;
  const { supergraphSdl } = loaded;
  if (!loaded.writes.has(coordinate)) {
    const known = readSupergraph(supergraphSdl)
      .governedFields()
      .map((field) => field.coordinate);
    throw new UsageError(`policy explain: the graph has no field ${coordinate}${suggest(coordinate, known)}: name one as Type.field, e.g. Person.householdAddress`);
  }
  const names = vocabularyNames(loaded.vocabulary);
  if (values.write !== undefined && !names.departments.includes(values.write)) {
    throw new UsageError(
      `policy explain: --write: unknown department "${values.write}"${suggest(values.write, names.departments)}; the departments are: ${names.departments.join(', ')}`,
    );
  }
  const explanation = explainField({
    coordinate,
    policies: loaded.policies,
    matrix: accessMatrix(loaded.policies, names, [coordinate]),
    writes: loaded.writes,
    request: values.write !== undefined && values.event !== undefined ? { from: values.write, event: values.event } : undefined,
  });
  for (const line of formatFieldExplanation(explanation)) io.out(line);
  return 0;
}

/**
 * `govgraph policy explain`: for every field the operation selects, the decision the
 * gateway takes for this reader and purpose, the rule that decided it and why. Nothing
 * is executed: the gateway's own walk and decision code run over the query file. Given a
 * coordinate instead of a query, `explainCoordinate`.
 */
export async function policyExplainCommand(args: string[], io: PolicyIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    as: { type: 'string' },
    purpose: { type: 'string' },
    query: { type: 'string' },
    variables: { type: 'string' },
    operation: { type: 'string' },
    dir: { type: 'string' },
    supergraph: { type: 'string' },
    write: { type: 'string' },
    event: { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError(`policy explain: one coordinate at a time, got ${positionals.join(' ')}\nusage: ${EXPLAIN_USAGE}`);
  if (positionals.length === 1) {
    const forQuery = (['as', 'purpose', 'query', 'variables', 'operation'] as const).filter((name) => values[name] !== undefined);
    if (forQuery.length) {
      throw new UsageError(`policy explain: --${forQuery[0]} is for explaining a query; a coordinate is explained for every reader\nusage: ${EXPLAIN_USAGE}`);
    }
    return explainCoordinate(positionals[0], values, io);
  }
  if (values.write !== undefined || values.event !== undefined) {
    throw new UsageError(
      `policy explain: --write and --event decide a write to one field: name it, e.g. policy explain Person.householdAddress --write services --event household-address-change`,
    );
  }
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
