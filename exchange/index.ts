/**
 * The exchange center: departments that join the graph by declaration over the systems they
 * already run (a database, a REST API, files dropped for exchange). A department folder calls
 * `adapterDepartment(__dirname)`; the CLI checks declarations against their sources.
 */
export { adapterDepartment, type AdapterDepartmentOptions, type StandInTarget } from './adapterDepartment';
export type { DatasetSpec, ExchangeProblem, ExchangeSource, ExchangeSourceOptions, SourceRecord } from './ExchangeSource';
export { resolveDataPath } from './resolveDataPath';
export { readAdapterModel, DECLARATION_FILE, SCHEMA_FILE, type AdapterFiles } from './declaration/readAdapterModel';
export { DeclarationError, formatProblem } from './declaration/DeclarationError';
export type { AdapterModel } from './declaration/bindDeclaration';
export type { ExchangeDeclaration } from './declaration/ExchangeDeclaration';
export { openSource } from './adapter/openSource';
export { resolveSourceSettings } from './adapter/resolveSourceSettings';
export type { AdapterServices } from './adapter/AdapterServices';
export { checkDepartmentSource, type SourceCheck } from './checkDepartmentSource';
export { scaffoldSqlDeclaration, fieldNameOf, type SqlScaffoldInput } from './scaffoldSqlDeclaration';
