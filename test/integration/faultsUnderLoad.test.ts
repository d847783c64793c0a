import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Identity } from '../../policies';
import type { ServicesDatabase } from '../../subgraphs/services/database';
import { graphqlRequest } from '../support/graphqlRequest';
import { reportFigures, startLoad, type Load, type LoadOptions, type PhaseClock, type PhaseFigures } from '../support/loadPhases';
import { OFFICER, startStack, type Stack } from '../support/startStack';

/**
 * The services department stops and starts again (same port, same database) while the
 * gateway is under load (autocannon on loopback): reads of other departments, reads that
 * touch services, and submitApplication mutations, each carrying a unique marker. Phases:
 * before → stopping → down → restarting → back (until the first full answer) → recovered.
 * `FAULT_FIGURES=1` prints what each phase met.
 */
const TIMEOUT_MS = 3000;
const COOLDOWN_MS = 1000;
/** What recovery may take beyond the cool-down: the probe's round trip and a busy shared machine. */
const RECOVERY_MARGIN_MS = 1000;
const PHASE_MS = 1500;

const CASEWORKER: Identity = { sub: 'staff-services-0002', roles: ['caseworker'], dept: 'services', clearance: 2 };
/** population and market only. */
const OTHERS = 'query ($id: ID!) { person(idNumber: $id) { name enterprises { creditCode } } }';
/** population and services. */
const MIXED = 'query ($id: ID!) { person(idNumber: $id) { name applications { id } } }';
const SUBMIT = 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }';

interface Answer {
  data?: Record<string, any> | null;
  errors?: { extensions?: Record<string, unknown> }[];
}

function parsed(body: string): Answer {
  try {
    return JSON.parse(body) as Answer;
  } catch {
    return {};
  }
}

/** `ok`, or `services-missing:<reason>` when only the services fields are missing as they should be, or what else came. */
function mixedOutcome(status: number, body: string): string {
  const answer = parsed(body);
  if (status !== 200) return `http-${status}`;
  if (!answer.errors) return answer.data?.person?.applications ? 'ok' : 'no-data';
  const [error] = answer.errors;
  const onlyServicesMissing =
    answer.errors.length === 1 &&
    error.extensions?.code === 'SUBGRAPH_UNAVAILABLE' &&
    error.extensions.department === 'services' &&
    answer.data?.person?.name &&
    answer.data.person.applications === null;
  return onlyServicesMissing ? `services-missing:${String(error.extensions!.reason)}` : `other:${String(error.extensions?.code)}`;
}

function othersOutcome(status: number, body: string): string {
  const answer = parsed(body);
  if (status !== 200) return `http-${status}`;
  if (answer.errors) return `error:${String(answer.errors[0].extensions?.code)}`;
  return answer.data?.person?.name && Array.isArray(answer.data.person.enterprises) ? 'ok' : 'no-data';
}

