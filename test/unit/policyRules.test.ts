import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PolicyProblem } from '../../policies';
import { parsePolicyFile } from '../../policies/engine/parsePolicyFile';
import type { PolicyRule } from '../../policies/engine/PolicyRule';
import { readSupergraph } from '../../policies/engine/readSupergraph';
import { policyRules } from '../../policies/engine/rules';
import { validatePolicies } from '../../policies/engine/validatePolicies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';

/**
 * The policy checks are one rule per file in policies/engine/rules/, run from the one list
 * `policyRules`: a rule file left out of the list would be a check that never runs.
 */
const RULES_DIR = path.resolve(__dirname, '../../policies/engine/rules');
const ruleFiles = fs.readdirSync(RULES_DIR).filter((file) => file.endsWith('.ts') && file !== 'index.ts');
const SUPERGRAPH = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');

const VOCABULARY = 'roles:\n  officer: Staff.\npurposes:\n  review: Reviewing.\ndepartments:\n  population: Registry.\n';

/** A rule that reports, at every department file, that it saw it. */
const probe =
  (label: string): PolicyRule =>
  ({ report }) => ({
    PolicyFile({ file }) {
      report(file.file, 1, `${label} saw ${file.file}`);
    },
  });

describe('policyRules', () => {
  it('the rules folder → holds rule files', () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
  });

  it.each(ruleFiles)('%s → exports one rule, named after the file, that policyRules runs', (file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file is found at run time
    const exported = require(path.join(RULES_DIR, file)) as Record<string, unknown>;
    const name = file.replace(/\.ts$/, '');
    expect(Object.keys(exported)).toEqual([name]);
    expect(typeof exported[name]).toBe('function');
    expect(policyRules).toContain(exported[name]);
  });

  it('policyRules → each rule of the folder once, and nothing else', () => {
    expect(new Set(policyRules).size).toBe(policyRules.length);
    expect(policyRules).toHaveLength(ruleFiles.length);
  });

  it('the checker given policyRules of one probe rule → only that rule reports', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-rules-'));
    fs.writeFileSync(path.join(dir, 'vocabulary.yaml'), VOCABULARY);
    fs.writeFileSync(path.join(dir, 'population.yaml'), 'department: population\ntypes: {}\n');
    let problems: PolicyProblem[] = [];
    try {
      jest.isolateModules(() => {
        jest.doMock('../../policies/engine/rules', () => ({ policyRules: [probe('probe')] }));
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded inside isolateModules, with the mocked rule list
        const { checkPolicies } = require('../../policies') as typeof import('../../policies');
        problems = checkPolicies({ dir, supergraphSdl: SUPERGRAPH });
      });
    } finally {
      jest.dontMock('../../policies/engine/rules');
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(problems).toEqual([{ file: 'population.yaml', line: 1, message: 'probe saw population.yaml' }]);
  });

  it('two rules reporting on one line → their problems in list order', () => {
    const input = {
      files: [parsePolicyFile('population.yaml', 'department: population\ntypes: {}\n').model],
      vocabulary: null,
      facts: readSupergraph(SUPERGRAPH),
      misnamed: [],
    };
    const messages = (rules: PolicyRule[]) => validatePolicies(input, rules).problems.map((p) => p.message);
    expect(messages([probe('first'), probe('second')])).toEqual(['first saw population.yaml', 'second saw population.yaml']);
    expect(messages([probe('second'), probe('first')])).toEqual(['second saw population.yaml', 'first saw population.yaml']);
  });
});
