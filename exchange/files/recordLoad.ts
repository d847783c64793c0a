import type { Kysely } from 'kysely';
import { insertInChunks } from '../../subgraphs/kit';
import type { FilesTables } from './filesTables';
import type { LoadPlan } from './planLoad';

export interface LoadMeta {
  dataset: string | null;
  fileName: string;
  sha256: string;
  bytes: number;
  receivedAt: string;
}

/**
 * Records a load and, when the file is accepted, writes its rows as a new version and points
 * the dataset at it, all in ONE transaction: a reader (one statement, see `lookupRows`) sees
 * the previous version or the new one, never part of it; a failure leaves nothing behind.
 * The pointer only moves forward, so two loaders finishing out of order cannot bring back an
 * older version. Versions before the previous one are dropped afterwards (their files stay
 * in `processed/`); the previous one is kept for readers that resolved it a moment ago.
 */
export async function recordLoad(db: Kysely<FilesTables>, meta: LoadMeta, plan: LoadPlan): Promise<number> {
  const accepted = plan.refusal === null;
  const now = new Date().toISOString();
  const { id, previous } = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('files_loads')
      .values({
        dataset: meta.dataset,
        file_name: meta.fileName,
        stored_as: null,
        sha256: meta.sha256,
        bytes: meta.bytes,
        header: plan.header ? JSON.stringify(plan.header) : null,
        received_at: meta.receivedAt,
        loaded_at: now,
        rows_loaded: accepted ? plan.rows.length : 0,
        rows_quarantined: plan.quarantined.length,
        outcome: accepted ? 'accepted' : 'refused',
        reason: plan.refusal,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const loadId = Number(id);
    await insertInChunks(
      plan.quarantined.map((q) => ({ load_id: loadId, line: q.line, reason: q.reason, raw: q.raw })),
      (chunk) => trx.insertInto('files_quarantine').values(chunk).execute(),
    );
    if (!accepted || meta.dataset === null) return { id: loadId, previous: null };
    const dataset = meta.dataset;
    await insertInChunks(
      plan.rows.map((row) => ({ dataset, version: loadId, key: row.key, position: row.position, record: JSON.stringify(row.record) })),
      (chunk) => trx.insertInto('files_rows').values(chunk).execute(),
    );
    const current = await trx.selectFrom('files_versions').select('version').where('dataset', '=', dataset).executeTakeFirst();
    await trx
      .insertInto('files_versions')
      .values({ dataset, version: loadId, switched_at: now })
      .onConflict((oc) => oc.column('dataset').doUpdateSet({ version: loadId, switched_at: now }).where('files_versions.version', '<', loadId))
      .execute();
    return { id: loadId, previous: current ? Number(current.version) : null };
  });
  if (previous !== null && meta.dataset !== null) {
    await db.deleteFrom('files_rows').where('dataset', '=', meta.dataset).where('version', '<', previous).execute();
  }
  return id;
}
