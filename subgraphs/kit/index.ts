/** The shared subgraph runtime: what a department needs to serve its database as a subgraph. */
export { defineDepartment, loadTypeDefs, type DepartmentContext, type DepartmentDefinition, type Identity } from './defineDepartment';
export { runDepartmentMain } from './runDepartmentMain';
export { startSubgraph, seedIfNeverSeeded, type RunningSubgraph, type StartSubgraphOptions } from './startSubgraph';
export { openDatabase, databaseUrlFor, type DepartmentDatabase } from './database/openDatabase';
export { migrateToLatest } from './database/migrateToLatest';
export { resetDatabase } from './database/resetDatabase';
export { createEntityLoader, createGroupLoader } from './loaders';
export { pageArguments, toConnection, encodeCursor, decodeCursor, MAX_PAGE_SIZE, type Connection } from './connection';
export { createGraphClient, type GraphClient } from './graphClient';
export { createLogger } from './createLogger';
export { createRandom, type Random } from './seed/createRandom';
export { seedWorld, seedVolumes, type SeedOptions, type SeedWorld, type SeedVolumes } from './seed/seedWorld';
export { REGIONS, streetAddress, regionByCode, type Region } from './seed/regions';
export { personName } from './seed/chineseNames';
export { formatResidentIdNumber, isValidResidentIdNumber, residentIdBirthDate, residentIdGender } from './identifiers/residentIdNumber';
export { isValidCreditCode, creditCodeCheckCharacter } from './identifiers/unifiedSocialCreditCode';
export { requestError } from '../../schema/errorCodes';
