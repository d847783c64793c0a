import type { DatasetSpec, ExchangeProblem } from '../ExchangeSource';
import { operationAt, planHttpDataset, type BoundCall } from './planHttpDataset';
import type { JsonSchema, OpenApiDocument } from './readOpenApi';

/**
 * The declaration against the OpenAPI document, without calling the API: each dataset's
 * operations exist and its parameters match (see planHttpDataset), and every column it
 * reads is a property of the records the answer's schema describes at the selection, when
 * the schema describes them. Problems are placed at the dataset's line of exchange.yaml.
 */
export function checkHttpDatasets(datasets: readonly DatasetSpec[], document: OpenApiDocument, source: { file: string; line: number }): ExchangeProblem[] {
  const problems: ExchangeProblem[] = document.problems.map((problem) => ({ ...source, message: `${document.file}:${problem.line}: ${problem.message}` }));
  for (const dataset of datasets) {
    const at = { file: dataset.file, line: dataset.line };
    const { plan, problems: found } = planHttpDataset(dataset, document);
    problems.push(...found.map((message) => ({ ...at, message })));
    if (!plan) continue;
    for (const call of [plan.one, plan.batch].filter((call): call is BoundCall => call !== null)) {
      const properties = recordProperties(call, document);
      if (typeof properties === 'string') {
        problems.push({ ...at, message: `dataset ${dataset.name}: the answer of ${call.operation.operationId} (${operationAt(call.operation, document)}) has no ${properties}` });
        continue;
      }
      if (!properties) continue;
      for (const column of new Set([dataset.key, ...dataset.columns])) {
        if (!properties.has(column)) {
          const where = call.selection.length > 0 ? ` at ${call.selection.join('.')}` : '';
          problems.push({
            ...at,
            message: `dataset ${dataset.name}: column ${column} is not a property of the records ${call.operation.operationId} answers${where} (${operationAt(call.operation, document)})`,
          });
        }
      }
    }
  }
  return problems;
}

/**
 * The property names of the records at the selection of the answer's schema; null when the
 * schema does not say; the selection's path so far when the schema says it is not there.
 */
function recordProperties(call: BoundCall, document: OpenApiDocument): Set<string> | string | null {
  let schema = document.resolve(call.operation.responseSchema);
  for (const [index, step] of call.selection.entries()) {
    const properties = propertiesOf(schema, document);
    if (!properties) return null;
    if (!(step in properties)) return call.selection.slice(0, index + 1).join('.');
    schema = document.resolve(properties[step]);
  }
  if (schema?.type === 'array') schema = document.resolve(schema.items);
  const properties = propertiesOf(schema, document);
  return properties ? new Set(Object.keys(properties)) : null;
}

function propertiesOf(schema: JsonSchema | undefined, document: OpenApiDocument): Record<string, JsonSchema> | null {
  if (!schema) return null;
  const parts = [schema, ...(schema.allOf ?? []).map((part) => document.resolve(part))].filter((part): part is JsonSchema => part !== undefined && part.properties !== undefined);
  return parts.length > 0 ? Object.assign({}, ...parts.map((part) => part.properties)) : null;
}
