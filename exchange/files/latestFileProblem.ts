import type { Kysely } from 'kysely';
import type { FilesTables } from './filesTables';
import type { FilesDataset } from './readFilesDataset';

/**
 * What is wrong with the latest file a dataset was sent: a declared column missing from its
 * header, or its refusal and why. Null when it fits, or when no file has been sent yet (the
 * dataset answers no records until one arrives).
 */
export async function latestFileProblem(db: Kysely<FilesTables>, dataset: FilesDataset): Promise<string | null> {
  const latest = await db
    .selectFrom('files_loads')
    .select(['file_name', 'header', 'outcome', 'reason', 'loaded_at'])
    .where('dataset', '=', dataset.name)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const header = latest.header ? (JSON.parse(latest.header) as string[]) : null;
  const missing = header ? dataset.columns.filter((column) => !header.includes(column)) : [];
  if (missing.length > 0) return `dataset ${dataset.name}: the latest file (${latest.file_name}, ${latest.loaded_at}) has no column ${missing.join(', ')}`;
  if (latest.outcome === 'refused') return `dataset ${dataset.name}: the latest file (${latest.file_name}, ${latest.loaded_at}) was refused: ${latest.reason}`;
  return null;
}
