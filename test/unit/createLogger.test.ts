import { Writable } from 'node:stream';
import { createLogger } from '../../schema/contracts/logger/createLogger';

/**
 * No personal data in logs: whatever a caller logs, resident ID numbers and mobile phone
 * numbers come out masked and tokens not at all. Checked on the JSON lines the logger writes.
 */
const ID_NUMBER = '11010519491231002X';
const ID_MASKED = '110105********002X';
const PHONE = '13812345678';
const PHONE_MASKED = '138****5678';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMTAxMDUxOTQ5MTIzMTAwMlgifQ.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw';

function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger('test', { destination, level: 'info' });
  return {
    log,
    /** Every line written so far, as text (what a log reader would see) and parsed. */
    output: () => ({ text: lines.join('\n'), records: lines.map((line) => JSON.parse(line) as Record<string, any>) }),
  };
}

describe('createLogger', () => {
  it('ID number and phone in known fields → masked with the policy masks', () => {
    const { log, output } = capturedLogger();
    log.info({ idNumber: ID_NUMBER, phone: PHONE, subject: ID_NUMBER, keys: [ID_NUMBER] }, 'read');
    const [record] = output().records;
    expect(record).toMatchObject({ idNumber: ID_MASKED, phone: PHONE_MASKED, subject: ID_MASKED, keys: [ID_MASKED], msg: 'read' });
  });

  it('known field nested 3 levels deep → masked', () => {
    const { log, output } = capturedLogger();
    log.info({ request: { person: { holderIdNumber: ID_NUMBER, contact: { phone: PHONE } } } }, 'nested');
    expect(output().records[0].request).toEqual({ person: { holderIdNumber: ID_MASKED, contact: { phone: PHONE_MASKED } } });
  });

  it('a value under a known key in another format (landline, old 15-digit number) → masked by the key', () => {
    const { log, output } = capturedLogger();
    log.info({ phone: '010-6512-3456', idNumber: '110105491231002' }, 'formats');
    const [record] = output().records;
    expect([record.phone, record.idNumber]).toEqual(['010-****-3456', '110105*****1002']);
  });

  it('ID number and phone inside any string, message included → masked by their shape', () => {
    const { log, output } = capturedLogger();
    log.warn({ detail: { note: `applicant ${ID_NUMBER}, tel +86 ${PHONE}` } }, `lookup of ${ID_NUMBER} by phone 138-1234-5678`);
    const { text, records } = output();
    expect(records[0].detail.note).toBe(`applicant ${ID_MASKED}, tel +86 ${PHONE_MASKED}`);
    expect(records[0].msg).toBe(`lookup of ${ID_MASKED} by phone 138-****-5678`);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PHONE);
  });

  it('an Error carrying an ID number and phone → message, stack and derived msg masked', () => {
    const { log, output } = capturedLogger();
    log.error(new Error(`no person ${ID_NUMBER} with phone ${PHONE}`));
    log.error({ err: new TypeError(`bad key ${ID_NUMBER}`) });
    log.error({ err: new Error(`cause ${PHONE}`), requestId: 'r-1' }, 'failed');
    const { text, records } = output();
    expect(records[0]).toMatchObject({
      msg: `no person ${ID_MASKED} with phone ${PHONE_MASKED}`,
      err: { type: 'Error', message: `no person ${ID_MASKED} with phone ${PHONE_MASKED}` },
    });
    expect(records[0].err.stack).toContain(ID_MASKED);
    expect(records[1]).toMatchObject({ msg: `bad key ${ID_MASKED}`, err: { type: 'TypeError', message: `bad key ${ID_MASKED}` } });
    expect(records[2]).toMatchObject({ msg: 'failed', requestId: 'r-1', err: { message: `cause ${PHONE_MASKED}` } });
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PHONE);
  });

  it('tokens under credential keys, in bearer strings and as bare JWTs → removed', () => {
    const { log, output } = capturedLogger();
    log.info({ headers: { authorization: `Bearer ${JWT}`, 'x-request-id': 'r-2' }, token: JWT, note: `sent Bearer ${JWT}`, raw: JWT }, `token was ${JWT}`);
    const { text, records } = output();
    expect(records[0].headers).toEqual({ 'x-request-id': 'r-2' });
    expect(records[0]).not.toHaveProperty('token');
    expect(records[0].note).toBe('sent Bearer [token removed]');
    expect(records[0].raw).toBe('[token removed]');
    expect(records[0].msg).toBe('token was [token removed]');
    expect(text).not.toContain(JWT.split('.')[1]);
  });

  it('child logger bindings with an ID number → masked', () => {
    const { log, output } = capturedLogger();
    log
      .child({ idNumber: ID_NUMBER, citizen: `c-${ID_NUMBER}` })
      .child({ phone: PHONE })
      .info('bound');
    expect(output().records[0]).toMatchObject({ idNumber: ID_MASKED, citizen: `c-${ID_MASKED}`, phone: PHONE_MASKED });
  });

  it('values that only look numeric (request ids, timestamps, durations, hashes) → unchanged', () => {
    const { log, output } = capturedLogger();
    const values = {
      requestId: '44c29eb4-6660-4c39-a5e2-b643723dca27',
      at: 1732700000000,
      ms: 13.812345678,
      hash: 'a36986e4110105194912310021d3dae985',
      count: 13812345678123,
    };
    log.info(values, 'request 20261127150745 done');
    expect(output().records[0]).toMatchObject({ ...values, msg: 'request 20261127150745 done' });
  });

  it('the caller’s object → left unchanged', () => {
    const { log } = capturedLogger();
    const logged = { idNumber: ID_NUMBER, nested: { note: `phone ${PHONE}` }, authorization: 'Bearer x' };
    log.info(logged, 'x');
    expect(logged).toEqual({ idNumber: ID_NUMBER, nested: { note: `phone ${PHONE}` }, authorization: 'Bearer x' });
  });
});