describe('a department stopped and started again under load', () => {
  let stack: Stack;
  const phases: PhaseClock = { current: 'before' };
  let figures: Record<'others' | 'mixed' | 'submit', Record<string, PhaseFigures>>;
  let recoveryMs: number;
  /** Marker → the application id the gateway acknowledged. */
  const acknowledged = new Map<string, string>();
  const sent = new Set<string>();
  let written: { marker: string; id: string }[];

  beforeAll(async () => {
    stack = await startStack({ scale: 0.05, gatewayConfig: { subgraphs: { timeoutMs: TIMEOUT_MS, breaker: { failureThreshold: 3, cooldownMs: COOLDOWN_MS } } } });
    const people = await stack.request('{ people(first: 1) { edges { node { idNumber } } } }', {}, { as: OFFICER });
    const person = people.body.data.people.edges[0].node.idNumber as string;
    const run = randomBytes(4).toString('hex');
    let next = 0;
    const load = async (as: Identity, settings: Pick<LoadOptions, 'connections' | 'bodyOf' | 'outcomeOf'>, purpose?: string): Promise<Load> =>
      startLoad({ url: stack.gateway.url, phases, headers: { authorization: `Bearer ${await stack.tokenFor(as)}`, ...(purpose && { 'x-purpose': purpose }) }, ...settings });
    const loads = {
      others: await load(OFFICER, { connections: 2, bodyOf: () => JSON.stringify({ query: OTHERS, variables: { id: person } }), outcomeOf: othersOutcome }),
      mixed: await load(OFFICER, { connections: 2, bodyOf: () => JSON.stringify({ query: MIXED, variables: { id: person } }), outcomeOf: mixedOutcome }),
      submit: await load(
        CASEWORKER,
        {
          connections: 2,
          bodyOf(context) {
            const marker = `fault-${run}-${next++}`;
            sent.add(marker);
            context.marker = marker;
            return JSON.stringify({ query: SUBMIT, variables: { input: { itemCode: 'SI-0001', applicantIdNumber: person, comment: marker } } });
          },
          outcomeOf(status, body, context) {
            const answer = parsed(body);
            const id = answer.data?.submitApplication?.id;
            if (status === 200 && typeof id === 'string' && !answer.errors) {
              acknowledged.set(context.marker as string, id);
              return 'acknowledged';
            }
            return String(answer.errors?.[0]?.extensions?.code ?? `http-${status}`);
          },
        },
        'service-acceptance',
      ),
    };
    // A loaded machine may take a while to answer the first mutation (cold plans): the phase lasts until one is acknowledged.
    const started = performance.now();
    while (acknowledged.size === 0 && performance.now() - started < 15_000) await sleep(20);
    await sleep(PHASE_MS);
    phases.current = 'stopping';
    await stack.stopSubgraph('services');
    phases.current = 'down';
    await sleep(PHASE_MS);
    phases.current = 'restarting';
    await stack.restartSubgraph('services');
    const back = performance.now();
    phases.current = 'back';
    while (mixedOutcome(...(await rawRequest(MIXED, { id: person }))) !== 'ok' && performance.now() - back < 10_000) await sleep(20);
    recoveryMs = Math.round(performance.now() - back);
    phases.current = 'recovered';
    await sleep(PHASE_MS);
    figures = { others: await loads.others.stop(), mixed: await loads.mixed.stop(), submit: await loads.submit.stop() };
    // Requests abandoned by the load still run to their end: read the database once they have, so a late second write would show.
    await servicesIdle();
    const db = stack.subgraphs.services.database.db as Kysely<ServicesDatabase>;
    const rows = await db.selectFrom('application_events').select(['application_id', 'comment']).where('stage', '=', 'SUBMIT').where('comment', 'like', `fault-${run}-%`).execute();
    written = rows.map((row) => ({ marker: row.comment!, id: row.application_id }));
    reportFigures('department stopped and started', figures, { recoveryMs, sent: sent.size, acknowledged: acknowledged.size, written: written.length });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** Waits until the services department has no request running or waiting (its /health), twice in a row. */
  async function servicesIdle(): Promise<void> {
    const health = `${new URL(stack.subgraphs.services.url).origin}/health`;
    const idle = async () => {
      const { requests } = (await (await fetch(health)).json()) as { requests: { active: number; queued: number } };
      return requests.active === 0 && requests.queued === 0;
    };
    for (let quiet = 0; quiet < 2; quiet = (await idle()) ? quiet + 1 : 0) await sleep(100);
  }

  async function rawRequest(query: string, variables: Record<string, unknown>): Promise<[number, string]> {
    const { status, body } = await graphqlRequest(stack.gateway.url, query, variables, { authorization: `Bearer ${await stack.tokenFor(OFFICER)}` });
    return [status, JSON.stringify(body)];
  }

  /** Every outcome met in the phases given (all of them by default, requests that spanned a change of phase included). */
  const outcomesIn = (of: Record<string, PhaseFigures>, phase?: string): string[] =>
    [...new Set(Object.entries(of).flatMap(([key, f]) => (phase === undefined || key === phase ? Object.keys(f.outcomes) : [])))].sort();

  it('queries of the other departments → every one 200 with its data, in every phase', () => {
    const sentIn = (phase: string) => figures.others[phase]?.requests > 0;
    expect({ outcomes: outcomesIn(figures.others), sent: ['before', 'down', 'recovered'].every(sentIn) }).toEqual({ outcomes: ['ok'], sent: true });
  });

  it('queries touching services while it is down → its fields null with SUBGRAPH_UNAVAILABLE naming it, the rest served', () => {
    const down = outcomesIn(figures.mixed, 'down');
    expect(down.length > 0 && down.every((outcome) => outcome.startsWith('services-missing:'))).toBe(true);
  });

  it('while services is down → its breaker skips it (circuit-open) instead of calling it for every request', () => {
    expect(figures.mixed.down.outcomes['services-missing:circuit-open']).toBeGreaterThan(0);
  });

  it('queries touching services → only full answers or its fields missing, never another error or no answer', () => {
    expect(outcomesIn(figures.mixed).filter((outcome) => outcome !== 'ok' && !outcome.startsWith('services-missing:'))).toEqual([]);
  });

  it('services back → the first full answer within the cool-down (plus a margin)', () => {
    expect(recoveryMs).toBeLessThanOrEqual(COOLDOWN_MS + RECOVERY_MARGIN_MS);
  });

  it('after the first full answer → every query touching services answered in full', () => {
    expect(outcomesIn(figures.mixed, 'recovered')).toEqual(['ok']);
  });

  it('mutations → acknowledged before and after the outage, refused with SUBGRAPH_UNAVAILABLE while down', () => {
    expect(['before', 'down', 'recovered'].map((phase) => outcomesIn(figures.submit, phase))).toEqual([['acknowledged'], ['SUBGRAPH_UNAVAILABLE'], ['acknowledged']]);
  });

  it('mutations in flight as services stopped or started → acknowledged or SUBGRAPH_UNAVAILABLE, never another error or no answer', () => {
    expect(outcomesIn(figures.submit).filter((outcome) => outcome !== 'acknowledged' && outcome !== 'SUBGRAPH_UNAVAILABLE')).toEqual([]);
  });

  it('every mutation the gateway acknowledged → in the database exactly once, under the id it acknowledged', () => {
    const byMarker = new Map<string, string[]>();
    for (const { marker, id } of written) byMarker.set(marker, [...(byMarker.get(marker) ?? []), id]);
    const wrong = [...acknowledged].filter(([marker, id]) => JSON.stringify(byMarker.get(marker)) !== JSON.stringify([id]));
    expect({ acknowledged: acknowledged.size > 0, wrong }).toEqual({ acknowledged: true, wrong: [] });
  });

  it('no mutation → written twice, nor written without having been sent', () => {
    const markers = written.map((row) => row.marker);
    expect({ duplicates: markers.filter((marker, i) => markers.indexOf(marker) !== i), unsent: markers.filter((marker) => !sent.has(marker)) }).toEqual({
      duplicates: [],
      unsent: [],
    });
  });

  it('after the run → the gateway still up: /health answers 200 with services up and its breaker closed', async () => {
    const health = await fetch(`${new URL(stack.gateway.url).origin}/health`);
    const body = (await health.json()) as { subgraphs: Record<string, string>; departments: Record<string, { breaker: string }> };
    expect([health.status, body.subgraphs.services, body.departments.services.breaker]).toEqual([200, 'up', 'closed']);
  });
});
