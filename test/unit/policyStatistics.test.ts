import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkPolicies, combineStatistics, DEFAULT_STATISTICS, loadPolicySet, POLICIES_DIR } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';

const supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
const SHIPPED = 'statistics:\n  minGroupSize: 10\n';

/** The shipped policies, with population.yaml's `statistics:` section replaced by `section`. */
function policiesWith(section: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-statistics-policies-'));
  for (const file of fs.readdirSync(POLICIES_DIR).filter((f) => f.endsWith('.yaml'))) fs.copyFileSync(path.join(POLICIES_DIR, file), path.join(dir, file));
  const population = fs.readFileSync(path.join(dir, 'population.yaml'), 'utf8');
  if (!population.includes(SHIPPED)) throw new Error('population.yaml no longer ships its statistics section as this test expects');
  fs.writeFileSync(path.join(dir, 'population.yaml'), population.replace(SHIPPED, section));
  return dir;
}

const lineOf = (dir: string, text: string) =>
  fs
    .readFileSync(path.join(dir, 'population.yaml'), 'utf8')
    .split('\n')
    .findIndex((line) => line.trim() === text) + 1;

describe('statistics settings in the policy files', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const check = (section: string) => {
    const dir = policiesWith(section);
    dirs.push(dir);
    return { dir, problems: checkPolicies({ dir, supergraphSdl }) };
  };

  it('the shipped files → each department counts groups of at least 10, exactly', () => {
    const policies = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl });
    expect(['population', 'market', 'licenses', 'services'].map((d) => policies.statistics!(d))).toEqual(Array(4).fill({ minGroupSize: 10, noise: null, epsilonPerDay: null }));
  });

  it('noise with a budget → loaded as written', () => {
    const { dir, problems } = check('statistics:\n  minGroupSize: 20\n  noise:\n    mechanism: geometric\n    epsilon: 0.5\n  budget:\n    epsilonPerDay: 5\n');
    expect(problems).toEqual([]);
    expect(loadPolicySet({ dir, supergraphSdl }).statistics!('population')).toEqual({ minGroupSize: 20, noise: { mechanism: 'geometric', epsilon: 0.5 }, epsilonPerDay: 5 });
  });

  it('a department without a section → the built-in default', () => {
    expect(loadPolicySet({ dir: POLICIES_DIR, supergraphSdl }).statistics!('hrss')).toEqual(DEFAULT_STATISTICS);
  });

  it('minGroupSize not a whole number of at least 2 → a problem at its line', () => {
    const { dir, problems } = check('statistics:\n  minGroupSize: 1\n');
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'population.yaml',
        line: lineOf(dir, 'minGroupSize: 1'),
        message: expect.stringContaining('minGroupSize must be a whole number of at least 2'),
      }),
    ]);
  });

  it('an unknown mechanism → a problem at its line naming the mechanisms', () => {
    const { dir, problems } = check('statistics:\n  noise:\n    mechanism: laplace\n    epsilon: 0.5\n  budget:\n    epsilonPerDay: 5\n');
    expect(problems).toEqual([expect.objectContaining({ line: lineOf(dir, 'mechanism: laplace'), message: expect.stringContaining('mechanism must be one of geometric') })]);
  });

  it('epsilon 0 → a problem at its line', () => {
    const { dir, problems } = check('statistics:\n  noise:\n    mechanism: geometric\n    epsilon: 0\n  budget:\n    epsilonPerDay: 5\n');
    expect(problems).toEqual([expect.objectContaining({ line: lineOf(dir, 'epsilon: 0'), message: expect.stringContaining('epsilon must be a number greater than 0') })]);
  });

  it('noise without a budget → a problem: noise spends a budget', () => {
    const { dir, problems } = check('statistics:\n  noise:\n    mechanism: geometric\n    epsilon: 0.5\n');
    expect(problems).toEqual([expect.objectContaining({ line: lineOf(dir, 'noise:'), message: expect.stringContaining('noise spends a privacy budget') })]);
  });

  it('a daily budget smaller than one query → a problem: no query could be answered', () => {
    const { problems } = check('statistics:\n  noise:\n    mechanism: geometric\n    epsilon: 2\n  budget:\n    epsilonPerDay: 1\n');
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('no query could be answered')]);
  });

  it('a misspelt setting → a problem suggesting the right one', () => {
    const { problems } = check('statistics:\n  minGroupSise: 10\n');
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('minGroupSize')]);
  });
});

describe('combineStatistics', () => {
  it('departments combined → the largest minimum group size and the smallest epsilon per query and per day', () => {
    expect(
      combineStatistics([
        { minGroupSize: 10, noise: { mechanism: 'geometric', epsilon: 0.5 }, epsilonPerDay: 5 },
        { minGroupSize: 20, noise: null, epsilonPerDay: null },
        { minGroupSize: 15, noise: { mechanism: 'geometric', epsilon: 0.2 }, epsilonPerDay: 8 },
      ]),
    ).toEqual({ minGroupSize: 20, noise: { mechanism: 'geometric', epsilon: 0.2 }, epsilonPerDay: 5 });
  });

  it('no department asking for noise → exact counts', () => {
    expect(combineStatistics([DEFAULT_STATISTICS, { minGroupSize: 12, noise: null, epsilonPerDay: null }])).toEqual({ minGroupSize: 12, noise: null, epsilonPerDay: null });
  });
});
