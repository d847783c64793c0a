import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Kysely } from 'kysely';
import { mapLegacyValue, type LegacyMapping } from '../../codes';
import { readAdapterModel } from '../../exchange';
import { listLoads, type FilesTables, type LoadSummary } from '../../exchange/files';
import { civil } from '../../subgraphs/civil';
import { MARRIAGE_COLUMNS, marriageRegistrationsCsv, SEED_FILE_NAME } from '../../subgraphs/civil/marriageRegistrations';
import { population } from '../../subgraphs/population';
import { citizen } from '../support/gatewayTokens';
import { startStack, type Stack } from '../support/startStack';

/** The civil department through the gateway: its files loaded as it starts, and every later file while it serves. */
const SEED = { seed: 7, scale: 0.1 };
const PERSON = `query ($id: ID!) { person(idNumber: $id) { maritalStatus { code name } marriageRegisteredOn } }`;
const REVIEWER = { sub: 'reviewer-0001', roles: ['reviewer'], dept: 'services', clearance: 3 };
const REVIEWING = { as: REVIEWER, purpose: 'application-review' };
const [ID, HYZK, DJRQ] = ['GMSFHM', 'HYZK', 'DJRQ'].map((column) => MARRIAGE_COLUMNS.indexOf(column as (typeof MARRIAGE_COLUMNS)[number]));

/** civil's declared mapping of HYZK to GB/T 2261.2, as the department reads it. */
const CODES = ((): LegacyMapping => {
  const person = readAdapterModel(path.resolve(__dirname, '../../subgraphs/civil')).model!.types.get('Person')!;
  return (person.fields.find((f) => f.name === 'maritalStatus') as { codes: LegacyMapping }).codes;
})();

/** The seed's export as lines of fields (the ID, status and date fields are never quoted). */
const exported = iconv
  .decode(marriageRegistrationsCsv(SEED), 'gbk')
  .split('\r\n')
  .filter(Boolean)
  .map((line) => line.split(','));
// Left out: the export's deliberate faults (its first row is exported again last; its second has a 30 February).
const rows = exported.slice(3, -1);
const married = rows.find((fields) => fields[DJRQ] !== '' && mapLegacyValue(CODES, fields[HYZK]) !== null)!;
const unmapped = rows.find((fields) => fields[HYZK] === '9')!;

const isoDay = (written: string): string => (written.length === 8 ? `${written.slice(0, 4)}-${written.slice(4, 6)}-${written.slice(6)}` : written);

let stack: Stack;
let inbox: string;

/**
 * Drops an export into civil's inbox as a sender does: written under a temporary name, then
 * renamed. It keeps the export's own time (as rsync -t and scp -p do), so the department need
 * not wait `settleSeconds` for it.
 */
function drop(name: string, lines: readonly string[][]): void {
  const temporary = path.join(inbox, `${name}.part`);
  fs.writeFileSync(temporary, iconv.encode(`${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`, 'gbk'));
  const exportedAt = new Date(Date.now() - 60_000);
  fs.utimesSync(temporary, exportedAt, exportedAt);
  fs.renameSync(temporary, path.join(inbox, name));
}

function civilLoads(): Promise<LoadSummary[]> {
  return listLoads(stack.subgraphs.civil.database.db as Kysely<FilesTables>);
}

/** Polls civil's loads (every 50 ms, up to 10 s) until `file` is recorded. */
async function loadOf(file: string): Promise<LoadSummary> {
  for (let i = 0; i < 200; i++) {
    const found = (await civilLoads()).find((load) => load.file === file);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`civil recorded no load of ${file}`);
}

async function health(): Promise<any> {
  return (await fetch(stack.subgraphs.civil.url.replace(/graphql$/, 'health'))).json();
}

beforeAll(async () => {
  stack = await startStack({ ...SEED, departments: [population, civil] });
  inbox = path.join(stack.dataDir, 'exchange', 'civil', 'inbox');
});

afterAll(async () => {
  await stack?.close();
});

