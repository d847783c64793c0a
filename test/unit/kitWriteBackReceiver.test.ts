import type { Kysely } from 'kysely';
import { openDatabase, migrateToLatest, type DepartmentDatabase, type WriteBackAction } from '../../subgraphs/kit';
import { createWriteBackReceiver, type WriteBackReceiver } from '../../subgraphs/kit/writeBack/createWriteBackReceiver';
import { sealWriteBack, type WriteBackEvent } from '../../schema/contracts/writeBack';
import type { PolicySet } from '../../policies';
import { newSigningKey } from '../support/newSigningKey';
import { fakePolicySet } from '../support/gatewayTokens';
import { writeBackEvent, writePolicies } from '../support/writeBackEvents';

/**
 * The kit's side of a write-back, whatever carried it: signature, the inbox (one decision per
 * event id), the department's actions and write policies, one transaction with the disclosure log.
 */
interface NotesDatabase {
  notes: { id_number: string; text: string };
}

const KEY = newSigningKey().key;
const OTHER_KEY = newSigningKey().key;

/** Writes the note it is given; refuses a note saying "refuse" after writing it (so a rollback shows). */
const writeNote: WriteBackAction<NotesDatabase> = {
  async apply(trx, event) {
    await trx
      .insertInto('notes')
      .values({ id_number: event.target.key, text: String(event.values.text) })
      .execute();
    if (event.values.text === 'refuse') return { kind: 'refused', reason: `no note for ${event.target.key}` };
    if (event.values.text === 'fail') throw new Error('the disk is full');
    return { kind: 'applied', record: { type: 'Note', key: event.target.key } };
  },
};

let database: DepartmentDatabase<NotesDatabase>;
let db: Kysely<any>;
let policies: PolicySet | null;
let applied: number;

const noteEvent = (overrides: Partial<WriteBackEvent> = {}) =>
  writeBackEvent({ department: 'notes', event: 'note-taking', action: 'writeNote', target: { type: 'Note', key: '110101199001011234' }, values: { text: 'hello' }, ...overrides });

function receiver(): WriteBackReceiver {
  return createWriteBackReceiver<NotesDatabase>({
    department: 'notes',
    db: database.db,
    actions: {
      writeNote: {
        apply: (trx, event) => {
          applied++;
          return writeNote.apply(trx, event);
        },
      },
    },
    publicKey: KEY,
    policies: () => policies,
  });
}

