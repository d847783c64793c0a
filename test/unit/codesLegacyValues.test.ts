import { composeServices } from '@apollo/composition';
import fs from 'node:fs';
import { parse } from 'graphql';
import { CODED_VALUE_SDL_FILE, checkLegacyMapping, mapLegacyValue, unmappedCodeError, type LegacyMapping } from '../../codes';
import { CODES } from '../../schema/contracts/errorCodes';

const SEX: LegacyMapping = { table: 'sex', values: { M: '1', F: '2', '3': '9' } };

describe('mapping legacy values to standard codes', () => {
  it('a declared legacy value → its standard code and name, trimmed; a number as its decimal text', () => {
    expect(mapLegacyValue(SEX, 'M')).toEqual({ code: '1', name: '男性' });
    expect(mapLegacyValue(SEX, ' F\t')).toEqual({ code: '2', name: '女性' });
    expect(mapLegacyValue(SEX, 3)).toEqual({ code: '9', name: '未说明的性别' });
  });

  it('a value already a standard code of the table → itself, with or without declared values', () => {
    expect(mapLegacyValue({ table: 'marital-status' }, '20')).toEqual({ code: '20', name: '已婚' });
    expect(mapLegacyValue({ table: 'division' }, 440106)).toEqual({ code: '440106', name: '天河区' });
    expect(mapLegacyValue(SEX, '2')).toEqual({ code: '2', name: '女性' });
  });

  it('an unmapped value → null, never passed through', () => {
    const unmapped = [
      mapLegacyValue(SEX, 'X'),
      mapLegacyValue(SEX, 'm'),
      mapLegacyValue(SEX, 'toString'),
      mapLegacyValue(SEX, '__proto__'),
      mapLegacyValue({ table: 'ethnic-group' }, 1),
      mapLegacyValue({ table: 'marital-status' }, '已婚'),
      mapLegacyValue(SEX, ''),
      mapLegacyValue(SEX, null),
      mapLegacyValue(SEX, true),
      mapLegacyValue(SEX, { code: '1' }),
    ];
    expect(unmapped).toEqual(Array(10).fill(null));
  });

  it('a mapping to a code the table does not hold → throws; checkLegacyMapping names each such value first', () => {
    const wrong = { table: 'marital-status', values: { M: '2', S: '10', W: 30, ' D': '40' } } as const;
    expect(() => mapLegacyValue(wrong as unknown as LegacyMapping, 'M')).toThrow("codes: the mapping to GB/T 2261.2-2003 sends 'M' to '2', which is no code of that table");
    expect(checkLegacyMapping(wrong)).toEqual([
      "'M' maps to '2', which is no code of GB/T 2261.2-2003 (marital-status)",
      "'W' maps to 30, not a string: write the code in quotes ('01' written bare in YAML is the number 1)",
      "' D': a legacy value is compared trimmed, so write it without spaces around it",
    ]);
    expect([checkLegacyMapping({ table: 'blood-type' }), checkLegacyMapping(SEX)]).toEqual([["no code table 'blood-type'"], []]);
  });

  it('UNMAPPED_CODE → names department, field and the legacy value alone, an ID number in it masked', () => {
    expect(unmappedCodeError({ department: 'civil', field: 'MaritalStatus.status', value: ' 7 ' }).extensions).toEqual({
      code: CODES.UNMAPPED_CODE,
      department: 'civil',
      field: 'MaritalStatus.status',
      value: '7',
    });
    expect(unmappedCodeError({ department: 'hrss', field: 'SocialInsurance.status', value: '11010519491231002X' }).extensions.value).toBe('110105********002X');
  });
});

describe('codes/codedValue.graphql', () => {
  it('joined to the SDL of two departments → composes (@shareable, no second federation link)', () => {
    const codedValue = fs.readFileSync(CODED_VALUE_SDL_FILE, 'utf8');
    const department = (name: string) => ({
      name,
      url: `http://${name}`,
      typeDefs: parse(
        `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])\n` +
          `type Query { ${name}Person(idNumber: ID!): Person }\ntype Person @key(fields: "idNumber") { idNumber: ID! ${name}Status: CodedValue }\n${codedValue}`,
      ),
    });
    const composed = composeServices([department('civil'), department('hrss')]);
    expect(composed.errors).toBeUndefined();
  });
});
