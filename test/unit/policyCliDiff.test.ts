import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../cli/parseOptions';
import { policyCommand } from '../../cli/policy/policyCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import {
  allReaderClasses,
  collapseReaderClasses,
  describeReaderGroup,
  diffPolicies,
  loadPolicyFiles,
  loadPolicySet,
  POLICIES_DIR,
  readerOf,
  readPolicyDir,
  vocabularyNames,
  type Decider,
  type FieldDecision,
  type ReaderClass,
} from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';

/** Every kind of reader the shipped vocabulary names (roles × departments × clearances × purposes, and anonymous). */
const SHIPPED_CLASSES = (() => {
  const loaded = loadPolicyFiles(readPolicyDir(POLICIES_DIR), fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
  if (!loaded.vocabulary) throw new Error('the shipped policies do not load');
  return allReaderClasses(vocabularyNames(loaded.vocabulary)).length;
})();

/**
 * `govgraph policy diff` on temp copies of the shipped policies, each with a one-line
 * change, evaluated against the shipped supergraph.
 */
let work: string;

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-diff-'));
  fs.cpSync(POLICIES_DIR, path.join(work, 'old'), { recursive: true, filter: (source) => !/\/(engine|masks)$/.test(source) && !source.endsWith('.ts') && !source.endsWith('.md') });
  fs.cpSync(path.join(work, 'old'), path.join(work, 'new'), { recursive: true });
});

afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** Replaces the one line `from` (it must occur exactly once) in the new copy of `file`. */
function change(file: string, from: string, to: string, root = path.join(work, 'new')): void {
  const target = path.join(root, file);
  const lines = fs.readFileSync(target, 'utf8').split('\n');
  const at = lines.flatMap((line, i) => (line === from ? [i] : []));
  if (at.length !== 1) throw new Error(`${file}: "${from}" occurs ${at.length} times`);
  lines[at[0]] = to;
  fs.writeFileSync(target, lines.join('\n'));
}

async function run(args: string[], cwd = work) {
  const io = bufferedIo(cwd);
  let code: number;
  try {
    code = await policyCommand(['diff', ...args, '--supergraph', SUPERGRAPH_FILE], io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    code = 2;
  }
  return { code, out: io.stdout(), err: io.stderr() };
}

const SUBMIT = '          - roles: [citizen, caseworker]';
const PEOPLE = '          - roles: [caseworker, analyst]';
const NAME = '          - roles: [caseworker, reviewer]';

describe('policy diff between directories', () => {
  it('a role added to a grant → exit 3, the row shows the field gained', async () => {
    change('services.yaml', SUBMIT, '          - roles: [citizen, caseworker, auditor]');
    const { code, out } = await run(['old', 'new']);
    expect(code).toBe(3);
    expect(out).toBe(`policy diff old → new (${SHIPPED_CLASSES} reader classes)

READERS  CHANGE  FIELD
auditor  gained  Mutation.submitApplication

Access WIDENS for 1 reader group (a field gained, unmasked or masked differently): exit 3.`);
  });

  it('a role removed from a grant → exit 0, the field lost', async () => {
    change('population.yaml', PEOPLE, '          - roles: [caseworker]');
    const { code, out } = await run(['old', 'new']);
    expect(code).toBe(0);
    expect(out).toContain('analyst  lost    Query.people');
    expect(out).toContain('Access only narrows (1 reader group): exit 0.');
  });

  it('a mask added to a grant → exit 0, newly masked for each reader it covers', async () => {
    change('population.yaml', NAME, '          - { roles: [caseworker, reviewer], mask: name }');
    const { code, out } = await run(['old', 'new']);
    expect(code).toBe(0);
    expect(out).toContain(`READERS               CHANGE        FIELD
caseworker, reviewer  newly masked  Person.name (others' records; name)`);
  });

  it('a purpose and clearance condition changed → the reader groups are factored by clearance and purpose', async () => {
    change('population.yaml', '            clearance: 3', '            clearance: 2');
    const { out } = await run(['old', 'new']);
    expect(out).toContain(`reviewer · clearance 2 · purpose application-review  gained  Person.householdAddress (others' records)`);
  });

  it('--format md → a table with a column per kind of change', async () => {
    change('services.yaml', SUBMIT, '          - roles: [citizen, caseworker, auditor]');
    const { out } = await run(['old', 'new', '--format', 'md']);
    expect(out).toBe(`### Access changes: \`old\` → \`new\`

| readers | gained | lost | newly masked | newly unmasked |
| --- | --- | --- | --- | --- |
| auditor | Mutation.submitApplication | | | |

Access WIDENS for 1 reader group (a field gained, unmasked or masked differently): exit 3.`);
  });

  it('identical policies → exit 0, no change', async () => {
    const { code, out } = await run(['old', 'new']);
    expect(code).toBe(0);
    expect(out).toContain(`No change in access for any of the ${SHIPPED_CLASSES} reader classes: exit 0.`);
  });

  it('new policies with a misspelt role → exit 1 with their problems at file:line', async () => {
    change('services.yaml', SUBMIT, '          - roles: [citizen, caseworkr]');
    const { code, err } = await run(['old', 'new']);
    expect(code).toBe(1);
    const line = fs.readFileSync(path.join(POLICIES_DIR, 'services.yaml'), 'utf8').split('\n').indexOf(SUBMIT) + 1;
    expect(err).toMatch(new RegExp(`^new/services\\.yaml:${line}: unknown role "caseworkr" \\(did you mean "caseworker"\\?\\)`, 'm'));
  });

  it('old policies with a field left uncovered → a note, and the field counted as denied there', async () => {
    change('market.yaml', '      kind: {}', '', path.join(work, 'old'));
    const { code, out, err } = await run(['old', 'new']);
    expect(code).toBe(3);
    expect(err).toContain('note: the old policies (old) have 1 problem(s) against the current supergraph');
    expect(out).toContain(`READERS                        CHANGE  FIELD
everyone (anonymous included)  gained  Enterprise.kind`);
  });

  it('a side that is neither a directory nor a revision → exit 2', async () => {
    expect((await run(['old', 'no-such-thing'])).code).toBe(2);
  });

  it('--format json → exit 2', async () => {
    expect((await run(['old', 'new', '--format', 'json'])).code).toBe(2);
  });
});

describe('policy diff against a git revision', () => {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: work, stdio: 'pipe' });

  it('HEAD against the edited policy directory → exit 3 and the change', async () => {
    fs.renameSync(path.join(work, 'old'), path.join(work, 'policies'));
    git('init', '-q');
    git('add', 'policies');
    git('commit', '-q', '-m', 'policies');
    change('services.yaml', SUBMIT, '          - roles: [citizen, caseworker, auditor]', path.join(work, 'policies'));
    const { code, out } = await run(['HEAD', 'policies']);
    expect(code).toBe(3);
    expect(out.split('\n').slice(0, 4)).toEqual([
      `policy diff HEAD:policies → policies (${SHIPPED_CLASSES} reader classes)`,
      '',
      'READERS  CHANGE  FIELD',
      'auditor  gained  Mutation.submitApplication',
    ]);
  });
});

