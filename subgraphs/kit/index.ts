/** The shared subgraph runtime: what a department needs to serve its database as a subgraph. */
export { defineDepartment, loadTypeDefs, type DepartmentContext, type DepartmentDefinition, type Identity, type OwnerOf, type SeedContext } from './defineDepartment';
export type { DepartmentRuntime, DepartmentServices } from './departmentServices';
export { inheritOwner } from './enforcement/inheritOwner';
export type { ApplyMask } from './enforcement/maskMiddleware';
export type { TokenRejection } from '../../schema/contracts/TokenRejection';
export { localGatewayKeys, remoteGatewayKeys, type GatewayVerificationKeys } from '../../schema/contracts/gatewayToken';
export { runDepartmentMain } from './runDepartmentMain';
export { startSubgraph, seedIfNeverSeeded, ownDatabaseUrl, type RunningSubgraph, type StartSubgraphOptions } from './startSubgraph';
export { DEFAULT_REQUEST_BUDGET, type RequestBudget } from './budget';
export { openDatabase, databaseUrlFor, type DepartmentDatabase } from './database/openDatabase';
export { redactDatabaseUrl } from './database/redactDatabaseUrl';
export { migrateToLatest } from './database/migrateToLatest';
export { resetDatabase } from './database/resetDatabase';
export { insertInChunks } from './database/insertInChunks';
export { createEntityLoader, createGroupLoader } from './loaders';
export { containsText } from './database/containsText';
export { paginateByKey, type KeysetPage, pageArguments, toConnection, encodeCursor, decodeCursor, MAX_PAGE_SIZE, type Connection } from './connection';
export { createGraphClient, type GraphClient } from './graphClient';
export { createLogger, type CreateLoggerOptions } from '../../schema/contracts/logger/createLogger';
export { isProductionMode } from '../../schema/contracts/productionMode';
export { databaseDisclosureWriter, type DisclosureWriter } from './disclosures/DisclosureWriter';
export { EVERY_RECORD, type NewDisclosureRow, type DisclosureRow, type DisclosureAction } from './disclosures/disclosuresTable';
export { logStatisticsExtract, statisticsDisclosureRow, statisticsExtract } from './disclosures/logStatisticsExtract';
export type { WriteBackAction, WriteBackResult, DepartmentWriteBacks } from './writeBack/WriteBackAction';
export { createWriteBackReceiver, type ReceivedWriteBack, type WriteBackReceiver, type WriteBackReceiverOptions, type WriteBackCounts } from './writeBack/createWriteBackReceiver';
export type { WriteBackOptions, WriteBackHealth } from './writeBack/startWriteBacks';
export { WRITE_BACKS_TABLE, type WriteBackRow } from './writeBack/writeBacksTable';
export { createRandom, type Random } from './seed/createRandom';
export { seedWorld, seedVolumes, type SeedOptions, type SeedWorld, type SeedVolumes } from './seed/seedWorld';
export { REGIONS, streetAddress, regionByCode, type Region } from './seed/regions';
export { personName } from './seed/chineseNames';
export {
  formatResidentIdNumber,
  isValidResidentIdNumber,
  residentIdBirthDate,
  residentIdGender,
  isValidCreditCode,
  creditCodeCheckCharacter,
} from '../../schema/contracts/identifiers';
export { CODES, requestError } from '../../schema/contracts/errorCodes';
export type { DepartmentTls } from './transport/DepartmentTls';
