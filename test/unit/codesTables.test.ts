import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODE_TABLE_IDS, CODE_TABLES_DIR, codeTable, divisionOf, readCodeTable, type CodeTableId } from '../../codes';
import { REGIONS } from '../../subgraphs/kit/seed/regions';

/** The shape of a code in each table, as its standard writes it. */
const CODE_SHAPE: Record<CodeTableId, RegExp> = { sex: /^\d$/, 'marital-status': /^\d{2}$/, 'ethnic-group': /^\d{2}$/, division: /^\d{6}$/ };

describe('code tables', () => {
  it('a table id → its standard, edition and names', () => {
    expect(codeTable('marital-status')).toMatchObject({ standard: 'GB/T 2261.2-2003' });
    expect(codeTable('marital-status').codes.get('20')).toBe('已婚');
    expect(codeTable('sex').codes.get('9')).toBe('未说明的性别');
    expect([codeTable('ethnic-group').codes.get('01'), codeTable('ethnic-group').codes.get('56'), codeTable('ethnic-group').codes.size]).toEqual(['汉族', '基诺族', 58]);
    expect(codeTable('division').codes.get('440106')).toBe('天河区');
  });

  it('an unknown table id → throws naming the tables there are', () => {
    expect(() => codeTable('blood-type' as CodeTableId)).toThrow("codes: no code table 'blood-type'; the tables are sex, marital-status, ethnic-group, division");
  });

  it('every file in codes/tables → a well-formed table of its id, codes of the standard shape', () => {
    const files = fs.readdirSync(CODE_TABLES_DIR).filter((file) => file.endsWith('.json'));
    expect(files.map((file) => path.basename(file, '.json')).sort()).toEqual([...CODE_TABLE_IDS].sort());
    for (const id of CODE_TABLE_IDS) {
      const table = readCodeTable(path.join(CODE_TABLES_DIR, `${id}.json`), id);
      expect([id, [...table.codes.keys()].filter((code) => !CODE_SHAPE[id].test(code))]).toEqual([id, []]);
    }
  });

  it('a table file with a code twice or an empty name → refused, naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codes-'));
    const write = (name: string, codes: unknown) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify({ id: 'sex', title: 't', standard: 'GB/T 2261.1-2003', source: 's', codes }));
      return file;
    };
    try {
      expect(() =>
        readCodeTable(
          write('twice.json', [
            ['1', '男性'],
            ['1', '女性'],
          ]),
          'sex',
        ),
      ).toThrow(`${dir}/twice.json: code 1 is listed twice`);
      expect(() => readCodeTable(write('empty.json', [['1', ' ']]), 'sex')).toThrow(`${dir}/empty.json: codes.0.1: must be non-empty`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GB/T 2260 divisions', () => {
  it('a county → itself, its city and its province', () => {
    expect(divisionOf('440106')).toEqual({ code: '440106', name: '天河区', city: { code: '440100', name: '广州市' }, province: { code: '440000', name: '广东省' } });
  });

  it('a district of a municipality, a county under its province → no city', () => {
    expect(divisionOf('110101')).toEqual({ code: '110101', name: '东城区', province: { code: '110000', name: '北京市' } });
    expect(divisionOf('429004')).toEqual({ code: '429004', name: '仙桃市', province: { code: '420000', name: '湖北省' } });
  });

  it('a city or a province code → the division itself as its city or province', () => {
    expect(divisionOf('440100')).toEqual({ code: '440100', name: '广州市', city: { code: '440100', name: '广州市' }, province: { code: '440000', name: '广东省' } });
    expect(divisionOf('810000')).toEqual({ code: '810000', name: '香港特别行政区', province: { code: '810000', name: '香港特别行政区' } });
  });

  it('an unknown code, a development zone of the statistics, a summary code or another shape → null', () => {
    expect(['999999', '440199', '130171', '110100', '429000', '4401', '4401060', ' 440106', ''].map(divisionOf)).toEqual(Array(9).fill(null));
  });

  it('every division in the table → rolls up to a province the table holds; 34 provinces', () => {
    const codes = [...codeTable('division').codes.keys()];
    expect(codes.filter((code) => divisionOf(code) === null)).toEqual([]);
    expect(codes.filter((code) => code.endsWith('0000'))).toHaveLength(34);
  });

  it("every region of the seed → its division's names spell the region's district", () => {
    const spelled = REGIONS.map(({ code }) => {
      const division = divisionOf(code);
      return division && `${division.province.name}${division.city?.name ?? ''}${division.name}`;
    });
    expect(spelled).toEqual(REGIONS.map((region) => region.district));
  });
});
