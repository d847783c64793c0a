import fs from 'node:fs';
import path from 'node:path';

const DOC = fs.readFileSync(path.resolve(__dirname, '../../docs/department-token.md'), 'utf8');
const SCRIPT = fs.readFileSync(path.resolve(__dirname, '../../docs/examples/verify_gateway_token.py'), 'utf8');

/** The Python shown in docs/department-token.md is the example's code, which a test runs against a live gateway. */
describe('the department token document', () => {
  it('its verifier → the code of docs/examples/verify_gateway_token.py, word for word', () => {
    const shown = /## Verifying in Python[\s\S]*?```python\n([\s\S]*?)```/.exec(DOC)?.[1];
    expect(shown && SCRIPT.includes(shown)).toBe(true);
  });
});
