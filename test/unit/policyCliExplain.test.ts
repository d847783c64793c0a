import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../cli/parseOptions';
import { policyCommand } from '../../cli/policy/policyCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { parseReaderSpec, ReaderSpecError } from '../../policies';

/** `govgraph policy explain` over the shipped policies and supergraph; queries are files in a temp directory. */
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-explain-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function queryFile(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function run(...args: string[]) {
  const io = bufferedIo(dir);
  let code: number;
  try {
    code = await policyCommand(['explain', ...args], io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    code = 2;
  }
  return { code, out: io.stdout(), err: io.stderr() };
}

const REVIEW = `query Review($id: ID!, $brief: Boolean!) {
  person(idNumber: $id) {
    ...Who
    householdAddress
    phone @skip(if: $brief)
    ethnicity
    licenses { holder { ... on Enterprise { name registeredCapital } } }
  }
}
fragment Who on Person { idNumber name }
`;

const REVIEWER = 'roles=reviewer;dept=market;clearance=3';

describe('policy explain', () => {
  it('a reviewer with purpose application-review → one line per coordinate with decision, rule, cache hint and reason', async () => {
    const { code, out } = await run(
      '--as',
      REVIEWER,
      '--purpose',
      'application-review',
      '--query',
      queryFile('review.graphql', REVIEW),
      '--variables',
      '{"id": "1", "brief": true}',
    );
    expect(code).toBe(0);
    expect(out).toBe(`reader     reviewer of market, clearance 3 · purpose application-review
operation  query Review

COORDINATE                    DECISION               RULE                 CACHE  WHY
Query.person                  ALLOW                  population.yaml:129  none   reviewer of market with purpose application-review: allowed by population.yaml:129
Person.idNumber               MASK(idNumber)         population.yaml:37   1m     reviewer of market with purpose application-review: masked (idNumber) by population.yaml:37; own record: allowed by population.yaml:34
Person.name                   ALLOW                  population.yaml:53   1m     reviewer of market with purpose application-review: allowed by population.yaml:53; own record: allowed by population.yaml:50
Person.householdAddress       ALLOW                  population.yaml:91   1m     reviewer of market with purpose application-review: allowed by population.yaml:91; own record: allowed by population.yaml:88
Person.ethnicity              ALLOW own record only  population.yaml:80   none   reviewer of market with purpose application-review: denied: no grant of Person.ethnicity (population.yaml:73) matches; own record: allowed by population.yaml:80
Person.licenses               ALLOW                  licenses.yaml:111    1m     reviewer of market with purpose application-review: allowed by licenses.yaml:111; own record: allowed by licenses.yaml:110
License.holder                ALLOW                  licenses.yaml:61     1m     reviewer of market with purpose application-review: allowed by licenses.yaml:61; own record: allowed by licenses.yaml:60
Enterprise.name               ALLOW                  market.yaml:22       1m     reviewer of market with purpose application-review: allowed by market.yaml:22
Enterprise.registeredCapital  ALLOW                  market.yaml:40       1m     reviewer of market with purpose application-review: allowed by market.yaml:40

9 fields: 7 allowed, 1 masked, 1 own record only, 0 denied.
Own-record fields are shown on the reader's own records only; on anyone else's, null with FORBIDDEN: Person.ethnicity.`);
  });

  it('a @skip variable set to false → the skipped field is decided too', async () => {
    const { out } = await run('--as', REVIEWER, '--query', queryFile('review.graphql', REVIEW), '--variables', '{"id": "1", "brief": false}');
    expect(out).toMatch(/^Person\.phone +ALLOW own record only +population\.yaml:111 +none /m);
  });

  it('the same reviewer without a purpose → the household address is theirs only', async () => {
    const { out } = await run('--as', REVIEWER, '--query', queryFile('review.graphql', REVIEW), '--variables', '{"id": "1", "brief": true}');
    expect(out).toMatch(/^Person\.householdAddress +ALLOW own record only +population\.yaml:88 +1m +reviewer of market: denied: no grant/m);
  });

  it('--as anonymous → only public fields allowed, the rest DENY', async () => {
    const { out } = await run('--as', 'anonymous', '--query', queryFile('review.graphql', REVIEW), '--variables', '{"id": "1", "brief": true}');
    expect(
      out
        .split('\n')
        .filter((line) => /^\S+\.\S+ +ALLOW /.test(line))
        .map((line) => line.split(' ')[0]),
    ).toEqual(['Enterprise.name']);
    expect(out).toContain('8 denied');
  });

  it("a citizen's key fields → ALLOW only where the value is their sub", async () => {
    const file = queryFile('application.graphql', 'query($a: ID!) { application(id: $a) { id applicant { idNumber } } }');
    const { out } = await run('--as', 'roles=citizen;sub=110105194912310021', '--query', file, '--variables', '{"a": "A-1"}');
    expect(out).toMatch(/^Person\.idNumber +ALLOW if it is the reader's sub /m);
    // Application.id is a key too, but citizens may read application numbers (licenses.yaml, services.yaml explain why).
    expect(out).toMatch(/^Application\.id +ALLOW +services\.yaml/m);
    expect(out).toContain('reader     citizen, clearance 1, sub 110105194912310021 · no purpose');
  });

  it('an unknown purpose → exit 2 listing the declared purposes', async () => {
    const { code, err } = await run('--as', REVIEWER, '--purpose', 'reveiw', '--query', queryFile('review.graphql', REVIEW));
    expect(code).toBe(2);
    expect(err).toBe(
      'policy explain: unknown purpose "reveiw"; the declared purposes are: application-review, service-acceptance, self-service, audit, statistics, license-verification, case-binding',
    );
  });

  it('a misspelt role in --as → exit 2 with a suggestion', async () => {
    const { code, err } = await run('--as', 'roles=reviwer;clearance=3', '--query', queryFile('review.graphql', REVIEW));
    expect(code).toBe(2);
    expect(err).toContain('unknown role "reviwer" (did you mean "reviewer"?)');
  });

  it('no --as → exit 2', async () => {
    expect((await run('--query', queryFile('review.graphql', REVIEW))).code).toBe(2);
  });

  it('a document with two operations and no --operation → exit 2 naming them', async () => {
    const { code, err } = await run('--as', 'anonymous', '--query', queryFile('two.graphql', 'query A { serviceItems { name } } query B { serviceItems { code } }'));
    expect(code).toBe(2);
    expect(err).toContain('the document has 2 operations (A, B): pass --operation NAME');
  });

  it('--operation B → only B is explained', async () => {
    const { out } = await run('--as', 'anonymous', '--operation', 'B', '--query', queryFile('two.graphql', 'query A { serviceItems { name } } query B { serviceItems { code } }'));
    expect(out).toContain('ServiceItem.code');
    expect(out).not.toContain('ServiceItem.name');
  });

  it('a field the schema does not have → exit 1 with the validation error at its line', async () => {
    const { code, err } = await run('--as', 'anonymous', '--query', queryFile('bad.graphql', '{\n  serviceItems { nmae }\n}'));
    expect(code).toBe(1);
    expect(err).toMatch(/bad\.graphql:2:18: Cannot query field "nmae" on type "ServiceItem"/);
  });
});

describe('npx govgraph policy explain', () => {
  it('an unknown purpose → the process exits 2', () => {
    const bin = path.resolve(__dirname, '../../bin/govgraph.js');
    const result = spawnSync(
      process.execPath,
      [bin, 'policy', 'explain', '--as', 'anonymous', '--purpose', 'nope', '--query', queryFile('items.graphql', '{ serviceItems { name } }')],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the declared purposes are: application-review');
  });
});

describe('--as', () => {
  const names = { roles: ['citizen', 'reviewer'], departments: ['market'] };

  it('roles, dept, clearance and sub → that identity', () => {
    expect(parseReaderSpec('roles=reviewer,citizen; dept=market; clearance=3; sub=s-1', names)).toEqual({
      sub: 's-1',
      roles: ['reviewer', 'citizen'],
      dept: 'market',
      clearance: 3,
    });
  });

  it('anonymous → no identity', () => {
    expect(parseReaderSpec('anonymous', names)).toBeNull();
  });

  it('clearance 5 → refused', () => {
    expect(() => parseReaderSpec('roles=reviewer;clearance=5', names)).toThrow(ReaderSpecError);
  });

  it('an unknown key → refused with a suggestion', () => {
    expect(() => parseReaderSpec('roles=reviewer;dpet=market', names)).toThrow('unknown key "dpet" (did you mean "dept"?)');
  });
});
