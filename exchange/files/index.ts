/**
 * The files source of the exchange center: CSV or JSON files dropped into a department's
 * inbox (as its FTP/SFTP exchange delivers them), loaded as versions into the department's
 * own database. The adapter creates it with `createFilesSource`, calls `start()` when the
 * department starts and `close()` when it stops; `govgraph exchange load|loads` use the rest.
 */
export { createFilesSource, type FilesSource, type FilesSourceOptions, type LatestLoad } from './createFilesSource';
export type { LoadResult } from './loadClaimedFile';
export { filesMigrations, migrateFilesTables } from './filesMigrations';
export type { PullDetails } from './createSftpPuller';
export type { PullOutcome } from './pullSftp';
export type { FilesTables, LoadOutcome } from './filesTables';
export { inboxFolders, isTemporaryName, type InboxFolders } from './inboxFolders';
export { openFilesDatabase, type FilesDatabaseOptions } from './openFilesDatabase';
export { listLoads, quarantineOf, type LoadSummary, type QuarantineEntry } from './listLoads';
export { DEFAULT_MAX_BAD_SHARE, type ColumnRule, type FileEncoding, type FileFormat } from './readFilesDataset';
