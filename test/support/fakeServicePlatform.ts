import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { verifyGatewayToken, type GatewayClaims, type GatewayVerificationKeys } from '../../schema/contracts/gatewayToken';
import { APPLICATION_UPDATES_HEAD_PATH, WRITE_BACK_OUTCOMES_PATH, type DecidedWriteBack } from '../../schema/contracts/writeBack';

/**
 * A stand-in for the service platform as the gateway sees it: the application-updates part of
 * its schema (`myApplicationUpdates`, `applicationUpdates`) and the two routes it serves the
 * gateway alone (the head of the updates, the settled write-backs), every request checked for a
 * gateway token for `services`, as the real department checks it.
 */
export const SERVICE_PLATFORM_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    myApplicationUpdates(after: String, first: Int = 50): ApplicationUpdatePage!
    applicationUpdates(after: String, first: Int = 50): ApplicationUpdatePage!
  }
  type Application @key(fields: "id") {
    id: ID!
    status: ApplicationStatus!
  }
  enum ApplicationStatus { SUBMITTED ACCEPTED APPROVED REJECTED COMPLETED }
  enum ApplicationUpdateKind { STATUS WRITE_BACK }
  enum WriteBackState { PENDING APPLIED REFUSED DEAD }
  type WriteBack {
    id: ID!
    department: String!
    event: String!
    fields: [String!]!
    state: WriteBackState!
    attempts: Int!
    at: String!
    reason: String
    record: String
  }
  type ApplicationUpdate {
    cursor: String!
    at: String!
    kind: ApplicationUpdateKind!
    application: Application!
    status: ApplicationStatus
    writeBack: WriteBack
  }
  type ApplicationUpdatePage {
    updates: [ApplicationUpdate!]!
    cursor: String
  }
