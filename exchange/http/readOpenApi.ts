import fs from 'node:fs';
import { isMap, LineCounter, parseDocument } from 'yaml';

/** A JSON Schema as OpenAPI 3 writes it; only the parts the adapter reads are named. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  allOf?: JsonSchema[];
  maxItems?: number;
  /** `date`, `date-time`, …: read by the scaffold to declare dates. */
  format?: string;
  description?: string;
  $ref?: string;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema?: JsonSchema;
  /** Query arrays: `ids=a&ids=b` (explode, OpenAPI's default) or `ids=a,b`. */
  explode: boolean;
}

/** How the API wants its key: in a header or a query parameter, as is or after `Bearer `. */
export type ApiCredential = { in: 'header' | 'query'; name: string; prefix: string };

export interface OpenApiOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/accounts/{idNumber}`. */
  path: string;
  /** Line of the operationId in the OpenAPI document. */
  line: number;
  parameters: readonly OpenApiParameter[];
  /** The schema of its `application/json` request body, when it has one. */
  requestBody?: { schema?: JsonSchema };
  /** The schema of the first 2xx `application/json` answer. */
  responseSchema?: JsonSchema;
  /** null: no key is sent (`security: []` or none declared). */
  credential: ApiCredential | null;
  /** Why the declared security cannot be met by one API key; null when it can. */
  securityProblem: string | null;
}

export interface OpenApiDocument {
  file: string;
  operations: ReadonlyMap<string, OpenApiOperation>;
  /** `servers[].url`, used when the declaration gives no base URL. */
  servers: readonly string[];
  /** What makes the document unusable (unreadable, not YAML, not OpenAPI 3); empty when fine. */
  problems: readonly { line: number; message: string }[];
  /** Resolves a local `$ref` (`#/components/…`); the schema itself when it has none. */
  resolve(schema: JsonSchema | undefined): JsonSchema | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Plain = Record<string, any>;

/**
 * Reads an OpenAPI 3 document (YAML or JSON) into the operations an http source calls, by
 * operationId. Never throws: a document that cannot be used says why in `problems`, so that
 * `exchange check` and readiness can report it beside the rest.
 */
export function readOpenApi(file: string): OpenApiDocument {
  const empty = (message: string, line = 1): OpenApiDocument => ({
    file,
    operations: new Map(),
    servers: [],
    problems: [{ line, message }],
    resolve: (schema) => schema,
  });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return empty(`cannot read the OpenAPI document (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) return empty(`the OpenAPI document does not parse: ${doc.errors[0].message.split('\n')[0]}`, doc.errors[0].linePos?.[0].line ?? 1);
  const root = doc.toJS() as Plain | null;
  if (!root || typeof root !== 'object' || typeof root.openapi !== 'string' || !root.openapi.startsWith('3.')) {
    return empty('the document is not OpenAPI 3 (no `openapi: 3.x` at its top)');
  }

  const pointer = (ref: string): unknown => {
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) node = (node as Plain | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node;
  };
  const deref = <T>(value: T): T => {
    let current: any = value;
    // A chain of references, bounded so that a cycle cannot hang the reader.
    for (let hops = 0; current && typeof current.$ref === 'string' && hops < 16; hops++) current = pointer(current.$ref);
    return current as T;
  };
  const lineOf = (keys: string[]): number => {
    const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : 1;
  };

  const schemes = (root.components?.securitySchemes ?? {}) as Record<string, Plain>;
  const operations = new Map<string, OpenApiOperation>();
  const problems: { line: number; message: string }[] = [];
  for (const [template, item] of Object.entries((root.paths ?? {}) as Record<string, Plain>)) {
    if (!item || typeof item !== 'object') continue;
    const shared = (item.parameters ?? []) as Plain[];
    for (const method of METHODS) {
      const operation = item[method] as Plain | undefined;
      if (!operation || typeof operation.operationId !== 'string') continue;
      const line = lineOf(['paths', template, method, 'operationId']);
      if (operations.has(operation.operationId)) problems.push({ line, message: `operationId ${operation.operationId} is used twice` });
      // An operation's own parameter overrides the path's of the same name and place.
      const byPlace = new Map<string, OpenApiParameter>();
      for (const raw of [...shared, ...((operation.parameters ?? []) as Plain[])].map(deref)) {
        if (!raw || typeof raw.name !== 'string') continue;
        const where = raw.in as OpenApiParameter['in'];
        byPlace.set(`${where}:${raw.name}`, {
          name: raw.name,
          in: where,
          required: raw.required === true || where === 'path',
          schema: raw.schema,
          explode: raw.explode ?? (raw.style ?? 'form') === 'form',
        });
      }
      const body = deref(operation.requestBody as Plain | undefined);
      const answer = Object.entries((operation.responses ?? {}) as Record<string, Plain>).find(([status]) => /^2/.test(status))?.[1];
      const { credential, securityProblem } = credentialFor((operation.security ?? root.security ?? []) as Record<string, unknown>[], schemes, deref);
      operations.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path: template,
        line,
        parameters: [...byPlace.values()],
        requestBody: body ? { schema: body.content?.['application/json']?.schema } : undefined,
        responseSchema: deref(answer)?.content?.['application/json']?.schema,
        credential,
        securityProblem,
      });
    }
  }
  if (!isMap(doc.get('paths', true))) problems.push({ line: 1, message: 'the document has no paths' });
  const servers = ((root.servers ?? []) as Plain[]).map((server) => server?.url).filter((url): url is string => typeof url === 'string');
  return { file, operations, servers, problems, resolve: (schema) => deref(schema) };
}

/**
 * The first security requirement one API key can meet: an `apiKey` scheme in a header or the
 * query, or HTTP bearer. A requirement naming two schemes at once needs two secrets; the
 * declaration configures one.
 */
function credentialFor(
  requirements: Record<string, unknown>[],
  schemes: Record<string, Plain>,
  deref: <T>(value: T) => T,
): Pick<OpenApiOperation, 'credential' | 'securityProblem'> {
  if (requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement ?? {}).length === 0)) return { credential: null, securityProblem: null };
  const names: string[] = [];
  for (const requirement of requirements) {
    const keys = Object.keys(requirement);
    names.push(...keys);
    if (keys.length !== 1) continue;
    const scheme = deref(schemes[keys[0]]);
    if (scheme?.type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'query') && typeof scheme.name === 'string') {
      return { credential: { in: scheme.in, name: scheme.name, prefix: '' }, securityProblem: null };
    }
    if (scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') {
      return { credential: { in: 'header', name: 'Authorization', prefix: 'Bearer ' }, securityProblem: null };
    }
  }
  return { credential: null, securityProblem: `its security (${names.join(', ')}) is not one API key in a header or the query, nor HTTP bearer` };
}
