import pino from 'pino';
import type { GraphQLError } from 'graphql';
import { migrateToLatest, openDatabase, type DepartmentDatabase } from '../../subgraphs/kit';
import type { SnapshotSource } from '../../policies/follow';
import { signGrantSnapshot } from '../../policies/grants/signGrantSnapshot';
import type { AccessGrant, GrantSnapshot, GrantStore } from '../../policies/grants/types';
import { verifyGrantSnapshot } from '../../policies/grants/verifyGrantSnapshot';
import type { SigningKey } from '../../policies/signing';
import type { CatalogDatabase } from '../../subgraphs/catalog/database';
import { GrantPublisher } from '../../subgraphs/catalog/GrantPublisher';
import { migrations } from '../../subgraphs/catalog/migrations';
import { newSigningKey } from '../support/newSigningKey';

/** A store that keeps what is published (signed as the stores sign it), and refuses while `down`. */
class MemoryStore implements GrantStore {
  readonly description = 'memory';
  down = false;
  snapshots: GrantSnapshot[] = [];
  readonly source: SnapshotSource = {
    description: 'memory',
    read: async () => JSON.stringify(await this.read()),
    watch: () => ({ connected: () => true, stop: () => undefined }),
  };
  async publish(grants: AccessGrant[], signingKey: SigningKey): Promise<GrantSnapshot> {
    if (this.down) throw new Error('connection refused');
    const unsigned = { version: this.snapshots.length + 1, grants };
    const snapshot = { ...unsigned, signature: await signGrantSnapshot(unsigned, signingKey) };
    this.snapshots.push(snapshot);
    return snapshot;
  }
  async read(): Promise<GrantSnapshot> {
    return this.snapshots.at(-1) ?? { version: 0, grants: [] };
  }
  follow(): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}

const log = pino({ level: 'silent' });
/** The catalog's grant signing key. */
const { key: KEY } = newSigningKey();

/** Polls until `check` passes or `ms` have passed. */
async function within(ms: number, check: () => void): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function grantRow(id: string, until: string) {
  return {
    id,
    application_id: `AA-${id.slice(2)}`,
    grantee: 'market',
    provider: 'population',
    coordinates: '["Person.householdAddress"]',
    purpose: 'application-review',
    until,
    case_bound: 0,
    approved_by: 'officer-1',
    approved_at: '2026-11-27T08:00:00.000Z',
    revoked_at: null,
    revoked_by: null,
    revoke_reason: null,
  };
}

function applicationRow(id: string) {
  return {
    id,
    applicant: 'staff-1',
    applicant_department: 'market',
    provider: 'population',
    coordinates: '["Person.householdAddress"]',
    purpose: 'application-review',
    legal_basis: 'law',
    until: '2099-01-01T00:00:00.000Z',
    case_bound: 0,
    status: 'APPROVED' as const,
    applied_at: '2026-11-27T08:00:00.000Z',
    decided_at: null,
    decided_by: null,
    reason: null,
  };
}

describe('GrantPublisher', () => {
  let database: DepartmentDatabase<CatalogDatabase>;
  let store: MemoryStore;
  let publisher: GrantPublisher;

  beforeEach(async () => {
    database = await openDatabase<CatalogDatabase>({ department: 'catalog', file: ':memory:' });
    await migrateToLatest('catalog', database.db, migrations);
    store = new MemoryStore();
    publisher = new GrantPublisher(store, KEY, database.db, log);
  });

  afterEach(async () => {
    await publisher.close();
    await database.close();
  });

  const insertGrant = async (id: string, until: string) => {
    await database.db
      .insertInto('access_applications')
      .values(applicationRow(`AA-${id.slice(2)}`))
      .execute();
    await database.db.insertInto('access_grants').values(grantRow(id, until)).execute();
  };

  it('republish → only grants neither revoked nor expired, by id', async () => {
    await insertGrant('G-000002', '2099-01-01T00:00:00.000Z');
    await insertGrant('G-000001', '2000-01-01T00:00:00.000Z');
    await publisher.republish();
    expect(store.snapshots.at(-1)!.grants.map((g) => g.id)).toEqual(['G-000002']);
  });

  it("republish → a snapshot signed with the catalog's key", async () => {
    await publisher.republish();
    expect(await verifyGrantSnapshot(store.snapshots.at(-1)!, KEY, 0)).toEqual({ kind: 'accepted' });
  });

  it('a decision whose publish fails → GRANT_STORE_UNAVAILABLE and its writes rolled back', async () => {
    store.down = true;
    const error = await publisher
      .decide(async (trx, publish) => {
        await trx.insertInto('access_applications').values(applicationRow('AA-000009')).execute();
        await trx.insertInto('access_grants').values(grantRow('G-000009', '2099-01-01T00:00:00.000Z')).execute();
        await publish();
      })
      .catch((e: GraphQLError) => e);
    expect((error as GraphQLError).extensions.code).toBe('GRANT_STORE_UNAVAILABLE');
    expect(await database.db.selectFrom('access_grants').selectAll().execute()).toEqual([]);
  });

  it('a decision that fails after publishing → the committed state is published again', async () => {
    await insertGrant('G-000001', '2099-01-01T00:00:00.000Z');
    await expect(
      publisher.decide(async (trx, publish) => {
        await trx.updateTable('access_grants').set({ revoked_at: '2026-11-27T09:00:00.000Z' }).where('id', '=', 'G-000001').execute();
        await publish();
        throw new Error('commit failed');
      }),
    ).rejects.toThrow('commit failed');
    expect(store.snapshots.map((s) => s.grants.map((g) => g.id))).toEqual([[], ['G-000001']]);
  });

  it('a grant reaches its until → the set is published again without it', async () => {
    await insertGrant('G-000001', new Date(Date.now() + 300).toISOString());
    await publisher.republish();
    expect(store.snapshots.at(-1)!.grants).toHaveLength(1);
    await within(3000, () => expect(store.snapshots.at(-1)!.grants).toEqual([]));
  });

  it('the store unreachable at start → published once it answers again', async () => {
    store.down = true;
    await publisher.republish();
    expect(store.snapshots).toEqual([]);
    store.down = false;
    // Retried every 2 s.
    await within(5000, () => expect(store.snapshots).toHaveLength(1));
  });
});