describe('reader classes', () => {
  it('a directory loaded for diff → the same policy set the gateway loads (same hash)', () => {
    const supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
    expect(loadPolicyFiles(readPolicyDir(POLICIES_DIR), supergraphSdl).policies?.hash).toBe(loadPolicySet({ dir: POLICIES_DIR, supergraphSdl }).hash);
  });

  it('the decider without memo → the decisions of the policy set, for every reader class and field', () => {
    const supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
    const loaded = loadPolicyFiles(readPolicyDir(POLICIES_DIR), supergraphSdl);
    if (!loaded.policies) throw new Error('the shipped policies do not load');
    const coordinates = loaded.policies.catalog().map((entry) => entry.coordinate);
    const same = (a: FieldDecision, b: FieldDecision) =>
      a.others === b.others && a.own === b.own && a.reason === b.reason && a.rule?.line === b.rule?.line && a.rule?.file === b.rule?.file;
    const differing = allReaderClasses(vocabularyNames(loaded.vocabulary)).flatMap((readerClass) => {
      const reader = readerOf(readerClass);
      return coordinates.filter((c) => !same(loaded.decider.decide(c, reader), loaded.policies.decide(c, reader)));
    });
    expect(differing).toEqual([]);
  });

  it('fields with the same access key → the same access for every reader class', () => {
    const loaded = loadPolicyFiles(readPolicyDir(POLICIES_DIR), fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
    if (!loaded.policies) throw new Error('the shipped policies do not load');
    const byKey = new Map<string, string[]>();
    for (const { coordinate } of loaded.policies.catalog()) {
      const key = loaded.decider.accessKey!(coordinate)!;
      byKey.set(key, [...(byKey.get(key) ?? []), coordinate]);
    }
    const readers = allReaderClasses(vocabularyNames(loaded.vocabulary)).map(readerOf);
    const differing = [...byKey.values()].flatMap(([first, ...others]) =>
      others.filter((other) =>
        readers.some((reader) => {
          const [a, b] = [loaded.decider.decide(first, reader), loaded.decider.decide(other, reader)];
          return a.others !== b.others || a.own !== b.own;
        }),
      ),
    );
    expect({ sharedKeys: byKey.size < loaded.policies.catalog().length, differing }).toEqual({ sharedKeys: true, differing: [] });
  });

  it('a diff → asks only about the fields whose access keys differ between the sides', () => {
    const loaded = loadPolicyFiles(readPolicyDir(POLICIES_DIR), fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
    if (!loaded.policies) throw new Error('the shipped policies do not load');
    const asked = new Set<string>();
    const { decider } = loaded;
    const before: Decider = { decide: (coordinate, reader) => (asked.add(coordinate), decider.decide(coordinate, reader)), accessKey: decider.accessKey };
    const after: Decider = { ...before, accessKey: (coordinate) => (coordinate === 'Person.name' ? 'edited' : decider.accessKey!(coordinate)) };
    const coordinates = loaded.policies.catalog().map((entry) => entry.coordinate);
    expect({ rows: diffPolicies(before, after, coordinates, vocabularyNames(loaded.vocabulary)).rows, asked: [...asked] }).toEqual({ rows: [], asked: ['Person.name'] });
  });

  it('every role × department or none × clearance × purpose or none, plus anonymous per purpose', () => {
    const names = { roles: ['a', 'b'], departments: ['d'], purposes: ['p'] };
    expect(allReaderClasses(names)).toHaveLength(2 + 2 * 2 * 4 * 2);
  });

  it('classes of one role, every department, clearance 3 and 4, one purpose → one group written with those conditions only', () => {
    const names = { roles: ['reviewer', 'auditor'], departments: ['market', 'audit'], purposes: ['review', 'audit'] };
    const classes = allReaderClasses(names).filter(
      (c): c is Extract<ReaderClass, { kind: 'signedIn' }> => c.kind === 'signedIn' && c.role === 'reviewer' && c.clearance >= 3 && c.purpose === 'review',
    );
    expect(collapseReaderClasses(classes, names).map((group) => describeReaderGroup(group, names))).toEqual(['reviewer · clearance 3+ · purpose review']);
  });
});
