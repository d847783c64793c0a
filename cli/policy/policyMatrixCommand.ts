import { accessMatrix, listWriteRules, vocabularyNames } from '../../policies';
import { parseOptions, UsageError } from '../parseOptions';
import type { PolicyIo } from './policyIo';
import { MATRIX_USAGE } from './policyUsages';
import { formatMatrixCsv, formatMatrixMarkdown, MATRIX_FORMATS, type MatrixFormat } from './policyMatrixFormat';
import { formatMatrixHtml } from './policyMatrixHtml';
import { loadPoliciesOrReport } from './loadPoliciesOrReport';

/**
 * `govgraph policy matrix`: every field × each role (as its typical holder) and anonymous, on
 * stdout; md and html then list who may write which field, on which events (csv: reads only).
 */
export async function policyMatrixCommand(args: string[], io: PolicyIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { format: { type: 'string' }, dir: { type: 'string' }, supergraph: { type: 'string' } });
  if (positionals.length) throw new UsageError(`policy matrix: unexpected argument '${positionals[0]}'\nusage: ${MATRIX_USAGE}`);
  const format = (values.format ?? 'md') as MatrixFormat;
  if (!MATRIX_FORMATS.includes(format)) throw new UsageError(`policy matrix: --format must be one of ${MATRIX_FORMATS.join(', ')}, got '${values.format}'`);
  const loaded = loadPoliciesOrReport(values, io);
  if (!loaded) return 1;
  const names = vocabularyNames(loaded.vocabulary);
  const matrix = accessMatrix(loaded.policies, names);
  const writes = listWriteRules(loaded.writes, names.departments);
  const lines = format === 'csv' ? formatMatrixCsv(matrix) : format === 'html' ? formatMatrixHtml(matrix, 'govgraph: who sees what', writes) : formatMatrixMarkdown(matrix, writes);
  for (const line of lines) io.out(line);
  return 0;
}
