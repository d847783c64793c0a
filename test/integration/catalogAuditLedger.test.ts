import fs from 'node:fs';
import path from 'node:path';
import { auditPseudonym, listAuditFiles, loadAuditKeyFromFile } from '../../gateway/audit';
import type { Identity } from '../../policies';
import { catalog } from '../../subgraphs/catalog';
import { population } from '../../subgraphs/population';
import type { GraphQLResponse } from '../support/graphqlRequest';
import { startStack, type Stack } from '../support/startStack';

/**
 * The audit ledger through the catalog (`auditChain`, `auditRecords`): one stack whose gateway
 * writes its ledger as day files, a caseworker and an officer reading one resident, then an
 * auditor reading the ledger; last, a record edited on disk.
 */
const CASEWORKER: Identity = { sub: 'staff-0001', roles: ['caseworker'], dept: 'services', clearance: 2 };
const OFFICER: Identity = { sub: 'officer-0001', roles: ['officer'], dept: 'population', clearance: 4 };
const AUDITOR: Identity = { sub: 'auditor-0001', roles: ['auditor'], dept: 'catalog', clearance: 3 };

const CHAIN = '{ auditChain { ok records source problem lastAt checkedAt } }';
const RECORDS = `query Records($filter: AuditRecordFilter!, $first: Int) {
  auditRecords(filter: $filter, first: $first) {
    requestId at reader roles department purpose caseId operationType operationName outcome codes departments
    decisions { coordinate decision mask own caseParty grant rule }
  }
}`;
const PERSON = 'query Person($id: ID!) { person(idNumber: $id) { name householdAddress } }';

/** The one error of a response: its extensions. */
function errorOf(body: GraphQLResponse['body']): Record<string, any> {
  expect(body.errors).toHaveLength(1);
  return body.errors![0].extensions!;
}

describe('the audit ledger through the catalog', () => {
  let stack: Stack;
  let idNumber: string;
  let auditDir: string;
  const today = new Date().toISOString().slice(0, 10);
  const records = (filter: Record<string, unknown>, first?: number) => stack.request(RECORDS, { filter: { since: today, ...filter }, first }, { as: AUDITOR });
  const ledgerLines = () => listAuditFiles(auditDir).flatMap((file) => fs.readFileSync(path.join(auditDir, file), 'utf8').split('\n').filter(Boolean));

  beforeAll(async () => {
    // The catalog finds the ledger where this stack's gateway writes it (<data dir>/audit), whatever the shell says.
    stack = await startStack({ departments: [population, catalog], scale: 0.05, departmentEnv: { GOVGRAPH_AUDIT_DIR: '', GOVGRAPH_AUDIT_KEY: '', GOVGRAPH_AUDIT_STREAM: '' } });
    auditDir = path.join(stack.dataDir, 'audit');
    const person = await stack.subgraphs.population.database.db.selectFrom('persons').select('id_number').orderBy('id_number').executeTakeFirstOrThrow();
    idNumber = person.id_number as string;
    for (const [as, purpose] of [
      [CASEWORKER, 'application-review'],
      [OFFICER, 'audit'],
    ] as const) {
      const { body } = await stack.request(PERSON, { id: idNumber }, { as, purpose });
      expect(body.data.person).not.toBeNull();
    }
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('an auditor → the chain holds, with every record written so far counted, read from the ledger directory', async () => {
    const before = ledgerLines().length;
    const { body } = await stack.request(CHAIN, {}, { as: AUDITOR });
    expect(body.data.auditChain).toEqual({ ok: true, records: before, source: auditDir, problem: null, lastAt: expect.any(String), checkedAt: expect.any(String) });
  });

  it('filtered by reader → their read, with its purpose, departments and decisions', async () => {
    const { body } = await records({ reader: CASEWORKER.sub });
    expect(body.data.auditRecords).toEqual([
      expect.objectContaining({
        reader: CASEWORKER.sub,
        roles: ['caseworker'],
        department: 'services',
        purpose: 'application-review',
        operationType: 'query',
        operationName: 'Person',
        outcome: 'ok',
        codes: [],
        departments: ['population'],
        decisions: expect.arrayContaining([expect.objectContaining({ coordinate: 'Person.householdAddress', decision: 'MASK', mask: 'address' })]),
      }),
    ]);
  });

  it('filtered by coordinate and decision → only the reads where that field got it', async () => {
    const { body } = await records({ coordinate: 'Person.householdAddress', decision: 'MASK' });
    expect(body.data.auditRecords.map((record: any) => record.reader)).toEqual([CASEWORKER.sub]);
  });

  it('filtered by a resident ID number as subject → both reads of that resident, newest first', async () => {
    const { body } = await records({ subject: idNumber });
    expect(body.data.auditRecords.map((record: any) => record.reader)).toEqual([OFFICER.sub, CASEWORKER.sub]);
  });

  it('records returned → neither the ID number nor the pseudonym it is stored as (no record keys)', async () => {
    const { body } = await records({ subject: idNumber });
    const text = JSON.stringify(body);
    const key = loadAuditKeyFromFile(path.join(stack.dataDir, 'audit-key'));
    expect([text.includes(idNumber), text.includes(auditPseudonym(key, idNumber))]).toEqual([false, false]);
  });

  it('first: 1 → the newest matching record alone', async () => {
    const { body } = await records({ subject: idNumber }, 1);
    expect(body.data.auditRecords.map((record: any) => record.reader)).toEqual([OFFICER.sub]);
  });

  it('since that is not a time → BAD_USER_INPUT', async () => {
    const { body } = await stack.request(RECORDS, { filter: { since: 'yesterday' } }, { as: AUDITOR });
    expect(errorOf(body).code).toBe('BAD_USER_INPUT');
  });

  it('a caseworker → FORBIDDEN', async () => {
    const { body } = await stack.request(CHAIN, {}, { as: CASEWORKER });
    expect(errorOf(body).code).toBe('FORBIDDEN');
  });

  it('no audit key where the catalog looks → AUDIT_UNAVAILABLE, not a chain that holds', async () => {
    const keyFile = path.join(stack.dataDir, 'audit-key');
    fs.renameSync(keyFile, `${keyFile}.away`);
    try {
      const { body } = await stack.request(CHAIN, {}, { as: AUDITOR });
      expect([body.data, errorOf(body).code, errorOf(body).reason]).toEqual([{ auditChain: null }, 'AUDIT_UNAVAILABLE', 'key']);
    } finally {
      fs.renameSync(`${keyFile}.away`, keyFile);
    }
  });

  it('a record edited on disk → the chain does not hold, and the problem names the line', async () => {
    const file = path.join(auditDir, listAuditFiles(auditDir)[0]);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[0] = lines[0].replace(/"purpose":(null|"[^"]*")/, '"purpose":"statistics"');
    fs.writeFileSync(file, lines.join('\n'));
    const { body } = await stack.request(CHAIN, {}, { as: AUDITOR });
    expect(body.data.auditChain).toMatchObject({
      ok: false,
      records: 0,
      problem: `${path.basename(file)}:1: edited: record seq 1 (request ${JSON.parse(lines[0]).requestId}): its contents do not match its hash`,
    });
  });
});
