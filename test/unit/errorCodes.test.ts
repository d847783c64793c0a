import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../schema/contracts/errorCodes';

/** The rows of the error table in docs/errors.md: code → HTTP status. */
function documentedErrorTable(): Map<string, number> {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'errors.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)];
  return new Map(rows.map((m) => [m[1], Number(m[2])]));
}

describe('error code registry', () => {
  it('docs/errors.md table lists exactly the registered codes', () => {
    expect([...documentedErrorTable().keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('docs/errors.md table gives each code its registered HTTP status', () => {
    const table = documentedErrorTable();
    for (const [code, entry] of Object.entries(ERROR_CODES)) expect([code, table.get(code)]).toEqual([code, entry.httpStatus]);
  });
});
