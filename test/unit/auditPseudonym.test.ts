import { auditPseudonym, pseudonymizeEntry } from '../../gateway/audit';
import { sampleAuditEntry } from '../support/auditEntries';

const KEY = new TextEncoder().encode('an audit key for tests, 32+ bytes long');
const OTHER_KEY = new TextEncoder().encode('another audit key for tests, 32+ bytes');
const ID_NUMBER = '11010519491231002X';

describe('audit pseudonyms', () => {
  it('a resident ID number → masked as the policies mask it, with a 16-hex-digit keyed tag', () => {
    expect(auditPseudonym(KEY, ID_NUMBER)).toMatch(/^110105\*{8}002X~[0-9a-f]{16}$/);
  });

  it('the same number under the same key → the same pseudonym, whatever the case of its X', () => {
    expect(auditPseudonym(KEY, ID_NUMBER.toLowerCase())).toBe(auditPseudonym(KEY, ID_NUMBER).replace('002X', '002x'));
    expect(auditPseudonym(KEY, ID_NUMBER).split('~')[1]).toBe(auditPseudonym(KEY, ID_NUMBER.toLowerCase()).split('~')[1]);
  });

  it('another key → another tag (it cannot be recomputed without the audit key)', () => {
    expect(auditPseudonym(OTHER_KEY, ID_NUMBER)).not.toBe(auditPseudonym(KEY, ID_NUMBER));
  });

  it('two numbers with the same masked form → different tags', () => {
    expect(auditPseudonym(KEY, '110105194912310021')).not.toBe(auditPseudonym(KEY, '110105195001010021'));
  });

  it('a staff id, an application number or a credit code → unchanged', () => {
    for (const value of ['staff-0009', 'APP-2026-000870', '91310104L1CRUF8GX0']) expect(auditPseudonym(KEY, value)).toBe(value);
  });

  it('an entry naming an ID number, read by a citizen → neither number left in it', () => {
    const entry = sampleAuditEntry({ identity: { sub: '110105194912310021', roles: ['citizen'], dept: null, clearance: 1 }, keys: [ID_NUMBER, 'APP-2026-000870'] });
    const stored = JSON.stringify(pseudonymizeEntry(entry, KEY));
    expect(stored).not.toContain(ID_NUMBER);
    expect(stored).not.toContain('110105194912310021');
    expect(stored).toContain('APP-2026-000870');
  });
});
