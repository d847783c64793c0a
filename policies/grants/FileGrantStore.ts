import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileSnapshotSource, type SnapshotSource } from '../follow';
import type { PublicSigningKey, SigningKey } from '../signing';
import { followGrantSnapshots } from './followGrantSnapshots';
import { EMPTY_SNAPSHOT, parseGrantSnapshot } from './parseGrantSnapshot';
import { signGrantSnapshot } from './signGrantSnapshot';
import type { AccessGrant, GrantSnapshot, GrantStore } from './types';

export interface FileGrantStoreOptions {
  /**
   * How often followers also re-read the file, in case the file system drops a change
   * notification (network file systems do); fs.watch is what makes changes arrive at once.
   */
  pollMs?: number;
}

/**
 * Grants published as one JSON file (embedded mode: `<data dir>/grants.json`), shared by
 * the processes of one machine. A publish writes a temporary file beside it and renames it
 * over, so a reader sees the old snapshot or the new one, never half of one. One publisher
 * (the catalog) is assumed: two publishing at once could both write the same version. Anyone
 * who can write the file can write anything there; followers put in force only what the
 * catalog's key signed.
 */
export class FileGrantStore implements GrantStore {
  readonly description: string;
  readonly source: SnapshotSource;
  private readonly stops = new Set<() => void>();

  constructor(
    readonly file: string,
    options: FileGrantStoreOptions = {},
  ) {
    this.description = `file ${file}`;
    this.source = fileSnapshotSource(file, { pollMs: options.pollMs });
  }

  async publish(grants: AccessGrant[], signingKey: SigningKey): Promise<GrantSnapshot> {
    const current = await this.read();
    const unsigned: GrantSnapshot = { version: current.version + 1, grants };
    const snapshot: GrantSnapshot = { ...unsigned, signature: await signGrantSnapshot(unsigned, signingKey) };
    const dir = path.dirname(this.file);
    await fs.promises.mkdir(dir, { recursive: true });
    const temporary = path.join(dir, `.${path.basename(this.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await fs.promises.open(temporary, 'w', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(snapshot, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.promises.rename(temporary, this.file);
    } catch (error) {
      await fs.promises.rm(temporary, { force: true });
      throw error;
    }
    return snapshot;
  }

  async read(): Promise<GrantSnapshot> {
    let text: string | null;
    try {
      text = await this.source.read();
    } catch (error) {
      throw new Error(`${this.file}: cannot read the published grants (${(error as Error).message})`);
    }
    return text === null ? EMPTY_SNAPSHOT : parseGrantSnapshot(text, this.file);
  }

  follow(publicKey: PublicSigningKey, onChange: (snapshot: GrantSnapshot) => void, onError?: (error: Error) => void): () => void {
    const follow = followGrantSnapshots(this.source, publicKey, onChange, onError);
    const stop = (): void => {
      void follow.stop();
      this.stops.delete(stop);
    };
    this.stops.add(stop);
    return stop;
  }

  async close(): Promise<void> {
    for (const stop of [...this.stops]) stop();
  }
}
