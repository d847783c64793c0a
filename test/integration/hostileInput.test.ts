import v8 from 'node:v8';
import vm from 'node:vm';
import { ERROR_CODES } from '../../schema/contracts/errorCodes';
import { CASEWORKER, caseworkersDeepQuery, hostileCases, requestBytes, type GatewayMode, type HostileCase, type HostileRequest } from '../support/hostileCases';
import { rawHttpRequest, type RawHttpResponse } from '../support/rawHttpRequest';
import { OFFICER, startStack, type ExtraGateway, type Stack, KIT_DEPARTMENTS } from '../support/startStack';

/**
 * Issue 9's hostile-input suite: every malformed or abusive request of the table
 * (`test/support/hostileCases.ts`), against the real departments and policies, gets its 4xx
 * and registered code in under 100 ms, from a development gateway and (a share of them) a
 * production one; the
 * process stays up, its heap returns near where it was, and valid requests between and
 * after the cases are served.
 */

// A forced collection without starting jest with --expose-gc: the flag is set at run time, and `gc` taken from a fresh context.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/**
 * The bound issue 9 sets for a refusal, measured from the client (connection, request, answer)
 * in wall-clock time, and in this process's CPU time (gateway, departments and client all run
 * here). On two cores shared with other work the wall clock also counts the time the process
 * waited for a core: a refusal is within the bound when either is under it. A case over it is
 * sent again, up to twice (a collection, or the static checks running beside the suite, can fall in
 * any request), and the last answer must be within it: a refusal that is slow by its nature is slow
 * three times. The log names every case that needed either.
 */
const REFUSAL_MS = 100;

interface Timed {
  response: RawHttpResponse;
  cpuMs: number;
}

async function timed(request: () => Promise<RawHttpResponse>): Promise<Timed> {
  const cpu = process.cpuUsage();
  const response = await request();
  const { user, system } = process.cpuUsage(cpu);
  return { response, cpuMs: (user + system) / 1000 };
}

const withinBound = ({ response, cpuMs }: Timed): boolean => response.ms < REFUSAL_MS || cpuMs < REFUSAL_MS;
const described = ({ response, cpuMs }: Timed): string => `${response.ms.toFixed(0)} ms, cpu ${cpuMs.toFixed(0)} ms`;
const MB = 2 ** 20;
/** How far the heap may stay above its baseline once every case is answered: Apollo's document store and the gateway's plan cache keep recent documents (each bounded, about 30 MB). */
const HEAP_TOLERANCE_BYTES = 32 * MB;
/** How much a second round of requests already seen may add: nothing is kept per request. */
const LEAK_TOLERANCE_BYTES = 4 * MB;
const VALID = '{ serviceItems { code name } }';

interface Row extends HostileCase {
  mode: GatewayMode;
  title: string;
}

/** Production answers with the same codes: it gets the cases that call for it (introspection) and every fourth other one, so that each family is seen there too. */
const modesOf = (hostile: HostileCase, index: number): readonly GatewayMode[] => hostile.modes ?? (index % 4 === 0 ? ['development', 'production'] : ['development']);

const ROWS: Row[] = hostileCases().flatMap((hostile, index) =>
  modesOf(hostile, index).map((mode) => ({
    ...hostile,
    mode,
    title: `${mode === 'production' ? '[production] ' : ''}${hostile.name} → ${hostile.status} ${hostile.code}`,
  })),
);
/** A valid request to each gateway after every chunk of this many cases. */
const CHUNK = 40;

