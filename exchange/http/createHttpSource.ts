import path from 'node:path';
import type { Logger } from 'pino';
import { Agent, request } from 'undici';
import type { DatasetSpec, ExchangeSource } from '../ExchangeSource';
import { checkHttpDatasets } from './checkHttpDatasets';
import { httpSourceSettings } from './httpSourceSettings';
import { lookupHttp } from './lookupHttp';
import { planHttpDataset, type HttpDatasetPlan } from './planHttpDataset';
import { readOpenApi } from './readOpenApi';
import { sendOperation, type HttpClient } from './sendOperation';

export interface HttpSourceOptions {
  /** The `source:` block of exchange.yaml as a plain object (see httpSourceSettings). */
  source: Readonly<Record<string, unknown>>;
  /** The datasets declared, when known at start: the first one's file is exchange.yaml when `file` is not given. */
  datasets?: readonly DatasetSpec[];
  /** The department's folder, against which `openapi:` is read; by default the folder of `file`, else of the first dataset's file. */
  departmentDir?: string;
  /** The department's name in errors; by default the folder's name. */
  department?: string;
  /** exchange.yaml and the line of its `source:`, for problems that are no dataset's; by default the first dataset's file, line 1. */
  file?: string;
  line?: number;
  /** The department's data directory: where a development stand-in keeps its key (`defaultApiKeyFile:`); by default GOVGRAPH_DATA_DIR, else `.data`. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
}

/**
 * A department's existing REST/JSON API as an exchange source, described by its OpenAPI 3
 * document: a lookup calls the dataset's batch operation (many keys, one call) or its
 * per-key operation, with the department's API key where the document's security says,
 * and reads the records at the dataset's `selection` of the JSON answer.
 */
export function createHttpSource(options: HttpSourceOptions): ExchangeSource {
  const file = options.file ?? options.datasets?.[0]?.file ?? (options.departmentDir ? path.join(options.departmentDir, 'exchange.yaml') : undefined);
  const departmentDir = options.departmentDir ?? (file ? path.dirname(file) : undefined);
  if (!file || !departmentDir) throw new Error('createHttpSource: give departmentDir (the folder of exchange.yaml) or the datasets with their file');
  const department = options.department ?? path.basename(departmentDir);
  const where = { file, line: options.line ?? 1 };
  const settings = httpSourceSettings(options.source, departmentDir, options.env ?? process.env, `${file}:${where.line}`, options.dataDir);
  const document = readOpenApi(settings.openapiFile);
  const baseUrl = settings.baseUrl ?? document.servers.find((url) => /^https?:\/\//.test(url)) ?? null;
  const dispatcher = new Agent();
  const client: HttpClient = {
    department,
    baseUrl: baseUrl ?? '',
    apiKey: settings.apiKey,
    apiKeySetting: settings.apiKeySetting,
    timeoutMs: settings.timeoutMs,
    dispatcher,
    log: options.log,
  };

  /** Each dataset planned at its first lookup (unusable() has already refused a document with problems). */
  const plans = new Map<string, HttpDatasetPlan>();
  const planOf = (dataset: DatasetSpec): HttpDatasetPlan => {
    const known = plans.get(dataset.name);
    if (known) return known;
    const { plan, problems } = planHttpDataset(dataset, document);
    if (!plan) throw new Error(`${department}: dataset ${dataset.name} does not fit the API: ${problems[0]} (npx govgraph exchange check ${department} lists every problem)`);
    plans.set(dataset.name, plan);
    return plan;
  };
  const baseUrlHint =
    settings.baseUrlSetting === 'baseUrl' ? `declare baseUrl (env:NAME or a URL), or give servers in ${path.basename(document.file)}` : `set ${settings.baseUrlSetting}`;
  const keyHint =
    settings.apiKeySetting === 'apiKey'
      ? 'declare apiKey: env:NAME'
      : settings.apiKeyFile
        ? `set ${settings.apiKeySetting}, or start the stand-in at the declaration's default: (npm start), which keeps its key in ${settings.apiKeyFile}`
        : `set ${settings.apiKeySetting}`;
  const wantsKey = [...document.operations.values()].some((operation) => operation.credential !== null);
  /** What the settings lack for any call: a base URL, the key the API wants. */
  const missing = [
    ...(baseUrl ? [] : [`no base URL for the API: ${baseUrlHint}`]),
    ...(wantsKey && settings.apiKey === null ? [`the API wants a key and none is configured: ${keyHint}`] : []),
  ];
  /** What stops every call, before any is tried. */
  const unusable = (): string | null => {
    if (document.problems.length > 0) return `${department}: ${path.basename(document.file)}:${document.problems[0].line}: ${document.problems[0].message}`;
    return missing.length > 0 ? `${department}: ${missing[0]}` : null;
  };

  return {
    kind: 'http',
    async lookup(dataset, keys) {
      const reason = unusable();
      if (reason) throw new Error(reason);
      return lookupHttp(client, planOf(dataset), dataset.key, keys);
    },
    async check(datasets) {
      const problems = [...checkHttpDatasets(datasets, document, where), ...missing.map((message) => ({ ...where, message }))];
      // The declaration fits the document: then the API itself, as readiness will ask it.
      if (problems.length === 0) {
        const reason = await reachable();
        if (reason) problems.push({ ...where, message: reason.replace(`${department}: `, '') });
      }
      return problems;
    },
    async problem() {
      return unusable() ?? (await reachable());
    },
    async close() {
      await dispatcher.close();
    },
  };

  /** Whether the API answers its health operation (or, without one, its base URL); with the declaration's default:, what starts it. */
  async function reachable(): Promise<string | null> {
    const reason = await answers();
    if (!reason || !settings.usingDefault) return reason;
    return `${reason}; ${baseUrl} is the declaration's default:, a stand-in that npm start runs (or set ${settings.baseUrlSetting} and ${settings.apiKeySetting} to the API's own)`;
  }

  async function answers(): Promise<string | null> {
    if (settings.healthOperation) {
      const operation = document.operations.get(settings.healthOperation);
      if (!operation) return `${department}: the health operation ${settings.healthOperation} is not in ${path.basename(document.file)}`;
      try {
        const answer = await sendOperation(client, operation, []);
        return answer.status === 404 ? `${department}: the API's ${operation.operationId} answered HTTP 404` : null;
      } catch (error) {
        return (error as Error).message;
      }
    }
    return probeBaseUrl(client);
  }
}

/** Without a health operation: the API is up when its base URL answers anything below 500. */
async function probeBaseUrl(client: HttpClient): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), client.timeoutMs);
  const host = new URL(client.baseUrl).host;
  try {
    const answer = await request(client.baseUrl, { method: 'GET', dispatcher: client.dispatcher, signal: controller.signal });
    await answer.body.dump();
    return answer.statusCode >= 500 ? `${client.department}: the API at ${host} answers HTTP ${answer.statusCode}` : null;
  } catch (error) {
    return controller.signal.aborted
      ? `${client.department}: the API at ${host} did not answer within ${client.timeoutMs} ms`
      : `${client.department}: the API at ${host} is unreachable (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`;
  } finally {
    clearTimeout(timer);
  }
}