const count = async (table: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeEach(async () => {
  database = await openDatabase<NotesDatabase>({ department: 'notes', file: ':memory:' });
  db = database.db as Kysely<any>;
  await migrateToLatest('notes', db, {
    '0001_notes': { up: (d: Kysely<any>) => d.schema.createTable('notes').addColumn('id_number', 'text').addColumn('text', 'text').execute() },
  });
  policies = writePolicies();
  applied = 0;
});

afterEach(async () => {
  await database.close();
});

describe('receiving a write-back', () => {
  it('a signed event the policies allow → applied once: its write, its inbox row and a disclosure row', async () => {
    const event = noteEvent();
    const received = await receiver().receiveWriteBack(await sealWriteBack(event, KEY));
    expect(received).toEqual({
      kind: 'outcome',
      outcome: { eventId: event.id, department: 'notes', state: 'applied', reason: null, record: { type: 'Note', key: event.target.key }, at: expect.any(String) },
    });
    expect(await db.selectFrom('notes').selectAll().execute()).toEqual([{ id_number: event.target.key, text: 'hello' }]);
    expect(await db.selectFrom('kit_write_backs').selectAll().execute()).toEqual([
      expect.objectContaining({ event_id: event.id, event: 'note-taking', from_department: 'services', state: 'applied', record_type: 'Note', record_key: event.target.key }),
    ]);
  });

  it('applied → the disclosure row says write, by the caseworker of services, for the case, with the fields written', async () => {
    const event = noteEvent();
    await receiver().receiveWriteBack(await sealWriteBack(event, KEY));
    expect(await db.selectFrom('kit_disclosures').selectAll().execute()).toEqual([
      expect.objectContaining({
        action: 'write',
        request_id: event.id,
        department: 'notes',
        record_type: 'Note',
        record_key: event.target.key,
        subject: event.applicant,
        reader_sub: event.actor,
        reader_roles: '[]',
        reader_dept: 'services',
        purpose: 'note-taking',
        case_id: event.applicationId,
        masked: 0,
        fields: '["text"]',
      }),
    ]);
  });

  it("a record that is not the applicant's → the disclosure row has no subject", async () => {
    await receiver().receiveWriteBack(await sealWriteBack(noteEvent({ target: { type: 'Note', key: '91110000MA0000000X' } }), KEY));
    expect(await db.selectFrom('kit_disclosures').select('subject').execute()).toEqual([{ subject: null }]);
  });

  it('the same event delivered again → the same outcome, applied once', async () => {
    const sealed = await sealWriteBack(noteEvent(), KEY);
    const first = await receiver().receiveWriteBack(sealed);
    const again = await receiver().receiveWriteBack(sealed);
    expect(again).toEqual(first);
    expect([applied, await count('notes'), await count('kit_disclosures')]).toEqual([1, 1, 1]);
  });

  it('the same event delivered twice at once → one write, both answered the same', async () => {
    const sealed = await sealWriteBack(noteEvent(), KEY);
    const both = await Promise.all([receiver().receiveWriteBack(sealed), receiver().receiveWriteBack(sealed)]);
    expect(both[1]).toEqual(both[0]);
    expect(await count('notes')).toBe(1);
  });

  it('signed with another key → forged, nothing stored', async () => {
    const received = await receiver().receiveWriteBack(await sealWriteBack(noteEvent(), OTHER_KEY));
    expect(received).toEqual({ kind: 'forged', why: expect.any(String) });
    expect([await count('notes'), await count('kit_write_backs')]).toEqual([0, 0]);
  });

  it('a payload altered after signing → forged', async () => {
    const sealed = await sealWriteBack(noteEvent(), KEY);
    const received = await receiver().receiveWriteBack({ ...sealed, payload: sealed.payload.replace('hello', 'hullo') });
    expect(received.kind).toBe('forged');
  });

  it('an event signed for another department → forged', async () => {
    const received = await receiver().receiveWriteBack(await sealWriteBack(noteEvent({ department: 'licenses' }), KEY));
    expect(received).toEqual({ kind: 'forged', why: expect.stringContaining('not notes') });
  });

  it('a signed event missing its applicant → refused as malformed, stored, nothing written', async () => {
    const event = noteEvent({ applicant: '' });
    const received = await receiver().receiveWriteBack(await sealWriteBack(event, KEY));
    expect(received).toEqual({
      kind: 'outcome',
      outcome: expect.objectContaining({ eventId: event.id, state: 'refused', reason: 'the event is malformed: its applicant is missing' }),
    });
    expect([applied, await count('kit_write_backs')]).toEqual([0, 1]);
  });

  it('an action the department does not declare → refused naming it', async () => {
    const received = await receiver().receiveWriteBack(await sealWriteBack(noteEvent({ action: 'eraseNote' }), KEY));
    expect(received).toMatchObject({ outcome: { state: 'refused', reason: 'notes has no write-back action eraseNote' } });
  });

  it('an action named like a property every object has → refused, not applied', async () => {
    const received = await receiver().receiveWriteBack(await sealWriteBack(noteEvent({ action: 'constructor' }), KEY));
    expect(received).toMatchObject({ outcome: { state: 'refused' } });
  });

  it('an event writing no field → refused', async () => {
    const received = await receiver().receiveWriteBack(await sealWriteBack(noteEvent({ values: {} }), KEY));
    expect(received).toMatchObject({ outcome: { state: 'refused', reason: 'the event writes no field' } });
  });

  it('the write policy refuses a field → refused with its why, the action never run', async () => {
    policies = writePolicies((request) => request.coordinate !== 'Note.text');
    const received = await receiver().receiveWriteBack(await sealWriteBack(noteEvent(), KEY));
    expect(received).toMatchObject({ outcome: { state: 'refused', reason: 'no write rule lets services write Note.text on note-taking' } });
    expect(applied).toBe(0);
  });

  it('policies without write rules (decideWrite absent) → refused', async () => {
    policies = fakePolicySet();
    const received = await receiver().receiveWriteBack(await sealWriteBack(noteEvent(), KEY));
    expect(received).toMatchObject({ outcome: { state: 'refused', reason: 'notes has no write policies, so it accepts no write-back' } });
  });

  it('policies off → applied without a write check', async () => {
    policies = null;
    const received = await receiver().receiveWriteBack(await sealWriteBack(noteEvent(), KEY));
    expect(received).toMatchObject({ outcome: { state: 'applied' } });
  });

  it('the action refuses after writing → its write rolled back, the refusal stored', async () => {
    const event = noteEvent({ values: { text: 'refuse' } });
    const received = await receiver().receiveWriteBack(await sealWriteBack(event, KEY));
    expect(received).toMatchObject({ outcome: { state: 'refused' } });
    expect([await count('notes'), await count('kit_disclosures'), await count('kit_write_backs')]).toEqual([0, 0, 1]);
  });

  it('a refusal quoting an ID number → the number masked in the reason', async () => {
    const received = await receiver().receiveWriteBack(await sealWriteBack(noteEvent({ values: { text: 'refuse' } }), KEY));
    expect(received).toMatchObject({ outcome: { reason: expect.not.stringContaining('110101199001011234') } });
  });

  it('the action fails (the database) → thrown, nothing stored; delivered again → applied', async () => {
    const event = noteEvent({ values: { text: 'fail' } });
    await expect(receiver().receiveWriteBack(await sealWriteBack(event, KEY))).rejects.toThrow('the disk is full');
    expect([await count('notes'), await count('kit_write_backs')]).toEqual([0, 0]);
    const fixed = await receiver().receiveWriteBack(await sealWriteBack({ ...event, values: { text: 'hello' } }, KEY));
    expect(fixed).toMatchObject({ outcome: { state: 'applied' } });
  });

  it('counts → applied, refused, forged and repeated deliveries since start', async () => {
    const receiving = receiver();
    const sealed = await sealWriteBack(noteEvent(), KEY);
    await receiving.receiveWriteBack(sealed);
    await receiving.receiveWriteBack(sealed);
    await receiving.receiveWriteBack(await sealWriteBack(noteEvent({ action: 'eraseNote' }), KEY));
    await receiving.receiveWriteBack(await sealWriteBack(noteEvent(), OTHER_KEY));
    expect(receiving.counts()).toEqual({ applied: 1, refused: 1, forged: 1, repeated: 1 });
  });
});
