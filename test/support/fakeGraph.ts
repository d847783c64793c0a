import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, parse, type FieldNode, type ValueNode } from 'graphql';

/**
 * A stand-in for the gateway, for a department that checks cross-department facts through
 * the graph: it answers `person(idNumber:)` and `enterprise(creditCode:)` from the keys it
 * was given (null for others), and nothing else.
 */
export interface FakeGraph {
  url: string;
  /** Requests received so far. */
  requests(): number;
  /** While false, every request gets a 503 with a non-GraphQL body, as from a dead proxy. */
  setAvailable(available: boolean): void;
  close(): Promise<void>;
}

export interface FakeGraphKeys {
  personIds: Iterable<string>;
  creditCodes?: Iterable<string>;
}

function argumentValue(value: ValueNode, variables: Record<string, unknown>): unknown {
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  if (value.kind === Kind.STRING) return value.value;
  throw new Error(`fakeGraph: unsupported argument kind ${value.kind}`);
}

function resolveField(field: FieldNode, variables: Record<string, unknown>, persons: Set<string>, enterprises: Set<string>): unknown {
  const argument = field.arguments?.[0];
  const key = argument ? argumentValue(argument.value, variables) : undefined;
  switch (field.name.value) {
    case 'person':
      return persons.has(String(key)) ? { idNumber: key } : null;
    case 'enterprise':
      return enterprises.has(String(key)) ? { creditCode: key } : null;
    default:
      throw new Error(`fakeGraph: cannot answer field ${field.name.value}`);
  }
}

export async function startFakeGraph(keys: FakeGraphKeys): Promise<FakeGraph> {
  const persons = new Set(keys.personIds);
  const enterprises = new Set(keys.creditCodes ?? []);
  let available = true;
  let requests = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests++;
      if (!available) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
        return;
      }
      let body: unknown;
      try {
        const { query, variables = {} } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
        const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
        if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('fakeGraph: no operation in the document');
        const data: Record<string, unknown> = {};
        for (const selection of operation.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD) throw new Error('fakeGraph: only plain fields at the top level');
          data[selection.alias?.value ?? selection.name.value] = resolveField(selection, variables, persons, enterprises);
        }
        body = { data };
      } catch (error) {
        body = { errors: [{ message: (error as Error).message }] };
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests: () => requests,
    setAvailable(value) {
      available = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