interface ResponseBody {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

function bodyOf(response: RawHttpResponse): ResponseBody {
  try {
    return JSON.parse(response.body) as ResponseBody;
  } catch {
    return {};
  }
}

const errorsOf = (response: RawHttpResponse) => bodyOf(response).errors;

describe('hostile input against the real stack', () => {
  let stack: Stack;
  let production: ExtraGateway;
  let heapBaseline = 0;
  const slowest = { ms: 0, title: '' };
  const sentTwice: string[] = [];
  const waitedForCore: string[] = [];
  const tokens = new Map<string, string>();

  const portOf = (mode: GatewayMode) => (mode === 'production' ? production.gateway.port : stack.gateway.port);

  async function authorizationOf(request: HostileRequest): Promise<[string, string][]> {
    const recipe = request.token;
    if (!recipe) return [];
    if ('forge' in recipe) return [['Authorization', `Bearer ${await recipe.forge(stack.tokenSecret)}`]];
    const token = tokens.get(recipe.as.sub) ?? (await stack.tokenFor(recipe.as));
    tokens.set(recipe.as.sub, token);
    return [['Authorization', `Bearer ${token}`], ...(recipe.purpose ? ([['X-Purpose', recipe.purpose]] as [string, string][]) : [])];
  }

  async function send(row: Row): Promise<RawHttpResponse> {
    return rawHttpRequest(portOf(row.mode), requestBytes(row.request, await authorizationOf(row.request)));
  }

  async function expectServed(mode: GatewayMode): Promise<void> {
    const { status, body } = await (mode === 'production' ? production.request(VALID) : stack.request(VALID));
    expect({ status, errors: body.errors, items: body.data?.serviceItems.length > 0 }).toEqual({ status: 200, errors: undefined, items: true });
  }

  beforeAll(async () => {
    stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.05 });
    production = await stack.addGateway({ mode: 'production' });
    // Warm both gateways up (plans, JIT, connections to the departments), so that the baseline is the running state.
    for (let i = 0; i < 5; i++) await Promise.all([expectServed('development'), expectServed('production')]);
    await stack.request(caseworkersDeepQuery(12), {}, { as: CASEWORKER, purpose: 'service-acceptance' });
    collectGarbage();
    heapBaseline = process.memoryUsage().heapUsed;
  });

  afterAll(async () => {
    // The figures the issue asks for, in the test log.
    console.log(
      `hostile input: ${ROWS.length} requests (${new Set(ROWS.map((row) => row.name)).size} cases); slowest ${slowest.ms.toFixed(1)} ms: ${slowest.title}; ` +
        `over ${REFUSAL_MS} ms on the first try and sent again: ${sentTwice.join('; ') || 'none'}; ` +
        `over ${REFUSAL_MS} ms on the wall clock only (waiting for a core): ${waitedForCore.join('; ') || 'none'}`,
    );
    await stack?.close();
  });

  for (let start = 0; start < ROWS.length; start += CHUNK) {
    const chunk = ROWS.slice(start, start + CHUNK);
    describe(`cases ${start + 1}–${start + chunk.length}`, () => {
      it.each(chunk)('$title', async (row) => {
        let attempt = await timed(() => send(row));
        if (attempt.response.ms > slowest.ms) Object.assign(slowest, { ms: attempt.response.ms, title: row.title });
        // Up to two more tries: a collection or another suite's work can fall in one, rarely in three.
        for (let retry = 0; retry < 2 && !withinBound(attempt); retry++) {
          sentTwice.push(`${row.title} (${described(attempt)})`);
          attempt = await timed(() => send(row));
        }
        if (attempt.response.ms >= REFUSAL_MS && withinBound(attempt)) waitedForCore.push(`${row.title} (${described(attempt)})`);
        const { response } = attempt;
        const { data, errors } = bodyOf(response);
        const [first] = errors ?? [];
        expect({
          status: response.status,
          dataServed: data !== undefined && data !== null,
          code: first?.extensions?.code,
          extensions: first?.extensions,
          everyCodeRegistered: (errors ?? []).every((error) => String(error.extensions?.code) in ERROR_CODES),
          stackTraces: (errors ?? []).filter((error) => error.extensions?.stacktrace).length,
          echoed: row.notEchoed !== undefined && response.body.includes(row.notEchoed),
          withinBound: withinBound(attempt) || described(attempt),
        }).toEqual({
          status: row.status,
          dataServed: false,
          code: row.code,
          extensions: expect.objectContaining(row.extensions ?? {}),
          everyCodeRegistered: true,
          stackTraces: 0,
          echoed: false,
          withinBound: true,
        });
      });

      it('then a valid request to each gateway → served', async () => {
        await expectServed('development');
        await expectServed('production');
      });
    });
  }

  it('after every case, the heap after a full collection → within 32 MB of its baseline (the bounded caches)', () => {
    collectGarbage();
    const grown = process.memoryUsage().heapUsed - heapBaseline;
    console.log(
      `hostile input: heap ${(heapBaseline / MB).toFixed(1)} MB before the cases, ${((heapBaseline + grown) / MB).toFixed(1)} MB after (${(grown / MB).toFixed(1)} MB); rss ${(process.memoryUsage().rss / MB).toFixed(0)} MB`,
    );
    expect(grown).toBeLessThan(HEAP_TOLERANCE_BYTES);
  });

