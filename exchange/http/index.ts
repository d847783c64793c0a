/** The http source kind: a department's existing REST/JSON API, described by its OpenAPI 3 document. */
export { createHttpSource, type HttpSourceOptions } from './createHttpSource';
export { readOpenApi, type OpenApiDocument, type OpenApiOperation } from './readOpenApi';
export { ensureApiKeyFile, readApiKeyFile } from './apiKeyFile';
export { standInApiKeyFile } from './standInApiKeyFile';
export { TIMEOUT_VARIABLE } from './httpSourceSettings';
