import fs from 'node:fs';
import path from 'node:path';
import { loadOrCreateGrantSigningKey } from '../../policies/grants';
import { PROJECT_ROOT } from '../../schema/composition/composeSupergraph';
import { keysDir, loadOrCreateGatewayKeys, signGatewayToken } from '../../schema/contracts/gatewayToken';
import { legacyInsuredRows } from '../../subgraphs/hrss/standInSystem';
import { freePort } from '../support/freePort';
import { loadRun, type Load } from './loadRun';
import { median } from './median';
import { processCpuSeconds } from './processCpuSeconds';
import { startListening, type ListeningProcess } from './startListening';

export interface ExchangeBenchInput {
  scale: number;
  rounds: number;
  load: Load;
}

export interface ExchangeBenchResult {
  /** Per round: the declared adapter's throughput / the hand-written department's. */
  ratio: { median: number; rounds: number[] };
  rows: string[][];
  summary: string[][];
}

/** Whom the lookups are for: a reviewer reviewing an application may read every field of the record. */
const READER = { sub: 'bench-reviewer', roles: ['reviewer'], dept: 'services', clearance: 3 };
const PURPOSE = 'application-review';
/** A person lookup as the gateway sends it to the department. */
const LOOKUP = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { socialInsurance { status insuredSince contributionBase insuringCity { code name } } }
  }
}`;

type Target = 'declared' | 'hand-written';

/**
 * The `exchange` section: a person lookup served by the declared hrss department (the sql
 * adapter over the legacy SQLite file its `default:` names) and by a hand-written kit department
 * over the same rows (`handWrittenHrss.ts`), each in a process of its own as `govgraph start`
 * runs them, straight at the department with a gateway token, in alternating rounds. Both
 * enforce the same policies and log the same disclosures; only how the records are read differs.
 */
export async function benchExchange(input: ExchangeBenchInput): Promise<ExchangeBenchResult> {
  const root = path.join(PROJECT_ROOT, '.data', `bench-exchange-scale-${input.scale}`);
  const dirs: Record<Target, string> = { declared: path.join(root, 'declared'), 'hand-written': path.join(root, 'hand-written') };
  // One gateway key pair for both, as one gateway would call either.
  const keys = await loadOrCreateGatewayKeys({ dir: keysDir(dirs.declared), create: true });
  // And the catalog's grant key, which every department must have to verify grants (none are published here).
  loadOrCreateGrantSigningKey({ dir: keysDir(dirs.declared), env: {}, create: true });
  fs.mkdirSync(path.dirname(keysDir(dirs['hand-written'])), { recursive: true });
  fs.cpSync(keysDir(dirs.declared), keysDir(dirs['hand-written']), { recursive: true });
  const { HRSS_DATABASE_URL: _source, DATABASE_URL: _own, REDIS_URL: _redis, ...inherited } = process.env;
  const entries: Record<Target, string> = { declared: path.join('subgraphs', 'hrss', 'server.ts'), 'hand-written': path.join('test', 'bench', 'handWrittenHrssServer.ts') };
  console.log(`starting the declared and the hand-written hrss departments (the first run at this scale seeds ${root})…`);
  const departments = {} as Record<Target, ListeningProcess<string>>;
  try {
    for (const target of ['declared', 'hand-written'] as const) {
      const port = await freePort();
      const env = { ...inherited, GOVGRAPH_DATA_DIR: dirs[target], GOVGRAPH_LOG_LEVEL: 'error', GOVGRAPH_SCALE: String(input.scale), GOVGRAPH_SEED: '1', HRSS_PORT: String(port) };
      departments[target] = await startListening(
        `hrss (${target})`,
        ['--require', 'tsx/cjs', path.join(PROJECT_ROOT, entries[target])],
        env,
        (output) => (/hrss\s+http:\/\/\S+\/graphql/.test(output) ? `http://127.0.0.1:${port}/graphql` : null),
        600_000,
      );
    }
    const person = legacyInsuredRows({ seed: 1, scale: input.scale }).find((row) => row.AAC008 === '1' && row.AAB301.length === 6);
    if (!person) throw new Error('exchange: the stand-in holds no insured person with mapped codes');
    const body = JSON.stringify({ query: LOOKUP, variables: { representations: [{ __typename: 'Person', idNumber: person.AAC002 }] } });
    const token = await signGatewayToken(keys, 'hrss', { identity: READER, purpose: PURPOSE, requestId: 'bench-exchange', caseId: null }, 3600);
    const headers = { authorization: `Bearer ${token}` };
    // Warmed up first (JIT, SQLite's page cache, the first DataLoader batches), and not counted.
    for (const target of ['declared', 'hand-written'] as const)
      await loadRun(departments[target].ready, body, headers, { ...input.load, duration: 2, tally: { responses: 0, runs: 0 } }, `person lookup, ${target} (warm-up)`);
    const rates: Record<Target, number[]> = { declared: [], 'hand-written': [] };
    const cpu: Record<Target, number[]> = { declared: [], 'hand-written': [] };
    const rows: string[][] = [];
    const answers = new Map<Target, string>();
    for (let round = 0; round < input.rounds; round++) {
      const order: Target[] = round % 2 === 0 ? ['declared', 'hand-written'] : ['hand-written', 'declared'];
      for (const target of order) {
        const department = departments[target];
        const before = processCpuSeconds(department.pid);
        const result = await loadRun(department.ready, body, headers, input.load, `person lookup, ${target} (round ${round + 1})`);
        const after = processCpuSeconds(department.pid);
        const cpuMs = before !== null && after !== null ? ((after - before) * 1000) / (result.requests + 1) : null;
        answers.set(target, result.answer);
        rates[target].push(result.rate);
        if (cpuMs !== null) cpu[target].push(cpuMs);
        rows.push(['person lookup', target, String(round + 1), result.rate.toFixed(0), String(result.p50), String(result.p99), cpuMs === null ? '-' : cpuMs.toFixed(2)]);
      }
    }
    // Two departments that answer differently are not compared.
    if (answers.get('declared') !== answers.get('hand-written'))
      throw new Error(`exchange: the declared and the hand-written departments answer differently:\n  ${answers.get('declared')}\n  ${answers.get('hand-written')}`);
    const ratios = rates.declared.map((rate, i) => rate / rates['hand-written'][i]);
    const summary = [
      [
        'person lookup',
        'declared sql adapter / hand-written kit department',
        median(ratios).toFixed(2),
        `the same rows, policies and disclosure log; department CPU per lookup ${cpu.declared.length ? median(cpu.declared).toFixed(2) : '-'} ms declared, ${cpu['hand-written'].length ? median(cpu['hand-written']).toFixed(2) : '-'} ms hand-written`,
      ],
    ];
    return { ratio: { median: median(ratios), rounds: ratios }, rows, summary };
  } finally {
    await Promise.all(Object.values(departments).map((department) => department.stop()));
  }
}