`;

/** One update as the fake keeps it: whose application (the applicant's `sub`) and which department handles it. */
export interface FakeUpdate {
  applicant: string;
  dept: string;
  applicationId: string;
  status: string;
  writeBack?: { department: string; event: string; fields: string[]; state: string; reason: string | null; record: string | null };
}

export interface FakeServicePlatform {
  /** Its GraphQL endpoint (the routes are beside it). */
  url: string;
  /** Adds an update; the head moves. Returns its cursor. */
  addUpdate(update: FakeUpdate): string;
  /** Adds a settled write-back (its `seq` the next one unless given). */
  addOutcome(outcome: Omit<DecidedWriteBack, 'seq'> & { seq?: number }): DecidedWriteBack;
  /** Adds a raw value to the settled write-backs, as sent (a malformed one, say). */
  addRawOutcome(value: unknown): void;
  /** Forgets every update and settled write-back (numbering starts again at 1). */
  reset(): void;
  /** While true, every request is answered 503. */
  setFailing(failing: boolean): void;
  /** Requests received by path (`/graphql`, the head, the outcomes), refused ones included. */
  requests(path: string): number;
  /** The claims of the gateway tokens received by path, oldest first. */
  claims(path: string): GatewayClaims[];
  close(): Promise<void>;
}

interface Stored extends FakeUpdate {
  seq: number;
  at: string;
}

/** The supergraph of the fake service platform alone, at `url`. */
export function composeServicePlatformSupergraph(url: string): string {
  const result = composeServices([{ name: 'services', url, typeDefs: parse(SERVICE_PLATFORM_SDL) }]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

/** A sample settled write-back (an address change applied at population). */
export function sampleOutcome(overrides: Partial<DecidedWriteBack> = {}): Omit<DecidedWriteBack, 'seq'> {
  return {
    eventId: 'APP-2026-000123/1',
    applicationId: 'APP-2026-000123',
    itemCode: 'household-address-change',
    event: 'household-address-change',
    department: 'population',
    state: 'applied',
    reason: null,
    record: 'Person 110105199001010014',
    coordinates: ['Person.householdAddress'],
    actor: 'staff-0001',
    applicant: '110105199001010014',
    at: '2026-11-27T09:21:00.000Z',
    ...overrides,
  };
}

export async function startFakeServicePlatform(keys: GatewayVerificationKeys): Promise<FakeServicePlatform> {
  const updates: Stored[] = [];
  const outcomes: unknown[] = [];
  const counts = new Map<string, number>();
  const received = new Map<string, GatewayClaims[]>();
  let failing = false;

  const page = (rows: Stored[], after: string | null | undefined, first: number) => {
    const from = after ? Number(after) : 0;
    const next = rows.filter((row) => row.seq > from).slice(0, first);
    return {
      updates: next.map((row) => ({
        cursor: String(row.seq),
        at: row.at,
        kind: row.writeBack ? 'WRITE_BACK' : 'STATUS',
        application: { id: row.applicationId, status: row.status },
        status: row.writeBack ? null : row.status,
        writeBack: row.writeBack ? { id: `${row.applicationId}/wb`, attempts: 1, at: row.at, ...row.writeBack } : null,
      })),
      cursor: next.length ? String(next.at(-1)!.seq) : (after ?? null),
    };
  };
  type Context = { claims: GatewayClaims };
  const server = new ApolloServer<Context>({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(SERVICE_PLATFORM_SDL),
        resolvers: {
          Query: {
            myApplicationUpdates: (_: unknown, { after, first }: { after?: string | null; first: number }, { claims }: Context) =>
              page(
                updates.filter((row) => row.applicant === claims.identity?.sub),
                after,
                first,
              ),
            applicationUpdates: (_: unknown, { after, first }: { after?: string | null; first: number }, { claims }: Context) =>
              page(
                updates.filter((row) => row.dept === claims.identity?.dept),
                after,
                first,
              ),
          },
        } as never,
      },
    ]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    stopOnTerminationSignals: false,
  });
  await server.start();

  const app = express();
  // Counted, refused while failing, then only with a gateway token for `services`.
  app.use((req: Request, res: Response, next: NextFunction) => {
    counts.set(req.path, (counts.get(req.path) ?? 0) + 1);
    if (failing) return void res.status(503).json({ errors: [{ message: 'down for the test' }] });
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return void res.status(401).json({ errors: [{ message: 'no gateway token' }] });
    verifyGatewayToken(keys, 'services', token).then(
      (claims) => {
        received.set(req.path, [...(received.get(req.path) ?? []), claims]);
        res.locals.claims = claims;
        next();
      },
      () => res.status(401).json({ errors: [{ message: 'not a gateway token' }] }),
    );
  });
  app.get(APPLICATION_UPDATES_HEAD_PATH, (_req, res) => void res.json({ seq: updates.at(-1)?.seq ?? 0 }));
  app.get(WRITE_BACK_OUTCOMES_PATH, (req, res) => {
    const after = Number(req.query.after ?? 0);
    const limit = Number(req.query.limit ?? 100);
    const seqOf = (value: unknown) => Number((value as { seq?: unknown } | null)?.seq ?? Infinity);
    res.json({ outcomes: outcomes.filter((outcome) => seqOf(outcome) > after).slice(0, limit) });
  });
  app.use('/graphql', express.json(), expressMiddleware(server, { context: async ({ res }) => ({ claims: res.locals.claims as GatewayClaims }) }));

  const httpServer = http.createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  let seq = 0;
  let outcomeSeq = 0;

  return {
    url,
    addUpdate(update) {
      seq++;
      updates.push({ ...update, seq, at: new Date().toISOString() });
      return String(seq);
    },
    addOutcome(outcome) {
      outcomeSeq = outcome.seq ?? outcomeSeq + 1;
      const decided = { ...outcome, seq: outcomeSeq };
      outcomes.push(decided);
      return decided;
    },
    addRawOutcome(value) {
      outcomes.push(value);
    },
    reset() {
      updates.length = 0;
      outcomes.length = 0;
      seq = 0;
      outcomeSeq = 0;
    },
    setFailing(value) {
      failing = value;
    },
    requests: (path) => counts.get(path) ?? 0,
    claims: (path) => received.get(path) ?? [],
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await server.stop();
    },
  };
}
