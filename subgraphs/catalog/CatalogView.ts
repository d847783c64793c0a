import fs from 'node:fs';
import type { Logger } from 'pino';
import type { PolicySet } from '../../policies';
import { buildCatalogAsync, type CatalogEntry } from '../../schema/catalog/catalogEntries';
import { readResourceCodes } from '../../schema/catalog/resourceCodes';

export interface CatalogViewSource {
  /** The policies in force (the subgraph's own, which follow every reload). */
  policies(): PolicySet;
  supergraphFile: string;
  resourceCodesFile: string;
  log: Logger;
}

interface Built {
  key: string;
  entries: Promise<readonly CatalogEntry[]>;
  byCoordinate: Promise<ReadonlyMap<string, CatalogEntry>>;
}

function stamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'absent';
  }
}

/**
 * The catalog as the policies in force and the supergraph file say now: rebuilt when the
 * policies are reloaded or the supergraph or resource codes are rewritten (a department
 * added a field), otherwise served from memory. A build that fails keeps the last good one.
 */
export class CatalogView {
  private built: Built | null = null;
  private lastGood: Built | null = null;

  constructor(private readonly source: CatalogViewSource) {}

  policies(): PolicySet {
    return this.source.policies();
  }

  private current(): Built {
    const policies = this.source.policies();
    const key = `${policies.hash}|${stamp(this.source.supergraphFile)}|${stamp(this.source.resourceCodesFile)}`;
    if (this.built?.key === key) return this.built;
    const entries = buildCatalogAsync({
      supergraphSdl: fs.readFileSync(this.source.supergraphFile, 'utf8'),
      policies,
      codes: readResourceCodes(this.source.resourceCodesFile),
    });
    const built: Built = { key, entries, byCoordinate: entries.then((list) => new Map(list.map((entry) => [entry.coordinate, entry]))) };
    this.built = built;
    entries.then(
      () => (this.lastGood = built),
      (error: Error) => {
        this.source.log.error({ err: { message: error.message } }, 'catalog build failed; the last good catalog stays');
        if (this.built === built) this.built = this.lastGood;
      },
    );
    return built;
  }

  /** Every entry, sorted by coordinate. */
  async entries(): Promise<readonly CatalogEntry[]> {
    try {
      return await this.current().entries;
    } catch (error) {
      if (this.lastGood) return this.lastGood.entries;
      throw error;
    }
  }

  async entry(coordinate: string): Promise<CatalogEntry | undefined> {
    try {
      return (await this.current().byCoordinate).get(coordinate);
    } catch (error) {
      if (this.lastGood) return (await this.lastGood.byCoordinate).get(coordinate);
      throw error;
    }
  }
}