describe('civil through the gateway', () => {
  it("civil started → the seed's export was loaded: accepted, its two faulty rows quarantined, the rest served", async () => {
    expect(await civilLoads()).toEqual([
      expect.objectContaining({ file: SEED_FILE_NAME, outcome: 'accepted', rowsLoaded: exported.length - 3, rowsQuarantined: 2, current: true }),
    ]);
  });

  it('a reviewer reviewing an application → the marital status as its standard code and the registration day', async () => {
    const { body } = await stack.request(PERSON, { id: married[ID] }, REVIEWING);
    expect(body.errors).toBeUndefined();
    expect(body.data.person).toEqual({ maritalStatus: mapLegacyValue(CODES, married[HYZK]), marriageRegisteredOn: isoDay(married[DJRQ]) });
  });

  it('a legacy value with no mapping → maritalStatus null with UNMAPPED_CODE naming civil; the rest served', async () => {
    const { body } = await stack.request(PERSON, { id: unmapped[ID] }, REVIEWING);
    expect(body.data.person).toEqual({ maritalStatus: null, marriageRegisteredOn: isoDay(unmapped[DJRQ]) });
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.department, e.path?.join('.')])).toEqual([['UNMAPPED_CODE', 'civil', 'person.maritalStatus']]);
    expect(JSON.stringify(body.errors)).not.toContain(unmapped[ID]);
  });

  it('a new export dropped while serving → served within a short poll; /health names it as the latest load', async () => {
    const divorced = exported.map((fields) => (fields[ID] === married[ID] ? Object.assign([...fields], { [HYZK]: '离婚', [DJRQ]: '20261102' }) : fields));
    drop('marriages-20261102.csv', divorced);
    expect(await loadOf('marriages-20261102.csv')).toMatchObject({ outcome: 'accepted', current: true });
    const { body } = await stack.request(PERSON, { id: married[ID] }, REVIEWING);
    expect(body.data.person).toMatchObject({ maritalStatus: mapLegacyValue(CODES, '离婚'), marriageRegisteredOn: '2026-11-02' });
    expect((await health()).source.latestLoad).toMatchObject({ file: 'marriages-20261102.csv', outcome: 'accepted', loadedAt: expect.any(String) });
  });

  it('an export with more bad rows than maxBadShare → refused, the previous version still served; both recorded', async () => {
    const broken = exported.map((fields, i) => (i > 0 && fields[DJRQ] !== '' ? Object.assign([...fields], { [DJRQ]: '20261399', [HYZK]: '1' }) : fields));
    drop('marriages-20261103.csv', broken);
    expect(await loadOf('marriages-20261103.csv')).toMatchObject({ outcome: 'refused', rowsLoaded: 0, reason: expect.stringContaining('over maxBadShare') });
    const { body } = await stack.request(PERSON, { id: married[ID] }, REVIEWING);
    expect(body.data.person).toMatchObject({ maritalStatus: mapLegacyValue(CODES, '离婚'), marriageRegisteredOn: '2026-11-02' });
    expect((await civilLoads()).map((load) => [load.file, load.outcome, load.current])).toEqual([
      ['marriages-20261103.csv', 'refused', false],
      ['marriages-20261102.csv', 'accepted', true],
      [SEED_FILE_NAME, 'accepted', false],
    ]);
    expect((await health()).source.latestLoad).toMatchObject({ file: 'marriages-20261103.csv', outcome: 'refused' });
    expect(fs.readdirSync(path.join(inbox, '..', 'refused'))).toEqual(['marriages-20261103.csv']);
  });

  it("the resident asks who read their marriage records → the reviewer's read, in civil's own disclosure log", async () => {
    await stack.request(PERSON, { id: married[ID] }, REVIEWING);
    const { body } = await stack.request(
      `{ civilDisclosures { edges { node { department recordType recordKey purpose fields reader { sub } } } } }`,
      {},
      { as: citizen(married[ID]), purpose: 'self-service' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.civilDisclosures.edges.map((edge: any) => edge.node)).toContainEqual({
      department: 'civil',
      recordType: 'Person',
      recordKey: married[ID],
      purpose: 'application-review',
      fields: ['maritalStatus', 'marriageRegisteredOn'],
      reader: { sub: REVIEWER.sub },
    });
  });

  it('an inbox that cannot be read (a file where the folder should be) → /health not ready, naming the inbox and why', async () => {
    fs.renameSync(inbox, `${inbox}.away`);
    fs.writeFileSync(inbox, '');
    try {
      expect(await health()).toMatchObject({ ready: false, problem: `the inbox ${inbox} cannot be read (ENOTDIR)`, source: { kind: 'files', latestLoad: expect.anything() } });
    } finally {
      fs.rmSync(inbox);
      fs.renameSync(`${inbox}.away`, inbox);
    }
  });
});
