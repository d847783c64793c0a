import type { Generated } from 'kysely';

/**
 * The tables the files source keeps in its department's own database. Loaded data is
 * versioned: every accepted file becomes a version of its dataset (the version is the id of
 * its load), and `files_versions` points each dataset at the version readers see.
 */
export interface FilesTables {
  /** One row per file taken from the inbox, accepted or refused. */
  files_loads: FilesLoadsTable;
  /** The rows a load set aside, with why; the raw line stays here, never in a log. */
  files_quarantine: FilesQuarantineTable;
  /** The records of every kept version of every dataset. */
  files_rows: FilesRowsTable;
  /** The current version of each dataset: switched in the transaction that writes the version. */
  files_versions: FilesVersionsTable;
  /** The files a pull from an SFTP server took (`pull:`), so that none is taken twice. */
  files_pulls: FilesPullsTable;
}

export type LoadOutcome = 'accepted' | 'refused';

export interface FilesLoadsTable {
  /** Auto-assigned; an accepted load's id is also the version it wrote. */
  id: Generated<number>;
  /** Null when the file name matched no declared dataset. */
  dataset: string | null;
  file_name: string;
  /** Where the file was moved, relative to the inbox's parent folder (`processed/…`, `refused/…`). */
  stored_as: string | null;
  sha256: string;
  bytes: number;
  /** The file's header as read (JSON array), for `check`; null when it could not be read. */
  header: string | null;
  received_at: string;
  loaded_at: string;
  rows_loaded: number;
  rows_quarantined: number;
  outcome: LoadOutcome;
  /** Why the file was refused, or a note on an accepted one; never a value from the file. */
  reason: string | null;
}

export interface FilesQuarantineTable {
  load_id: number;
  /** Line of the file where the record starts (JSON: the record's position, from 1). */
  line: number;
  /** Names the column and the rule, never the value. */
  reason: string;
  raw: string;
}

export interface FilesRowsTable {
  dataset: string;
  version: number;
  key: string;
  /** Position in the file, so that lookups answer in source order. */
  position: number;
  /** The declared columns of the record, as JSON. */
  record: string;
}

export interface FilesVersionsTable {
  dataset: string;
  version: number;
  switched_at: string;
}

export interface FilesPullsTable {
  /** The server and folder, without the user: `sftp://host:22/outbox`. */
  origin: string;
  name: string;
  /** On the server, when pulled; a file with the same name but another size or time is pulled again. */
  size: number;
  /** The modification time on the server (ISO 8601, in seconds as SFTP gives it). */
  mtime: string;
  pulled_at: string;
  /** The name it was given in the inbox. */
  stored_as: string;
}
