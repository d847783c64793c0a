import type DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { ExchangeSource, SourceRecord } from '../ExchangeSource';

/** What an adapter department keeps while it runs (`ctx.services`): its source, and what it has counted. */
export interface AdapterServices {
  source: ExchangeSource;
  log: Logger;
  /** Values its sources held that mapped to no code or enum value since it started (`/health` unmappedCodes). */
  unmappedCodes: number;
}

/** Per request: one DataLoader per dataset, made on first use (`createLoaders` gives the empty map). */
export type AdapterLoaders = Map<string, DataLoader<string, SourceRecord[]>>;
