import fs from 'node:fs';
import { nonNullDenials, POLICIES_DIR } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';

/**
 * `policy check` asks that a field the policies deny to some readers be nullable: a denied
 * non-null field nulls the record holding it, and the reader loses what they may see.
 */
const SUPERGRAPH = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');

function withField(from: string, to: string): string {
  if (!SUPERGRAPH.includes(from)) throw new Error(`the supergraph has no "${from}"`);
  return SUPERGRAPH.replace(from, to);
}

describe('non-null fields the policies deny', () => {
  it('the shipped schema and policies → none', () => {
    expect(nonNullDenials({ dir: POLICIES_DIR, supergraphSdl: SUPERGRAPH })).toEqual([]);
  });

  it('a field some readers of its type are denied, made non-null → reported at its rule, naming such a reader and the SDL to change', () => {
    const problems = nonNullDenials({ dir: POLICIES_DIR, supergraphSdl: withField('householdAddress: String', 'householdAddress: String!') });
    expect(problems).toEqual([
      {
        file: 'population.yaml',
        line: expect.any(Number),
        message: expect.stringMatching(
          /^Person\.householdAddress is non-null in the schema, but the policies deny it to readers who read other Person fields \(e\.g\. role \w+, .*\): a denial would null the whole Person for them\. Make it nullable in the population SDL\.$/,
        ),
      },
    ]);
  });

  it('a root field anonymous readers are denied, made non-null → reported as nulling the whole response', () => {
    const problems = nonNullDenials({
      dir: POLICIES_DIR,
      supergraphSdl: withField(
        'people(first: Int = 20, after: String, nameContains: String): PersonConnection',
        'people(first: Int = 20, after: String, nameContains: String): PersonConnection!',
      ),
    });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Query\.people is non-null .* \(e\.g\. anonymous\): a denial would null the whole response for them\./),
    ]);
  });
});