  it('the same hostile requests twice more → the heap does not grow between the rounds (nothing kept per request)', async () => {
    const sample = ROWS.filter((_, i) => i % 8 === 0);
    const heapAfterRound = async () => {
      for (const row of sample) await send(row);
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const first = await heapAfterRound();
    const second = await heapAfterRound();
    console.log(`hostile input: ${sample.length} requests again, twice: heap ${(first / MB).toFixed(1)} MB, then ${(second / MB).toFixed(1)} MB`);
    expect(second - first).toBeLessThan(LEAK_TOLERANCE_BYTES);
  });

  it('after every case, every department still answers through the gateway', async () => {
    const query =
      '{ people(first: 2) { edges { node { name applications { id } } } } enterprises(first: 2) { edges { node { name } } } licenses(first: 2) { totalCount } serviceItems { code } }';
    const { status, body } = await stack.request(query, {}, { as: OFFICER, purpose: 'audit' });
    expect({
      status,
      errors: body.errors,
      people: body.data?.people.edges.length,
      enterprises: body.data?.enterprises.edges.length,
      items: body.data?.serviceItems.length > 0,
    }).toEqual({
      status: 200,
      errors: undefined,
      people: 2,
      enterprises: 2,
      items: true,
    });
  });

  describe('with rate limits on', () => {
    /** 10 requests per window for each anonymous address and each identity; client addresses from X-Forwarded-For (loopback trusted). */
    let limited: ExtraGateway;
    const BUDGET = 10;

    beforeAll(async () => {
      limited = await stack.addGateway({ trustProxy: 'loopback', rateLimits: { perAnonymousAddress: BUDGET, perIdentity: BUDGET, windowSeconds: 60 } });
    });

    async function flood(requests: HostileRequest[], from: string) {
      const answers = [];
      for (const request of requests) {
        const headers: [string, string][] = [['X-Forwarded-For', from], ...(await authorizationOf(request))];
        const attempt = await timed(() => rawHttpRequest(limited.gateway.port, requestBytes(request, headers)));
        const { response } = attempt;
        answers.push({
          status: response.status,
          code: errorsOf(response)?.[0]?.extensions?.code,
          retryAfter: response.headers['retry-after'],
          fast: withinBound(attempt) || described(attempt),
        });
      }
      return answers;
    }

    const hostile = (query: string): HostileRequest => ({ body: JSON.stringify({ query }) });
    const overBudget = { status: 429, code: 'RATE_LIMITED', retryAfter: expect.stringMatching(/^\d+$/), fast: true };

    it('an anonymous flood of 30 abusive operations from one address → its own refusals for the first 10, then 429 RATE_LIMITED with Retry-After', async () => {
      const shapes = [hostile('{ a'), hostile(`{ ${'__typename '.repeat(50)}}`), hostile(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ')} }`)];
      const answers = await flood(
        Array.from({ length: 30 }, (_, i) => shapes[i % 3]),
        '198.51.100.7',
      );
      expect(answers.slice(BUDGET)).toEqual(Array(30 - BUDGET).fill(overBudget));
    });

    it("abusive operations within an address's budget → each refused for what it is, 400", async () => {
      const answers = await flood([hostile('{ a'), hostile(`{ ${'__typename '.repeat(50)}}`)], '198.51.100.8');
      expect(answers.map(({ status, code }) => [status, code])).toEqual([
        [400, 'GRAPHQL_PARSE_FAILED'],
        [400, 'MAX_ROOT_FIELDS_EXCEEDED'],
      ]);
    });

    it('a flood of forged tokens from one address → 401 for its 10, then 429 RATE_LIMITED', async () => {
      const forged: HostileRequest = { body: JSON.stringify({ query: VALID }), headers: [['Authorization', 'Bearer a.b.c']] };
      const answers = await flood(Array(25).fill(forged), '198.51.100.9');
      expect(answers.map(({ status }) => status)).toEqual([...Array(BUDGET).fill(401), ...Array(25 - BUDGET).fill(429)]);
    });

    it("a caseworker's flood of the deep query → 400 for their 10, then 429 RATE_LIMITED on their identity", async () => {
      const deep: HostileRequest = {
        body: JSON.stringify({ query: caseworkersDeepQuery(12) }),
        token: { as: { ...CASEWORKER, sub: 'caseworker-flood' }, purpose: 'service-acceptance' },
      };
      const answers = await flood(Array(20).fill(deep), '198.51.100.10');
      expect(answers.map(({ status, code }) => `${status} ${code}`)).toEqual([...Array(BUDGET).fill('400 MAX_DEPTH_EXCEEDED'), ...Array(20 - BUDGET).fill('429 RATE_LIMITED')]);
    });

    it('after the floods, a valid request from another address → served', async () => {
      const [answer] = await flood([{ body: JSON.stringify({ query: VALID }) }], '198.51.100.11');
      expect([answer.status, answer.code]).toEqual([200, undefined]);
    });
  });
});
