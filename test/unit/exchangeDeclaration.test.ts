import { parse } from 'graphql';
import { bindDeclaration } from '../../exchange/declaration/bindDeclaration';
import { parseDeclaration } from '../../exchange/declaration/parseDeclaration';

const SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Person @key(fields: "idNumber") { idNumber: ID! pension: Pension }
  type Pension { status: PensionStatus since: String city: CodedValue }
  enum PensionStatus { PAID STOPPED }
`);

const GOOD = `department: pensions
title: Pension office
source:
  kind: sql
  url: env:PENSIONS_DATABASE_URL
datasets:
  paid:
    table: PENSION
    key: ID_NO
types:
  Person:
    key: idNumber
    fields:
      pension: { dataset: paid, one: true }
  Pension:
    fields:
      status: { column: ST, enum: { '1': PAID, '2': STOPPED } }
      since: { column: START_DAY, format: date }
      city: { column: CITY, codes: { table: division } }
`;

function problemsOf(text: string): string[] {
  const { declaration, problems } = parseDeclaration('pensions/exchange.yaml', text);
  const bound = declaration ? bindDeclaration(declaration, SDL).problems : [];
  return [...problems, ...bound].map((p) => `${p.file}:${p.line}: ${p.message}`);
}

describe('exchange declaration', () => {
  it('a declaration that fits its SDL → no problem, and each dataset lists every column read with its line', () => {
    const { declaration } = parseDeclaration('pensions/exchange.yaml', GOOD);
    const { model, problems } = bindDeclaration(declaration!, SDL);
    expect(problems).toEqual([]);
    expect(model!.datasets.get('paid')).toMatchObject({ key: 'ID_NO', columns: ['ID_NO', 'ST', 'START_DAY', 'CITY'], columnLines: { ID_NO: 9, ST: 17, START_DAY: 18, CITY: 19 } });
  });

  it('a dataset without its key → the line of the dataset', () => {
    expect(problemsOf(GOOD.replace('    key: ID_NO\n', ''))).toEqual(['pensions/exchange.yaml:7: datasets.paid needs "key"']);
  });

  it('a misspelt setting and an unknown dataset → each named with its line', () => {
    expect(problemsOf(GOOD.replace('format: date', 'fromat: date').replace('dataset: paid', 'dataset: payd'))).toEqual([
      'pensions/exchange.yaml:18: types.Pension.fields.since has no setting "fromat"',
      'pensions/exchange.yaml:14: Person.pension reads dataset "payd", which "datasets:" does not declare (it declares paid)',
    ]);
  });

  it('YAML that does not parse → the line of the fault', () => {
    // The flow map opened on line 17 is found unclosed where the next line begins.
    expect(problemsOf(GOOD.replace("'2': STOPPED }", "'2': STOPPED"))).toEqual([expect.stringMatching(/^pensions\/exchange\.yaml:18: the file does not parse as YAML/)]);
  });

  it('a declaration that does not fit its SDL → the field, the enum value and the unmapped field named with their lines', () => {
    const text = GOOD.replace('STOPPED }', 'HALTED }').replace('      city: { column: CITY, codes: { table: division } }\n', '      town: { column: CITY }\n');
    expect(problemsOf(text)).toEqual([
      'pensions/exchange.yaml:17: Pension.status: "2" maps to HALTED, which is not a value of PensionStatus (PAID, STOPPED)',
      "pensions/exchange.yaml:19: the schema's Pension has no field town",
      'pensions/exchange.yaml:15: Pension.city is in the schema but the declaration does not say where it comes from',
    ]);
  });

  it("an entity's field from a column of a dataset's record (no type of its own) → binds, and the dataset reads that column", () => {
    const sdl = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Person @key(fields: "idNumber") { idNumber: ID! maritalStatus: CodedValue }
    `);
    const text = `department: civil
title: Civil affairs
source: { kind: sql, url: env:CIVIL_DATABASE_URL }
datasets:
  marriages: { table: MARRIAGE, key: GMSFHM }
types:
  Person:
    key: idNumber
    fields:
      maritalStatus: { dataset: marriages, one: true, column: HYZK, codes: { table: marital-status, values: { '2': '20' } } }
`;
    const { model, problems } = bindDeclaration(parseDeclaration('civil/exchange.yaml', text).declaration!, sdl);
    expect(problems).toEqual([]);
    expect(model!.datasets.get('marriages')!.columns).toEqual(['GMSFHM', 'HYZK']);
  });
});
