import { formatResidentIdNumber } from '../../subgraphs/kit';
import { keptText } from '../../subgraphs/services/writeBack/settleWriteBack';

describe('reasons and errors as the outbox keeps them', () => {
  it('a reason holding an ID number and a phone number → both masked', () => {
    const idNumber = formatResidentIdNumber({ regionCode: '110105', birthDate: '1949-12-31', sequence: 2 });
    const kept = keptText(`no resident ${idNumber} (call 13812345678)`)!;
    expect(kept).not.toContain(idNumber);
    expect(kept).not.toContain('13812345678');
    expect(kept).toContain('138****5678');
  });

  it('a text longer than 500 characters → cut to 500, ending with …', () => {
    const kept = keptText('x'.repeat(2000))!;
    expect([kept.length, kept.endsWith('…')]).toEqual([500, true]);
  });

  it('no text → null', () => {
    expect(keptText(null)).toBeNull();
  });
});
