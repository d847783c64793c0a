import path from 'node:path';
import { isProductionMode } from '../../schema/contracts/productionMode';
import { envVariableOf } from '../adapter/resolveSourceSettings';
import { resolveDataPath } from '../resolveDataPath';
import { readApiKeyFile } from './apiKeyFile';

/** The `source:` block of an http declaration, its values read from the environment. */
export interface HttpSourceSettings {
  openapiFile: string;
  /** Null when neither the variable, `default:` nor the document's `servers` give one (the document fills it in later). */
  baseUrl: string | null;
  /** Where the base URL comes from, for messages: `FUND_API_URL` or `baseUrl`. */
  baseUrlSetting: string;
  apiKey: string | null;
  /** The variable the key comes from, for messages: `FUND_API_KEY`. */
  apiKeySetting: string;
  /**
   * The stand-in's key file (absolute) when it applies: the base URL is the declaration's
   * `default:`, the key variable is unset, and this is not production. Null otherwise.
   */
  apiKeyFile: string | null;
  /** True when the base URL is the declaration's `default:` (the stand-in), not the environment's. */
  usingDefault: boolean;
  timeoutMs: number;
  /** An operationId that answers 2xx when the API is up, for readiness; null: probe the base URL. */
  healthOperation: string | null;
}

const SETTINGS = ['kind', 'openapi', 'baseUrl', 'default', 'apiKey', 'defaultApiKeyFile', 'timeoutMs', 'health'];
const DEFAULT_TIMEOUT_MS = 2000;
/** Overrides every http source's `timeoutMs` in this process: for an operator who must wait longer (or a test that cannot wait as long). */
export const TIMEOUT_VARIABLE = 'GOVGRAPH_HTTP_SOURCE_TIMEOUT_MS';

/**
 * Reads the `source:` block of an http declaration:
 *
 *   source:
 *     kind: http
 *     openapi: openapi.yaml            # relative to the department's folder
 *     baseUrl: env:FUND_API_URL        # or a URL written out
 *     default: http://127.0.0.1:4107   # when the variable is not set
 *     apiKey: env:FUND_API_KEY         # sent as the OpenAPI's securitySchemes say
 *     defaultApiKeyFile: .data/exchange/fund/stand-in-api-key   # the stand-in's key, with default: only
 *     timeoutMs: 2000                  # GOVGRAPH_HTTP_SOURCE_TIMEOUT_MS overrides it
 *     health: getHealth                # optional: an operation for readiness
 *
 * A declaration that cannot work throws at once, naming the file and how to fix it. The API
 * key can only come from the environment: a key written in exchange.yaml would be committed
 * with it. The one exception is a development stand-in's own key, which its server keeps in
 * the data directory (never committed): it is read only while the base URL is the
 * declaration's `default:` and the key variable is unset, and never in production.
 */
export function httpSourceSettings(
  source: Readonly<Record<string, unknown>>,
  departmentDir: string,
  env: NodeJS.ProcessEnv,
  where: string,
  dataDir: string = path.resolve(env.GOVGRAPH_DATA_DIR ?? '.data'),
): HttpSourceSettings {
  const fail = (message: string): never => {
    throw new Error(`${where}: source: ${message}`);
  };
  if (source.kind !== 'http') fail(`kind is ${String(source.kind)}, not http`);
  for (const name of Object.keys(source)) if (!SETTINGS.includes(name)) fail(`an http source has no setting "${name}"; its settings are ${SETTINGS.join(', ')}`);
  if (typeof source.openapi !== 'string' || source.openapi === '') fail("openapi: give the path of the API's OpenAPI 3 document, relative to the department's folder");

  let baseUrl: string | null = null;
  let baseUrlSetting = 'baseUrl';
  let usingDefault = false;
  if (source.baseUrl !== undefined) {
    if (typeof source.baseUrl !== 'string') fail('baseUrl must be env:NAME or a URL');
    const variable = envVariableOf(source.baseUrl);
    baseUrlSetting = variable ?? 'baseUrl';
    const fromDefault = typeof source.default === 'string' ? source.default : null;
    usingDefault = variable !== null && !env[variable]?.trim() && fromDefault !== null;
    baseUrl = variable ? env[variable]?.trim() || fromDefault : (source.baseUrl as string);
    if (baseUrl !== null && !/^https?:\/\/[^/]/.test(baseUrl)) fail(`${baseUrlSetting} must be an http:// or https:// URL`);
  } else if (source.default !== undefined) fail('default is the base URL used when the baseUrl variable is not set; give baseUrl: env:NAME with it');

  let apiKey: string | null = null;
  let apiKeySetting = 'apiKey';
  if (source.apiKey !== undefined) {
    const variable = envVariableOf(source.apiKey);
    if (!variable) fail('apiKey must be env:NAME: a key written in exchange.yaml would be committed with it');
    apiKeySetting = variable!;
    apiKey = env[variable!]?.trim() || null;
  }

  let apiKeyFile: string | null = null;
  if (source.defaultApiKeyFile !== undefined) {
    if (typeof source.defaultApiKeyFile !== 'string' || source.defaultApiKeyFile.trim() === '')
      fail('defaultApiKeyFile must be a path in the data directory, e.g. .data/exchange/<department>/stand-in-api-key');
    if (source.apiKey === undefined || source.default === undefined) fail('defaultApiKeyFile is the key of the stand-in at default:; give it with apiKey: env:NAME and default:');
    if (usingDefault && apiKey === null && !isProductionMode(env)) {
      apiKeyFile = resolveDataPath(dataDir, (source.defaultApiKeyFile as string).trim());
      try {
        apiKey = readApiKeyFile(apiKeyFile);
      } catch (error) {
        fail(`defaultApiKeyFile: ${(error as Error).message}`);
      }
    }
  }

  const timeoutMs = timeoutFrom(env) ?? source.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || (timeoutMs as number) <= 0) fail('timeoutMs must be a positive whole number of milliseconds');
  if (source.health !== undefined && typeof source.health !== 'string') fail('health must be an operationId');

  return {
    openapiFile: path.resolve(departmentDir, source.openapi as string),
    baseUrl,
    baseUrlSetting,
    apiKey,
    apiKeySetting,
    apiKeyFile,
    usingDefault,
    timeoutMs: timeoutMs as number,
    healthOperation: (source.health as string | undefined) ?? null,
  };
}

/** GOVGRAPH_HTTP_SOURCE_TIMEOUT_MS when set; a value that is not a positive whole number stops the source rather than be ignored. */
function timeoutFrom(env: NodeJS.ProcessEnv): number | undefined {
  const written = env[TIMEOUT_VARIABLE]?.trim();
  if (!written) return undefined;
  if (!/^[1-9][0-9]*$/.test(written)) throw new Error(`${TIMEOUT_VARIABLE} must be a positive whole number of milliseconds, not ${JSON.stringify(written)}`);
  return Number(written);
}
